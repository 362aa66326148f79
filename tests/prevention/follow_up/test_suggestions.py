"""The suffix "Tanpa Maladministrasi" also needs the unit's suggestions (saran
perbaikan) from the office's studies: one due in the year left overdue withholds it, and
it comes back once the agency's follow-up is recorded."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    EVIDENCE,
    STUDIES,
    answer_everything,
    open_assessment,
    scheme_id,
    shipped,
    study_at,
    suggestion_body,
)


async def _suggest(
    prevention: RunningService, headers: dict[str, str], study: str, **overrides: Any
) -> tuple[str, str]:
    made = await prevention.client.post(
        f"{STUDIES}/{study}/suggestions", json=suggestion_body(**overrides), headers=headers
    )
    assert made.status_code == 201, made.text
    return f"{STUDIES}/{study}/suggestions/{made.json()['id']}", made.headers["ETag"]


async def test_an_overdue_suggestion_to_the_unit_withholds_the_suffix(
    prevention: RunningService, enumerator: dict[str, str], reviewer: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2025")
    opened = await open_assessment(prevention, enumerator, scheme, year=2025)
    assessment, unit = opened["id"], opened["unit_name"]
    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2025))
    recorded = await prevention.client.put(
        f"{ASSESSMENTS}/{assessment}/follow-up",
        json={"issued": 2, "followed_up": 2},
        headers={**enumerator, "If-Match": '"1"'},
    )
    assert recorded.status_code == 200, recorded.text
    score_url = f"{ASSESSMENTS}/{assessment}/score"
    granted = (await prevention.client.get(score_url, headers=enumerator)).json()
    assert granted["result"]["suffix"] == "Tanpa Maladministrasi"
    assert granted["suggestions"]["holds"] is True

    study = (await study_at(prevention, enumerator, "published"))["id"]
    # The unit's one, named with other case and spacing, overdue (2025 is past) and open.
    url, etag = await _suggest(
        prevention, enumerator, study, agency=f"  {unit.upper()} ", due_on="2025-03-01"
    )
    # Neither another agency's overdue one nor the unit's one due in another year counts.
    await _suggest(prevention, enumerator, study, agency="Dinas Lain", due_on="2025-03-01")
    await _suggest(prevention, enumerator, study, agency=unit, due_on="2024-03-01")

    withheld = (await prevention.client.get(score_url, headers=enumerator)).json()
    assert withheld["suggestions"] == {
        "followed_up": 0,
        "not_followed_up": 1,
        "pending": 0,
        "holds": False,
    }
    assert withheld["result"]["suffix"] is None
    assert withheld["result"]["follow_up_holds"] is True  # the cases' part still holds
    assert withheld["result"]["suggestions_hold"] is False
    assert "Tanpa Maladministrasi" not in withheld["result"]["title"]

    # The agency's evidence arrives and it is marked followed up (late, yet done).
    moved = await prevention.client.post(
        f"{url}/status", json={"status": "in_progress"}, headers={**enumerator, "If-Match": etag}
    )
    assert moved.status_code == 200, moved.text
    uploaded = await prevention.client.put(
        f"{url}/evidence",
        params={"filename": "surat.pdf"},
        content=EVIDENCE,
        headers={**enumerator, "If-Match": moved.headers["ETag"]},
    )
    assert uploaded.status_code == 200, uploaded.text
    done = await prevention.client.post(
        f"{url}/status",
        json={"status": "followed_up"},
        headers={**enumerator, "If-Match": uploaded.headers["ETag"]},
    )
    assert done.status_code == 200, done.text
    again = (await prevention.client.get(score_url, headers=enumerator)).json()
    assert again["suggestions"]["followed_up"] == 1 and again["suggestions"]["holds"] is True
    assert again["result"]["suffix"] == "Tanpa Maladministrasi"
