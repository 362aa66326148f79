"""The office's publications as CSV: exactly what kind and status select, every page."""

from __future__ import annotations

import re
import uuid

from apik_testing.services import RunningService
from apik_testing.spreadsheets import csv_records
from apik_testing.tokens import TestTokens
from tests.prevention.builders import ARTICLES, PROBLEM, article_at


async def test_the_csv_holds_every_article_the_filters_select(
    prevention: RunningService, tokens: TestTokens
):
    office = "PB" + uuid.uuid4().hex[:6].upper()
    writer = tokens.headers("prevention_officer", office=office, username="penulis")
    head = tokens.headers("head", office=office, username="kepala")
    await article_at(prevention, writer, head, "published", title="Siaran Satu")
    await article_at(prevention, writer, head, "review", title="Siaran Dua")
    await article_at(prevention, writer, head, "draft", kind="news", title="+Berita Tiga")
    await article_at(prevention, tokens.headers("prevention_officer", office="LAIN"), head, "draft")

    answer = await prevention.client.get(
        ARTICLES, params={"kind": "press_release", "format": "csv"}, headers=head
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="publikasi.csv"' in answer.headers["content-disposition"]
    rows = csv_records(answer.content)
    assert [r["Judul"] for r in rows] == ["Siaran Dua", "Siaran Satu"]  # newest first
    [published] = [r for r in rows if r["Judul"] == "Siaran Satu"]
    assert published["Jenis"] == "Siaran pers" and published["Status"] == "Terbit"
    assert re.fullmatch(r"\d{3,}/HM\.01/[IVX]+/\d{4}", published["Nomor"]), published
    assert published["Penulis"] == "penulis" and published["Disetujui oleh"] == "kepala"
    assert published["Diterbitkan"].endswith("+07:00") and published["Kantor"] == office

    drafts = await prevention.client.get(
        ARTICLES, params={"status": "draft", "format": "csv"}, headers=writer
    )
    [draft] = csv_records(drafts.content)
    assert draft["Judul"] == "'+Berita Tiga" and draft["Jenis"] == "Berita"
    listed = await prevention.client.get(ARTICLES, params={"status": "draft"}, headers=writer)
    assert [a["title"] for a in listed.json()["items"]] == ["+Berita Tiga"]


async def test_a_bad_filter_is_a_problem_naming_it(
    prevention: RunningService, enumerator: dict[str, str]
):
    for params, name in (
        ({"kind": "poem", "format": "csv"}, "kind"),
        ({"status": "gone", "format": "csv"}, "status"),
        ({"format": "csv", "delimiter": "pipe"}, "delimiter"),
    ):
        answer = await prevention.client.get(ARTICLES, params=params, headers=enumerator)
        assert answer.status_code == 422, params
        assert answer.headers["content-type"] == PROBLEM
        assert answer.json()["errors"][0]["pointer"] == f"#/query/{name}"


async def test_the_csv_speaks_english_when_asked_by_lang_or_accept_language(
    prevention: RunningService, tokens: TestTokens
):
    office = "PB" + uuid.uuid4().hex[:6].upper()
    writer = tokens.headers("prevention_officer", office=office, username="penulis")
    head = tokens.headers("head", office=office, username="kepala")
    await article_at(prevention, writer, head, "review", title="Siaran Dua")

    async def first_row(params: dict[str, str], **extra: str) -> dict[str, str]:
        answer = await prevention.client.get(
            ARTICLES, params={"format": "csv", **params}, headers={**head, **extra}
        )
        assert answer.status_code == 200, answer.text
        [row] = csv_records(answer.content)
        return row

    english = await first_row({"lang": "en"})
    assert list(english)[:3] == ["Title", "Kind", "Status"]
    assert english["Kind"] == "Press release" and english["Status"] == "In review"
    assert english["Created"].endswith("+07:00")  # the office's zone, in either language
    by_header = await first_row({}, **{"Accept-Language": "en-GB,en;q=0.9,id;q=0.5"})
    assert by_header == english
    # The query wins over the header; without either, Bahasa Indonesia.
    indonesian = await first_row({"lang": "id"}, **{"Accept-Language": "en"})
    assert indonesian["Jenis"] == "Siaran pers" and indonesian["Status"] == "Ditelaah"
    assert await first_row({}) == indonesian


async def test_a_language_not_offered_is_a_problem_naming_lang(
    prevention: RunningService, enumerator: dict[str, str]
):
    for lang in ("fr", "EN", ""):
        answer = await prevention.client.get(
            ARTICLES, params={"format": "csv", "lang": lang}, headers=enumerator
        )
        assert answer.status_code == 422, (lang, answer.text)
        assert answer.headers["content-type"] == PROBLEM
        assert answer.json()["errors"][0]["pointer"] == "#/query/lang"
