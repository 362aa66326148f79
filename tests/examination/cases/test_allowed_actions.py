"""A case's `allowed_actions` against its routes: for each status (and the steps of a
recommendation) and each caller (the supervisor, the assigned examiner, another
examiner, the head), every listed action is accepted by its route and every other one
refused (403/409; 404 for a step on what the case lacks: a corrective action, a
recommendation), tried on real cases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from apik_examination.cases.rules import CaseAction
from apik_examination.jobs import monitoring_once
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, lhp, new_case, put_examiner, replica_database

CALLERS = {
    "supervisor": ("examination_supervisor", "spv"),
    "assigned examiner": ("examiner", "budi"),
    "other examiner": ("examiner", "sari"),
    "head": ("head", "kepala"),
    "analyst": ("analyst", "analis"),
}
STATUSES = ["open", "waiting_reporter", "waiting_agency", "concluded", "monitoring", "closed"]
# Stages after the LHP, each with the status it leaves the case in: an LHP finding no
# maladministration (no recommendation follows), a recommendation issued, and received
# by the agency (its receipt recorded).
STAGES = {
    "no_maladministration": "concluded",
    "recommended": "concluded",
    "recommended_in_monitoring": "monitoring",
    "received": "concluded",
}
# The steps on a recommendation: with none issued, the route finds nothing (404).
ON_RECOMMENDATION = {
    CaseAction.record_recommendation_receipt,
    CaseAction.record_recommendation_report,
}
# The recommendation's steps the assigned examiner is offered at each stage (the test
# fails when a step is never listed, not only when a listed one is refused).
RECOMMENDATION_STEPS = {
    CaseAction.issue_recommendation,
    *ON_RECOMMENDATION,
}
OFFERED_STEPS = {
    "concluded": {CaseAction.issue_recommendation},
    "monitoring": {CaseAction.issue_recommendation},
    "recommended": ON_RECOMMENDATION,
    "recommended_in_monitoring": ON_RECOMMENDATION,
    "received": {CaseAction.record_recommendation_report},
}
# Steps on a part of the case that may be missing (an LHP with no corrective action, no
# recommendation issued): their routes find nothing to change (404).
ON_A_PART = {CaseAction.mark_action_done, *ON_RECOMMENDATION}
REC_TEXT = "Kepala Kantor Pertanahan agar menerbitkan sertifikat pelapor."


def today() -> str:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()


def attempt(action: CaseAction, case: dict) -> tuple[str, dict]:
    """The route and a valid body for `action` on `case` (its input is never the reason
    for a refusal: each body is accepted where the action is allowed)."""
    url = f"{API}/cases/{case['id']}"
    moves = case["allowed_moves"] or ["waiting_reporter" if case["status"] == "open" else "open"]
    return {
        CaseAction.assign: (f"{url}/assignment", {"examiner_id": "user:sari"}),
        CaseAction.classify: (f"{url}/classification", {"classification": "berat"}),
        CaseAction.move: (f"{url}/status", {"status": moves[0]}),
        CaseAction.record_activity: (
            f"{url}/activities",
            {"kind": "oral_clarification", "held_on": today(), "summary": "Rapat klarifikasi"},
        ),
        CaseAction.conclude: (f"{url}/conclusion", lhp("Terbitkan sertifikat")),
        CaseAction.mark_action_done: (f"{url}/corrective-actions/0", {"done_on": today()}),
        CaseAction.record_response: (
            f"{url}/reporter-responses",
            {"stance": "agrees", "text": "Saya menerima LHP."},
        ),
        CaseAction.close: (f"{url}/closure", {"outcome": "withdrawn", "route": "reporter_request"}),
        CaseAction.issue_recommendation: (f"{url}/recommendation", {"text": REC_TEXT}),
        CaseAction.record_recommendation_receipt: (
            f"{url}/recommendation/receipt",
            {"received_on": today()},
        ),
        CaseAction.record_recommendation_report: (
            f"{url}/recommendation/reports",
            {"implementation": "partly", "text": "Sertifikat dalam proses pengukuran ulang."},
        ),
    }[action]


async def case_in(stage: str, infra, service, tokens: TestTokens) -> str:
    """A case assigned to budi and brought to `stage` (a status or one of `STAGES`)
    through the API (and, for monitoring, the job); returns its id."""
    supervisor = tokens.headers("examination_supervisor", username="spv")
    budi = tokens.headers("examiner", username="budi")
    long_ago = datetime.now(UTC) - timedelta(days=120)
    status = STAGES.get(stage, stage)
    past = status == "monitoring"
    case = await new_case(infra, service, tokens, decided_at=long_ago if past else None)
    url = f"{API}/cases/{case['id']}"
    assignment = {"examiner_id": "user:budi"}
    if past:
        assignment["assigned_at"] = (long_ago + timedelta(hours=1)).isoformat()
    steps: list[tuple[str, dict]] = [("assignment", assignment)]
    if status in ("waiting_reporter", "waiting_agency"):
        steps.append(("status", {"status": status}))
    if status in ("concluded", "monitoring"):
        body = lhp("Terbitkan sertifikat")
        if stage == "no_maladministration":
            body = {"finding": "no_maladministration", "summary": "Tidak ditemukan"}
        if past:
            body["concluded_at"] = (long_ago + timedelta(hours=2)).isoformat()
        steps.append(("conclusion", body))
    if status == "closed":
        steps.append(("closure", {"outcome": "withdrawn", "route": "reporter_request"}))
    for path, body in steps:
        headers = supervisor if path == "assignment" else budi
        done = await service.client.post(f"{url}/{path}", json=body, headers=headers)
        assert done.status_code == 200, done.text
    if past:
        replica = replica_database(service)
        try:
            await monitoring_once(replica)
        finally:
            await replica.dispose()
    if stage.startswith(("recommended", "received")):
        body = {"text": REC_TEXT} | ({"received_on": today()} if stage == "received" else {})
        done = await service.client.post(f"{url}/recommendation", json=body, headers=budi)
        assert done.status_code == 200, done.text
    detail = (await service.client.get(url, headers=supervisor)).json()
    assert detail["status"] == status
    return case["id"]


@pytest.mark.parametrize("status", [*STATUSES, *STAGES])
async def test_listed_actions_are_accepted_and_the_others_refused(
    status: str, infra, examination, tokens: TestTokens
):
    supervisor = tokens.headers("examination_supervisor", username="spv")
    for name in ("user:budi", "user:sari"):
        await put_examiner(examination, supervisor, "BKL", name)
    # One case whose refusals change nothing; a fresh one for each action accepted.
    shared = await case_in(status, infra, examination, tokens)
    offered: dict[str, set[str]] = {}
    for caller, (role, username) in CALLERS.items():
        headers = tokens.headers(role, username=username)
        read = await examination.client.get(f"{API}/cases/{shared}", headers=headers)
        assert read.status_code == 200, read.text
        case = read.json()
        listed = set(case["allowed_actions"])
        offered[caller] = listed
        assert listed <= {a.value for a in CaseAction}
        assert bool(case["allowed_moves"]) == (CaseAction.move in listed)
        for action in CaseAction:
            if action in listed:
                fresh_id = await case_in(status, infra, examination, tokens)
                fresh = await examination.client.get(f"{API}/cases/{fresh_id}", headers=headers)
                url, body = attempt(action, fresh.json())
                done = await examination.client.post(url, json=body, headers=headers)
                assert done.status_code in (200, 201), (caller, action, done.text)
            else:
                url, body = attempt(action, case)
                refused = await examination.client.post(url, json=body, headers=headers)
                codes = (403, 404, 409) if action in ON_A_PART else (403, 409)
                assert refused.status_code in codes, (caller, action, refused.text)
        after = (await examination.client.get(f"{API}/cases/{shared}", headers=headers)).json()
        assert after["version"] == case["version"], (caller, "a refusal changed the case")
    # Not every caller is offered the same: the roles and the assignment count.
    assert offered["analyst"] == set()
    assert offered["other examiner"] <= offered["assigned examiner"]
    steps = offered["assigned examiner"] & {a.value for a in RECOMMENDATION_STEPS}
    assert steps == {a.value for a in OFFERED_STEPS.get(status, set())}
    # The board's items carry the bulk ones the same rules give the caller.
    for caller, (role, username) in CALLERS.items():
        listed = await examination.client.get(
            f"{API}/cases",
            params={"status": STAGES.get(status, status), "limit": 200},
            headers=tokens.headers(role, username=username),
        )
        [item] = [c for c in listed.json()["items"] if c["id"] == shared]
        assert set(item["allowed_actions"]) == offered[caller] & {"assign"}, caller
