"""An anti-maladministration village from nomination to the head's decision letter, its
instrument run through the assessment engine like an agency's assessment (the
e2e-ish flow of issue 19)."""

from __future__ import annotations

from typing import Any

from apik_prevention.schemes.schemas import SchemeDefinition
from apik_testing.pdf import check_structure, text_of
from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    PROBLEM,
    SCHEME_FILES,
    V1,
    VILLAGES,
    answer_everything,
    assessment_body,
    scheme_id,
    village_body,
)

VILLAGE_SCHEME = "desa-anti-maladministrasi"


def _definition() -> SchemeDefinition:
    text = (SCHEME_FILES / "scheme_village_2022.json").read_text()
    return SchemeDefinition.model_validate_json(text)


async def _move(
    prevention: RunningService,
    headers: dict[str, str],
    village: dict[str, Any],
    etag: str,
    stage: str,
    **extra: Any,
) -> tuple[int, dict[str, Any], str]:
    moved = await prevention.client.post(
        f"{VILLAGES}/{village['id']}/stage",
        json={"stage": stage, **extra},
        headers={**headers, "If-Match": etag},
    )
    return moved.status_code, moved.json(), moved.headers.get("ETag", etag)


async def test_a_village_goes_from_nomination_to_its_decision_letter(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
) -> None:
    made = await prevention.client.post(VILLAGES, json=village_body(), headers=enumerator)
    assert made.status_code == 201, made.text
    village, etag = made.json(), made.headers["ETag"]
    assert village["stage"] == "nominated"
    assert village["allowed_steps"] == ["mentoring", "not_selected"]
    url = f"{VILLAGES}/{village['id']}"
    village_scheme = await scheme_id(prevention, enumerator, VILLAGE_SCHEME)
    agency_scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")

    early = await prevention.client.post(
        f"{url}/assessment",
        json={"scheme_id": village_scheme},
        headers={**enumerator, "If-Match": etag},
    )
    assert early.status_code == 409, early.text
    status, village, etag = await _move(prevention, enumerator, village, etag, "mentoring")
    assert status == 200, village
    status, body, _ = await _move(prevention, enumerator, village, etag, "regency_verified")
    assert status == 409 and body["type"].endswith("village-not-ready"), body
    assert body["code"] == "no_assessment"

    # The instrument is a village scheme; an agency's is refused, nothing changes.
    wrong = await prevention.client.post(
        f"{url}/assessment",
        json={"scheme_id": agency_scheme},
        headers={**enumerator, "If-Match": etag},
    )
    assert wrong.status_code == 422, wrong.text
    assert wrong.json()["errors"][0]["pointer"] == "#/body/scheme_id"
    assert (await prevention.client.get(url, headers=enumerator)).json()["assessment_id"] is None
    opened = await prevention.client.post(
        f"{url}/assessment",
        json={"scheme_id": village_scheme},
        headers={**enumerator, "If-Match": etag},
    )
    assert opened.status_code == 200, opened.text
    village, etag = opened.json(), opened.headers["ETag"]
    assessment = village["assessment_id"]
    assert assessment is not None
    engine = await prevention.client.get(f"{ASSESSMENTS}/{assessment}", headers=enumerator)
    assert engine.json()["unit_type"] == "village", engine.text

    status, village, etag = await _move(
        prevention, enumerator, village, etag, "regency_verified", note="Verifikasi Pemkab Kaur"
    )
    assert status == 200, village
    status, body, _ = await _move(prevention, enumerator, village, etag, "office_verified")
    assert status == 409, body  # no approved answer yet
    assert body["code"] == "score_incomplete"

    # The engine's own entries and review score the village like an agency.
    definition = _definition()
    await answer_everything(
        prevention, enumerator, reviewer, assessment, definition, value_of={"V.10": 0}
    )
    score = await prevention.client.get(f"{ASSESSMENTS}/{assessment}/score", headers=enumerator)
    assert score.json()["complete"] is True, score.text
    status, village, etag = await _move(prevention, reviewer, village, etag, "office_verified")
    assert status == 200, village
    assert village["verified_total"] == score.json()["total"] == 90.0
    assert village["verified_label"] == "Desa Anti Maladministrasi"

    status, body, _ = await _move(
        prevention, enumerator, village, etag, "decided", decree_number="12/DAM/2024"
    )
    assert status == 403, body
    status, body, _ = await _move(prevention, head, village, etag, "decided")
    assert status == 422 and body["errors"][0]["pointer"] == "#/body/decree_number", body
    no_letter = await prevention.client.get(f"{url}/decision.pdf", headers=enumerator)
    assert no_letter.status_code == 409
    assert no_letter.headers["content-type"].startswith(PROBLEM)
    status, village, etag = await _move(
        prevention, head, village, etag, "decided", decree_number="12/DAM/2024"
    )
    assert status == 200, village
    assert village["decided_by"] == "kepala" and village["decided_on"]
    moves = [(h["by"], h.get("to")) for h in village["history"] if h.get("to")]
    assert moves == [
        ("enumerator", "nominated"),
        ("enumerator", "mentoring"),
        ("enumerator", "regency_verified"),
        ("reviewer", "office_verified"),
        ("kepala", "decided"),
    ]
    assert all(h["at"] for h in village["history"])

    [event] = await prevention.outbox_events("village.decided", subject=village["id"])
    assert event.data["decree_number"] == "12/DAM/2024" and event.data["total"] == 90.0

    letter = await prevention.client.get(f"{url}/decision.pdf", headers=enumerator)
    assert letter.status_code == 200, letter.text
    assert letter.headers["content-type"] == "application/pdf"
    check_structure(letter.content)
    text = " ".join(text_of(letter.content).split())
    assert "Nomor 12/DAM/2024" in text and village["name"] in text
    assert "Desa Anti Maladministrasi Tahun 2024" in text and "90,00" in text
    assert "Verifikasi pemerintah kabupaten" in text


