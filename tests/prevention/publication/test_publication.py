"""Draft → plenary → published: the plenary needs every indicator approved and nothing
waiting for review, the head publishes, the result is fixed and announced, and the
public page counts the year's published results without a login."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    V1,
    add_entry,
    answer_everything,
    entry_body,
    open_assessment,
    scheme_id,
    shipped,
)


async def _step(
    prevention: RunningService, headers: dict[str, str], assessment: str, step: str, **body: Any
) -> Any:
    return await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/{step}", json=body or None, headers=headers
    )


async def test_an_assessment_goes_from_entries_to_a_published_result(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme, region="Bengkulu"))["id"]
    # Nothing answered yet: not ready, and it says what is missing.
    early = await _step(prevention, enumerator, assessment, "plenary")
    assert early.status_code == 409, early.text
    assert early.json()["type"] == "/problems/assessment-not-ready"
    assert "P.1" in early.json()["missing"]

    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2022), {"H.5": 0})
    waiting = await add_entry(
        prevention, enumerator, assessment, entry_body("service_user", [("O.1", 0)])
    )
    unreviewed = await _step(prevention, enumerator, assessment, "plenary")
    assert unreviewed.status_code == 409 and unreviewed.json()["unreviewed"] == 1
    await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries/{waiting['id']}/review",
        json={"decision": "returned", "note": "Responden bukan pengguna layanan"},
        headers=reviewer,
    )

    # An officer cannot publish, nor skip the plenary.
    assert (await _step(prevention, head, assessment, "publication")).status_code == 409
    plenary = await _step(prevention, enumerator, assessment, "plenary")
    assert plenary.status_code == 200, plenary.text
    assert plenary.json()["status"] == "plenary"
    # Entries no longer change in the plenary.
    late = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries",
        json=entry_body("service_user", [("O.1", 3)]),
        headers=enumerator,
    )
    assert late.status_code == 409
    assert (await _step(prevention, enumerator, assessment, "publication")).status_code == 403

    published = await _step(prevention, head, assessment, "publication")
    assert published.status_code == 200, published.text
    row = published.json()
    # H.5 at 0 lost 21.54 / 5 = 4.308 points: 95.692 -> 95.69, A.
    assert (row["status"], row["published_total"], row["published_by"]) == (
        "published",
        95.69,
        "kepala",
    )
    assert row["published_label"] == "Kualitas Tertinggi (A)"
    [event] = await prevention.outbox_events("assessment.published", subject=assessment)
    data = event.data
    assert (data["total"], data["grade"], data["zone"], data["office"]) == (
        95.69,
        "A",
        "green",
        "KAB",
    )
    assert (data["scheme_code"], data["scheme_version"]) == ("ombudsman-2022", 1)
    # Published once: a second publication is a conflict, and no second event.
    assert (await _step(prevention, head, assessment, "publication")).status_code == 409
    assert len(await prevention.outbox_events("assessment.published", subject=assessment)) == 1


async def test_the_head_returns_an_assessment_from_the_plenary_to_draft(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2021")
    assessment = (await open_assessment(prevention, enumerator, scheme, year=2021))["id"]
    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2021))
    assert (await _step(prevention, enumerator, assessment, "plenary")).status_code == 200
    no_reason = await _step(prevention, head, assessment, "return")
    assert no_reason.status_code == 422
    returned = await _step(prevention, head, assessment, "return", reason="Foto bukti kurang")
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "draft" and returned.json()["plenary_at"] is None


async def test_the_public_results_count_the_published_by_result_and_region(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    definition = shipped(2022)
    # Three units of 2024: two A (Bengkulu, Lampung), one red E (Bengkulu, all 0);
    # a fourth left in draft, which the public never sees.
    plans = [
        ("Bengkulu", {}),
        ("Lampung", {}),
        (
            "Bengkulu",
            {i.code: 0 for v in definition.dimensions for w in v.variables for i in w.indicators},
        ),
    ]
    for region, values in plans:
        assessment = (
            await open_assessment(prevention, enumerator, scheme, year=2024, region=region)
        )["id"]
        await answer_everything(prevention, enumerator, reviewer, assessment, definition, values)
        assert (await _step(prevention, enumerator, assessment, "plenary")).status_code == 200
        assert (await _step(prevention, head, assessment, "publication")).status_code == 200
    await open_assessment(prevention, enumerator, scheme, year=2024, region="Lampung")

    answer = await prevention.client.get(f"{V1}/public/results", params={"year": 2024})
    assert answer.status_code == 200, answer.text
    results = answer.json()
    assert results["published"] == 3
    assert [(r["label"], r["grade"], r["zone"], r["count"]) for r in results["by_result"]] == [
        ("Kualitas Tertinggi (A)", "A", "green", 2),
        ("Kualitas Terendah (E)", "E", "red", 1),
    ]
    assert results["by_region"] == [
        {
            "region": "Bengkulu",
            "published": 2,
            "by_result": {"Kualitas Tertinggi (A)": 1, "Kualitas Terendah (E)": 1},
        },
        {"region": "Lampung", "published": 1, "by_result": {"Kualitas Tertinggi (A)": 1}},
    ]
    empty = await prevention.client.get(f"{V1}/public/results", params={"year": 2019})
    assert empty.json()["published"] == 0
    bad = await prevention.client.get(f"{V1}/public/results", params={"year": "dua"})
    assert bad.status_code == 422
