"""The suffix "Tanpa Maladministrasi" from examination's events: the cases named for an
assessment, followed up as examination reports them, replays changing nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import nats

from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads.examination import (
    CaseClosed,
    CaseConcluded,
    RecommendationIssued,
    RecommendationReported,
)
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    answer_everything,
    open_assessment,
    scheme_id,
    shipped,
)

NOW = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


def _event(payload: Any) -> CloudEvent:
    return CloudEvent(
        source=source_of("examination"),
        type=payload.event_type,
        subject=payload.case_id,
        data=payload.model_dump(mode="json"),
    )


async def _publish(nats_url: str, *payloads: Any) -> None:
    connection = await nats.connect(nats_url)
    try:
        stream = connection.jetstream()
        await ensure_stream(stream)
        for payload in payloads:
            event = _event(payload)
            # The same message id twice is one message for JetStream: a replay is sent
            # under a new id, as a redelivery from examination's outbox would be.
            await stream.publish(
                subject_for("examination", event.type),
                event.to_json(),
                headers={"Nats-Msg-Id": str(uuid.uuid4())},
            )
    finally:
        await connection.close()


def _case(number: str) -> dict[str, str]:
    return {"case_id": str(uuid.uuid4()), "registration_number": number, "office": "KAB"}


async def test_the_suffix_follows_the_named_cases_follow_up(
    prevention: RunningService,
    infra: TestInfra,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2025")
    assessment = (await open_assessment(prevention, enumerator, scheme, year=2025))["id"]
    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2025))
    numbers = [f"KAB-{uuid.uuid4().hex[:6]}" for _ in range(2)]
    named = await prevention.client.put(
        f"{ASSESSMENTS}/{assessment}/cases",
        json={"registration_numbers": numbers},
        headers=enumerator,
    )
    assert named.status_code == 200, named.text
    # Examination has said nothing yet: both pending, no suffix.
    assert named.json()["pending"] == 2
    score_url = f"{ASSESSMENTS}/{assessment}/score"
    first = (await prevention.client.get(score_url, headers=enumerator)).json()
    assert first["result"]["opinion"] and first["result"]["suffix"] is None

    one, two = _case(numbers[0]), _case(numbers[1])
    concluded = CaseConcluded(
        **one,
        finding="maladministration_found",
        corrective_due_on=date(2025, 10, 1),
        reporter_response_until=date(2025, 9, 15),
        concluded_at=NOW,
    )
    issued = RecommendationIssued(**two, issued_at=NOW)
    partly = RecommendationReported(**two, implementation="partly", late=False, reported_at=NOW)
    await _publish(infra.nats_url, concluded, issued, partly)

    async def cases() -> dict[str, Any]:
        answer = await prevention.client.get(
            f"{ASSESSMENTS}/{assessment}/cases", headers=enumerator
        )
        result: dict[str, Any] = answer.json()
        return result

    seen = await eventually(cases, lambda c: len(c["cases"]) == 2 and c["issued"] == 1)
    # The corrective actions are within their deadline; the recommendation was partly
    # implemented: not followed up.
    assert (seen["issued"], seen["followed_up"], seen["pending"]) == (1, 0, 1)
    refused = (await prevention.client.get(score_url, headers=enumerator)).json()
    assert refused["follow_up"]["source"] == "examination"
    assert refused["result"]["suffix"] is None

    # The recommendation is then reported implemented and the case closes: followed up;
    # the first case closes within its deadline (no monitoring): followed up. A replay
    # of the conclusion changes nothing.
    done = RecommendationReported(**two, implementation="implemented", late=False, reported_at=NOW)
    closed = CaseClosed.model_validate(
        {
            **one,
            "report_id": str(uuid.uuid4()),
            "track": "regular",
            "kind": "report",
            "channel": "walk_in",
            "outcome": "resolved",
            "route": "examination",
            "opened_at": NOW.isoformat(),
            "closed_at": NOW.isoformat(),
            "durations": {
                "calendar_days": 30,
                "working_days": 20,
                "sla_elapsed": 20,
                "sla_unit": "working_days",
                "sla_target": 60,
                "sla_state": "met",
            },
        }
    )
    await _publish(infra.nats_url, done, closed, concluded)
    await eventually(cases, lambda c: c["followed_up"] == 2)
    granted = (await prevention.client.get(score_url, headers=enumerator)).json()
    assert granted["follow_up"] == {
        "issued": 2,
        "followed_up": 2,
        "pending": 0,
        "source": "examination",
    }
    assert granted["result"]["suffix"] == "Tanpa Maladministrasi"
    assert granted["result"]["title"].endswith("Opini Ombudsman RI Tanpa Maladministrasi")
    rows = await prevention.scalar(
        "SELECT count(*) FROM case_follow_up WHERE registration_number = ANY(:n)", n=numbers
    )
    assert rows == 2


async def test_a_case_of_another_office_does_not_count(
    prevention: RunningService, infra: TestInfra, enumerator: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2025")
    assessment = (await open_assessment(prevention, enumerator, scheme, year=2025))["id"]
    number = f"LAIN-{uuid.uuid4().hex[:6]}"
    await prevention.client.put(
        f"{ASSESSMENTS}/{assessment}/cases",
        json={"registration_numbers": [number]},
        headers=enumerator,
    )
    other = {**_case(number), "office": "LAIN"}
    await _publish(infra.nats_url, RecommendationIssued(**other, issued_at=NOW))
    await eventually(
        lambda: prevention.scalar(
            "SELECT count(*) FROM case_follow_up WHERE registration_number = :n", n=number
        ),
        lambda n: n == 1,
    )
    seen = (
        await prevention.client.get(f"{ASSESSMENTS}/{assessment}/cases", headers=enumerator)
    ).json()
    assert (seen["cases"], seen["pending"]) == ([], 1)


async def test_without_named_cases_a_recorded_follow_up_decides_the_suffix(
    prevention: RunningService, enumerator: dict[str, str], reviewer: dict[str, str]
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2025")
    opened = await open_assessment(prevention, enumerator, scheme, year=2025)
    assessment = opened["id"]
    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2025))
    url = f"{ASSESSMENTS}/{assessment}/follow-up"
    too_many = await prevention.client.put(
        url, json={"issued": 2, "followed_up": 3}, headers=enumerator
    )
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["pointer"] == "#/body/followed_up"
    recorded = await prevention.client.put(
        url, json={"issued": 3, "followed_up": 3}, headers={**enumerator, "If-Match": '"1"'}
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["follow_up"]["source"] == "recorded"
    score = (
        await prevention.client.get(f"{ASSESSMENTS}/{assessment}/score", headers=enumerator)
    ).json()
    assert score["result"]["suffix"] == "Tanpa Maladministrasi"
