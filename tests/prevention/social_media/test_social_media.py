"""The social media log: a post entered, its figures read again, a sheet (CSV or XLSX)
imported all or nothing with each wrong cell named, imported twice without duplicates,
and the year's totals per platform."""

from __future__ import annotations

import io

from openpyxl import Workbook

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import PROBLEM, SOCIAL, article_at

CSV_SHEET = (
    "Platform;Tautan;Tanggal;Jangkauan;Tayangan;Interaksi;Keterangan\n"
    "instagram;https://instagram.com/p/kaur-1;14/08/2025;1.200;3.400;150;Klinik pengaduan\n"
    "facebook;https://facebook.com/ori/posts/2;2025-08-15;800;1000;20;\n"
)


def _xlsx(rows: list[tuple[object, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("platform", "url", "posted_on", "reach", "impressions", "engagement"))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_a_post_is_logged_and_its_figures_read_again(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    body = {
        "platform": "tiktok",
        "url": "https://tiktok.com/@ombudsman/video/1",
        "posted_on": "2025-03-02",
        "caption": "Sosialisasi desa anti maladministrasi",
        "reach": 10,
        "impressions": 12,
        "engagement": 1,
    }
    made = await prevention.client.post(SOCIAL, json=body, headers=enumerator)
    assert made.status_code == 201, made.text
    assert made.json()["source"] == "entered"
    again = await prevention.client.post(SOCIAL, json=body, headers=enumerator)
    assert again.status_code == 409, again.text
    url = f"{SOCIAL}/{made.json()['id']}"
    figures = {"reach": 900, "impressions": 1500, "engagement": 75}
    updated = await prevention.client.put(
        f"{url}/figures", json=figures, headers={**enumerator, "If-Match": made.headers["ETag"]}
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["reach"] == 900 and updated.json()["history"][-1]["step"] == "figures"
    stale = await prevention.client.put(
        f"{url}/figures", json=figures, headers={**enumerator, "If-Match": made.headers["ETag"]}
    )
    assert stale.status_code == 412
    negative = await prevention.client.post(
        SOCIAL, json={**body, "url": "https://tiktok.com/2", "reach": -1}, headers=enumerator
    )
    assert negative.status_code == 422
    assert negative.json()["errors"][0]["pointer"] == "#/body/reach"
    assert (await prevention.client.get(url, headers=tokens_other)).status_code == 404


async def test_a_sheet_is_imported_and_importing_it_again_duplicates_nothing(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    first = await prevention.client.post(
        f"{SOCIAL}/import", content=CSV_SHEET.encode(), headers=enumerator
    )
    assert first.status_code == 200, first.text
    assert first.json() == {"created": 2, "updated": 0}
    again = await prevention.client.post(
        f"{SOCIAL}/import",
        content=CSV_SHEET.replace("1.200", "1.500").encode(),
        headers=enumerator,
    )
    assert again.json() == {"created": 0, "updated": 2}
    listed = await prevention.client.get(
        SOCIAL, params={"since": "2025-08-01", "until": "2025-08-31"}, headers=enumerator
    )
    posts = {p["url"]: p for p in listed.json()}
    assert len(posts) == 2
    post = posts["https://instagram.com/p/kaur-1"]
    assert post["reach"] == 1500 and post["impressions"] == 3400 and post["source"] == "import"
    assert [h["step"] for h in post["history"]] == ["imported", "imported"]

    workbook = _xlsx([("youtube", "https://youtube.com/watch?v=abc", "2025-08-20", 50, 60, 5)])
    sheet = await prevention.client.post(f"{SOCIAL}/import", content=workbook, headers=enumerator)
    assert sheet.status_code == 200, sheet.text
    assert sheet.json() == {"created": 1, "updated": 0}

    totals = await prevention.client.get(
        f"{SOCIAL}/totals", params={"year": 2025}, headers=enumerator
    )
    assert totals.status_code == 200, totals.text
    by_platform = {p["platform"]: p for p in totals.json()["platforms"]}
    assert by_platform["instagram"] == {
        "platform": "instagram",
        "posts": 1,
        "reach": 1500,
        "impressions": 3400,
        "engagement": 150,
    }
    assert by_platform["youtube"]["posts"] == 1


async def test_a_wrong_sheet_names_each_cell_and_imports_nothing(
    prevention: RunningService, tokens: TestTokens
) -> None:
    officer = tokens.headers("prevention_officer", office="SHEET", username="humas")
    workbook = _xlsx(
        [
            ("instagram", "https://instagram.com/p/ok", "2025-09-01", 1, 2, 3),
            ("instagram", "bukan-tautan", "2025-09-02", "banyak", 2, 3),
        ]
    )
    answer = await prevention.client.post(f"{SOCIAL}/import", content=workbook, headers=officer)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
    errors = {e["pointer"]: e["detail"] for e in answer.json()["errors"]}
    assert set(errors) == {"#/body/rows/3/url", "#/body/rows/3/reach"}
    assert "whole number" in errors["#/body/rows/3/reach"]
    said = {e["pointer"]: e["code"] for e in answer.json()["errors"]}
    assert said == {"#/body/rows/3/url": "url_parsing", "#/body/rows/3/reach": "int_parsing"}
    assert await prevention.scalar("SELECT count(*) FROM social_post WHERE office = 'SHEET'") == 0

    headless = await prevention.client.post(
        f"{SOCIAL}/import", content=b"a,b\n1,2\n", headers=officer
    )
    assert headless.status_code == 422
    missing = {e["pointer"]: (e["code"], e["params"]) for e in headless.json()["errors"]}
    assert missing["#/body/rows/1/url"] == ("no_such_column", {"column": "url"})
    garbage = await prevention.client.post(
        f"{SOCIAL}/import", content=b"\xff\xfe\x00bad", headers=officer
    )
    assert garbage.status_code == 422, garbage.text
    broken = await prevention.client.post(
        f"{SOCIAL}/import", content=b"PK\x03\x04broken", headers=officer
    )
    assert broken.status_code == 422, broken.text
    nul = CSV_SHEET.replace("https://instagram.com/p/kaur-1", "https://instagram.com/p/\x00")
    refused = await prevention.client.post(
        f"{SOCIAL}/import", content=nul.encode(), headers=officer
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["pointer"] == "#/body/rows/2/url"
    huge = b"platform,url\n" + b'"' + b"x" * 200_000 + b'"\n'
    too_long = await prevention.client.post(f"{SOCIAL}/import", content=huge, headers=officer)
    assert too_long.status_code == 422, too_long.text
    assert await prevention.scalar("SELECT count(*) FROM social_post WHERE office = 'SHEET'") == 0


async def test_a_post_names_an_article_of_its_own_office_only(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    tokens_other: dict[str, str],
) -> None:
    article, _ = await article_at(prevention, enumerator, head, "published", kind="news")
    body = {
        "platform": "facebook",
        "url": "https://facebook.com/ori/posts/rilis-1",
        "posted_on": "2025-10-01",
        "reach": 5,
        "impressions": 6,
        "engagement": 1,
        "article_id": article["id"],
    }
    foreign = await prevention.client.post(SOCIAL, json=body, headers=tokens_other)
    assert foreign.status_code == 422, foreign.text
    assert foreign.json()["errors"][0]["pointer"] == "#/body/article_id"
    linked = await prevention.client.post(SOCIAL, json=body, headers=enumerator)
    assert linked.status_code == 201, linked.text
    assert linked.json()["article_id"] == article["id"]