async def test_a_village_scheme_scores_villages_only(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    village_scheme = await scheme_id(prevention, enumerator, VILLAGE_SCHEME)
    answer = await prevention.client.post(
        ASSESSMENTS, json=assessment_body(village_scheme, year=2024), headers=enumerator
    )
    assert answer.status_code == 422, answer.text
    [error] = answer.json()["errors"]
    assert error["pointer"] == "#/body/scheme_id"
    assert (error["code"], error["params"]) == (
        "scheme_kind_mismatch",
        {"scheme": VILLAGE_SCHEME, "kind": "village"},
    )


async def test_a_nomination_is_checked_and_given_once(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    body = village_body()
    made = await prevention.client.post(VILLAGES, json=body, headers=enumerator)
    assert made.status_code == 201, made.text
    twice = await prevention.client.post(VILLAGES, json=body, headers=enumerator)
    assert twice.status_code == 409, twice.text
    bad = await prevention.client.post(VILLAGES, json={**body, "year": 1800}, headers=enumerator)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/body/year"
    url = f"{VILLAGES}/{made.json()['id']}"
    assert (await prevention.client.get(url, headers=tokens_other)).status_code == 404
    status, body_, _ = await _move(
        prevention, enumerator, made.json(), made.headers["ETag"], "not_selected", note="Kuota 10"
    )
    assert status == 200 and body_["stage"] == "not_selected", body_


async def test_the_village_instrument_is_listed_by_kind_and_keeps_it(
    prevention: RunningService, enumerator: dict[str, str], keeper: dict[str, str]
) -> None:
    listed = await prevention.client.get(
        f"{V1}/schemes", params={"kind": "village"}, headers=enumerator
    )
    assert listed.status_code == 200, listed.text
    assert {s["code"] for s in listed.json()} == {VILLAGE_SCHEME}
    assert all(s["kind"] == "village" and s["unconfirmed"] > 0 for s in listed.json())
    ident = listed.json()[0]["id"]
    definition = _definition().model_dump(mode="json")
    before = await prevention.scalar(
        "SELECT count(*) FROM scheme_version WHERE code = :code", code=VILLAGE_SCHEME
    )
    turned = await prevention.client.post(
        f"{V1}/schemes/{ident}/versions",
        json={"reason": "Jadikan skema instansi", "definition": {**definition, "kind": "agency"}},
        headers=keeper,
    )
    assert turned.status_code == 422, turned.text
    [error] = turned.json()["errors"]
    assert error["pointer"] == "#/body/definition/kind"
    assert (error["code"], error["params"]) == ("scheme_kind_fixed", {"kind": "village"})
    after = await prevention.scalar(
        "SELECT count(*) FROM scheme_version WHERE code = :code", code=VILLAGE_SCHEME
    )
    assert after == before
