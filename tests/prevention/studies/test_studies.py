"""A study from topic to publication, its suggestions to agencies tracked to their
follow-up with the agency's evidence, and the follow-up rate per office and year."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from tests.prevention.builders import (
    EVIDENCE,
    PROBLEM,
    STUDIES,
    study_at,
    study_body,
    suggestion_body,
)


async def _suggest(
    prevention: RunningService, headers: dict[str, str], study: str, **overrides: Any
) -> tuple[dict[str, Any], str]:
    made = await prevention.client.post(
        f"{STUDIES}/{study}/suggestions", json=suggestion_body(**overrides), headers=headers
    )
    assert made.status_code == 201, made.text
    return made.json(), made.headers["ETag"]


async def _move(
    prevention: RunningService, headers: dict[str, str], url: str, etag: str, status: str
) -> tuple[dict[str, Any], str]:
    moved = await prevention.client.post(
        f"{url}/status", json={"status": status}, headers={**headers, "If-Match": etag}
    )
    assert moved.status_code == 200, moved.text
    return moved.json(), moved.headers["ETag"]


async def _upload(prevention: RunningService, headers: dict[str, str], url: str, etag: str) -> str:
    uploaded = await prevention.client.put(
        f"{url}/evidence",
        params={"filename": "surat.pdf"},
        content=EVIDENCE,
        headers={**headers, "If-Match": etag},
    )
    assert uploaded.status_code == 200, uploaded.text
    return str(uploaded.headers["ETag"])


async def test_a_study_moves_stage_by_stage_and_records_who_and_when(
    prevention: RunningService, enumerator: dict[str, str], reviewer: dict[str, str]
) -> None:
    made = await prevention.client.post(STUDIES, json=study_body(), headers=enumerator)
    assert made.status_code == 201, made.text
    assert made.json()["stage"] == "topic"
    url, etag = f"{STUDIES}/{made.json()['id']}", made.headers["ETag"]

    skipped = await prevention.client.post(
        f"{url}/stage", json={"stage": "drafting"}, headers={**enumerator, "If-Match": etag}
    )
    assert skipped.status_code == 409, skipped.text
    assert skipped.headers["content-type"].startswith(PROBLEM)
    moved = await prevention.client.post(
        f"{url}/stage",
        json={"stage": "proposal", "note": "TOR disetujui"},
        headers={**reviewer, "If-Match": etag},
    )
    assert moved.status_code == 200, moved.text
    step = moved.json()["history"][-1]
    assert step["by"] == "reviewer" and step["from"] == "topic" and step["to"] == "proposal"
    assert step["note"] == "TOR disetujui" and step["at"]
    # The old ETag is stale now: nothing changes.
    stale = await prevention.client.post(
        f"{url}/stage", json={"stage": "fieldwork"}, headers={**enumerator, "If-Match": etag}
    )
    assert stale.status_code == 412, stale.text

    # Suggestions are written from drafting on.
    early = await prevention.client.post(
        f"{url}/suggestions", json=suggestion_body(), headers=enumerator
    )
    assert early.status_code == 409, early.text
    assert early.json()["code"] == "study_before_drafting"

    drafting = await study_at(prevention, enumerator, "review")
    back = await prevention.client.post(
        f"{STUDIES}/{drafting['id']}/stage",
        json={"stage": "drafting", "note": "Perbaiki bab 3"},
        headers={**enumerator, "If-Match": f'"{drafting["version"]}"'},
    )
    assert back.status_code == 200, back.text
    assert back.json()["stage"] == "drafting"
    listed = await prevention.client.get(STUDIES, params={"stage": "drafting"}, headers=enumerator)
    assert drafting["id"] in [s["id"] for s in listed.json()]


async def test_a_suggestion_is_followed_up_with_the_agencys_evidence(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    tokens_other: dict[str, str],
) -> None:
    study = await study_at(prevention, enumerator, "review")
    suggestion, etag = await _suggest(prevention, enumerator, study["id"])
    assert suggestion["status"] == "open" and suggestion["evidence"] is None
    url = f"{STUDIES}/{study['id']}/suggestions/{suggestion['id']}"

    # Not tracked before the study is published.
    refused = await prevention.client.post(
        f"{url}/status", json={"status": "in_progress"}, headers={**enumerator, "If-Match": etag}
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"] == "/problems/suggestion-status-refused"
    published = await prevention.client.post(
        f"{STUDIES}/{study['id']}/stage",
        json={"stage": "published"},
        headers={**enumerator, "If-Match": f'"{study["version"]}"'},
    )
    assert published.status_code == 200, published.text

    _, etag = await _move(prevention, enumerator, url, etag, "in_progress")
    noted = await prevention.client.post(
        f"{url}/progress",
        json={"note": "Dinas menyusun SOP baru."},
        headers={**enumerator, "If-Match": etag},
    )
    assert noted.status_code == 200, noted.text
    assert noted.json()["history"][-1]["note"] == "Dinas menyusun SOP baru."
    etag = noted.headers["ETag"]

    # Followed up needs the evidence; a page pretending to be a PDF is refused.
    missing = await prevention.client.post(
        f"{url}/status", json={"status": "followed_up"}, headers={**enumerator, "If-Match": etag}
    )
    assert missing.status_code == 409, missing.text
    assert missing.json()["code"] == "no_evidence"
    fake = await prevention.client.put(
        f"{url}/evidence",
        params={"filename": "surat.pdf"},
        content=b"<html><script>alert(1)</script></html>",
        headers={**enumerator, "If-Match": etag},
    )
    assert fake.status_code in (415, 422), fake.text
    assert fake.headers["content-type"].startswith(PROBLEM)
    etag = await _upload(prevention, enumerator, url, etag)
    downloaded = await prevention.client.get(f"{url}/evidence", headers=head)
    assert downloaded.status_code == 200 and downloaded.content == EVIDENCE

    done, _ = await _move(prevention, enumerator, url, etag, "followed_up")
    assert done["status"] == "followed_up" and done["closed_on"]
    assert done["evidence"]["media_type"] == "application/pdf"
    [event] = await prevention.outbox_events("suggestion.followed_up", subject=suggestion["id"])
    assert event.data["study_id"] == study["id"] and event.data["office"] == "KAB"
    assert event.data["due_on"] == "2027-03-31" and event.data["late"] is False
    assert "text" not in event.data

    # Closed is final; another office sees nothing of it.
    again = await prevention.client.post(
        f"{url}/progress", json={"note": "lagi"}, headers={**enumerator, "If-Match": _}
    )
    assert again.status_code == 409, again.text
    for path in (url, f"{url}/evidence", f"{STUDIES}/{study['id']}"):
        hidden = await prevention.client.get(path, headers=tokens_other)
        assert hidden.status_code == 404, path


async def test_the_follow_up_rate_is_followed_up_over_due_per_office_and_year(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    """Worked example, office KAB, 2025 (all dates past): four suggestions due in 2025,
    two followed up, one not followed up, one still open → 2 / 4 = 0.5. One due in
    2026 and another office's one due in 2025 do not count."""
    study = await study_at(prevention, enumerator, "published")
    dates = {"2025-02-01": "followed_up", "2025-05-01": "followed_up"}
    dates |= {"2025-08-01": "not_followed_up", "2025-11-01": "open", "2026-02-01": "followed_up"}
    for due_on, status in dates.items():
        made, etag = await _suggest(prevention, enumerator, study["id"], due_on=due_on)
        url = f"{STUDIES}/{study['id']}/suggestions/{made['id']}"
        if status == "open":
            continue
        _, etag = await _move(prevention, enumerator, url, etag, "in_progress")
        if status == "followed_up":
            etag = await _upload(prevention, enumerator, url, etag)
        await _move(prevention, enumerator, url, etag, status)
    theirs = await study_at(prevention, tokens_other, "published")
    made, etag = await _suggest(prevention, tokens_other, theirs["id"], due_on="2025-03-01")
    url = f"{STUDIES}/{theirs['id']}/suggestions/{made['id']}"
    await _move(prevention, tokens_other, url, etag, "not_followed_up")

    rate = await prevention.client.get(
        f"{STUDIES}/follow-up-rate", params={"year": 2025}, headers=enumerator
    )
    assert rate.status_code == 200, rate.text
    assert rate.json() == {
        "office": "KAB",
        "year": 2025,
        "due": 4,
        "followed_up": 2,
        "not_followed_up": 1,
        "open": 1,
        "rate": 0.5,
    }
    # A followed-up one late: its event says so.
    events = await prevention.outbox_events("suggestion.followed_up")
    late = [e.data for e in events if e.data["due_on"] == "2025-02-01"]
    assert late and late[0]["late"] is True
    # Nothing due that year: no rate rather than a made-up zero.
    empty = await prevention.client.get(
        f"{STUDIES}/follow-up-rate", params={"year": 2031}, headers=enumerator
    )
    assert empty.json()["due"] == 0 and empty.json()["rate"] is None
    # Another office's rate is the national unit's to read; a bad year is 422.
    other = await prevention.client.get(
        f"{STUDIES}/follow-up-rate", params={"year": 2025, "office": "LAIN"}, headers=enumerator
    )
    assert other.status_code == 403, other.text
    bad = await prevention.client.get(
        f"{STUDIES}/follow-up-rate", params={"year": "dua"}, headers=enumerator
    )
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(PROBLEM)
