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
