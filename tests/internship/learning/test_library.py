"""The learning library through the API: supervisors publish versions, interns read and
acknowledge each, supervisors record module tests, scored by N-gain."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import PROBLEM, V1, accepted, link_account

LEARNING = f"{V1}/learning"
GUIDE = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


async def material(
    internship: RunningService, supervisor: dict[str, str], kind: str, title: str
) -> dict[str, Any]:
    answer = await internship.client.post(
        f"{LEARNING}/materials", json={"kind": kind, "title": title}, headers=supervisor
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def publish(
    internship: RunningService, supervisor: dict[str, str], material_id: str, note: str
) -> dict[str, Any]:
    answer = await internship.client.post(
        f"{LEARNING}/materials/{material_id}/versions",
        params={"filename": "panduan-magang.pdf", "note": note},
        content=GUIDE,
        headers={**supervisor, "Content-Type": "application/octet-stream"},
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def an_intern(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens, username: str
) -> tuple[dict[str, Any], dict[str, str]]:
    filed = await accepted(internship, supervisor)
    await link_account(internship, supervisor, filed["id"], username)
    return filed, tokens.headers("intern", office="KAB", username=username)


async def test_an_intern_acknowledges_each_version_of_the_guidebook(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    filed, intern = await an_intern(internship, supervisor, tokens, "magang.lib1")
    guide = await material(internship, supervisor, "guidebook", "Buku Panduan Magang")
    first = await publish(internship, supervisor, guide["id"], "edisi pertama")
    assert first["number"] == 1 and first["media_type"] == "application/pdf"

    download = await internship.client.get(
        f"{LEARNING}/versions/{first['id']}/file", headers=intern
    )
    assert download.status_code == 200 and download.content == GUIDE

    ack = f"{LEARNING}/versions/{first['id']}/acknowledgement"
    once = await internship.client.post(ack, headers=intern)
    twice = await internship.client.post(ack, headers=intern)
    assert (once.status_code, twice.status_code) == (201, 200)
    assert once.json() == twice.json() and once.json()["application_id"] == filed["id"]

    mine = (await internship.client.get(f"{LEARNING}/mine", headers=intern)).json()
    [entry] = [m for m in mine if m["material"]["id"] == guide["id"]]
    assert entry["acknowledged_latest"] is True and entry["latest_version_id"] == first["id"]

    # A new version asks to be read again.
    second = await publish(internship, supervisor, guide["id"], "bab SOP Tombol Merah")
    assert second["number"] == 2
    mine = (await internship.client.get(f"{LEARNING}/mine", headers=intern)).json()
    [entry] = [m for m in mine if m["material"]["id"] == guide["id"]]
    assert entry["acknowledged_latest"] is False and entry["latest_version_id"] == second["id"]

    seen = await internship.client.get(
        f"{LEARNING}/versions/{first['id']}/acknowledgements", headers=supervisor
    )
    assert [a["application_id"] for a in seen.json()] == [filed["id"]]
    versions = await internship.client.get(
        f"{LEARNING}/materials/{guide['id']}/versions", headers=intern
    )
    assert [v["number"] for v in versions.json()] == [2, 1]


async def test_only_a_linked_intern_acknowledges_and_only_supervisors_publish(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    guide = await material(internship, supervisor, "sop", "SOP Pelayanan")
    version = await publish(internship, supervisor, guide["id"], "v1")
    stranger = tokens.headers("intern", office="KAB", username="tidak.terdaftar")
    refused = await internship.client.post(
        f"{LEARNING}/versions/{version['id']}/acknowledgement", headers=stranger
    )
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    as_intern = await internship.client.post(
        f"{LEARNING}/materials", json={"kind": "sop", "title": "Palsu"}, headers=stranger
    )
    assert as_intern.status_code == 403
    elsewhere = tokens.headers("intern_supervisor", office="LAIN", username="lain")
    hidden = await internship.client.get(
        f"{LEARNING}/versions/{version['id']}/file", headers=elsewhere
    )
    assert hidden.status_code == 404


async def test_a_file_that_is_not_a_document_is_refused_naming_the_body(
    internship: RunningService, supervisor: dict[str, str]
):
    guide = await material(internship, supervisor, "module", "Modul Maladministrasi")
    answer = await internship.client.post(
        f"{LEARNING}/materials/{guide['id']}/versions",
        params={"filename": "modul.pdf"},
        content=b"MZ\x90\x00 not a pdf",
        headers={**supervisor, "Content-Type": "application/octet-stream"},
    )
    assert answer.status_code in (415, 422) and answer.headers["content-type"] == PROBLEM
    listed = await internship.client.get(
        f"{LEARNING}/materials/{guide['id']}/versions", headers=supervisor
    )
    assert listed.json() == []


async def test_module_tests_are_scored_by_n_gain_with_the_class_gain(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    module = await material(internship, supervisor, "module", "Modul Standar Pelayanan")
    first, intern = await an_intern(internship, supervisor, tokens, "magang.lib2")
    second, _ = await an_intern(internship, supervisor, tokens, "magang.lib3")
    results = f"{LEARNING}/materials/{module['id']}/results"

    pre_only = await internship.client.put(
        f"{results}/{first['id']}", json={"max_score": 100, "pre_score": 40}, headers=supervisor
    )
    assert pre_only.status_code == 200
    assert (pre_only.json()["n_gain"], pre_only.json()["category"]) == (None, "undefined")
    # (82 - 40) / (100 - 40) = 0.7 exactly: high.
    done = await internship.client.put(
        f"{results}/{first['id']}",
        json={"max_score": 100, "pre_score": 40, "post_score": 82},
        headers={**supervisor, "If-Match": pre_only.headers["etag"]},
    )
    assert done.status_code == 200, done.text
    assert (done.json()["n_gain"], done.json()["category"]) == (0.7, "high")
    stale = await internship.client.put(
        f"{results}/{first['id']}",
        json={"max_score": 100, "pre_score": 40, "post_score": 90},
        headers={**supervisor, "If-Match": pre_only.headers["etag"]},
    )
    assert stale.status_code == 412
    # (30 - 0) / 100 = 0.3 exactly: medium.
    await internship.client.put(
        f"{results}/{second['id']}",
        json={"max_score": 100, "pre_score": 0, "post_score": 30},
        headers=supervisor,
    )
    module_results = (await internship.client.get(results, headers=supervisor)).json()
    assert [r["category"] for r in module_results["items"]] == ["high", "medium"]
    # Mean of gains (0.7 + 0.3) / 2 = 0.5; class: pre 20 %, post 56 %: 36 / 80 = 0.45.
    assert module_results["summary"] == {
        "tested": 2,
        "mean_gain": 0.5,
        "class_gain": 0.45,
        "high": 1,
        "medium": 1,
        "low": 0,
        "undefined": 0,
    }
    mine = (await internship.client.get(f"{LEARNING}/mine", headers=intern)).json()
    [entry] = [m for m in mine if m["material"]["id"] == module["id"]]
    assert entry["result"]["category"] == "high" and entry["latest_version_id"] is None


async def test_scores_above_the_maximum_or_on_a_guidebook_are_refused(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor)
    module = await material(internship, supervisor, "module", "Modul Pemeriksaan")
    over = await internship.client.put(
        f"{LEARNING}/materials/{module['id']}/results/{filed['id']}",
        json={"max_score": 10, "pre_score": 11},
        headers=supervisor,
    )
    assert over.status_code == 422 and over.headers["content-type"] == PROBLEM
    guide = await material(internship, supervisor, "guidebook", "Panduan")
    untested = await internship.client.put(
        f"{LEARNING}/materials/{guide['id']}/results/{filed['id']}",
        json={"max_score": 10, "pre_score": 1},
        headers=supervisor,
    )
    assert untested.status_code == 409
