"""No bearer secret of the survey travels in events (issue 16, item 7): `case.closed`
carries no token, intake mints the link and examination learns only its hash."""

from __future__ import annotations

import json

from apik_testing.tokens import TestTokens
from tests.examination.builders import API, answers, close_case, closed_case, link_survey


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


async def test_case_closed_carries_nothing_that_opens_the_survey(
    infra, examination, tokens: TestTokens
):
    """The attack: a reader of the event stream takes the token out of `case.closed`
    and answers the reporter's survey (or floods the IKM)."""
    case = await close_case(infra, examination, tokens)
    [closed] = await examination.outbox_events("case.closed", subject=case["id"])
    assert closed.data.get("survey_token") is None
    for value in _strings(closed.data):
        if 16 <= len(value) <= 64:
            opened = await examination.client.get(f"{API}/public/surveys/{value}")
            assert opened.status_code == 404, (value, opened.text)
            answered = await examination.client.post(
                f"{API}/public/surveys/{value}", json={"answers": answers(1)}
            )
            assert answered.status_code == 404, value


async def test_only_the_link_intake_minted_opens_the_survey(infra, examination, tokens: TestTokens):
    case, token = await closed_case(infra, examination, tokens)
    assert (await examination.client.get(f"{API}/public/surveys/{token}")).status_code == 200
    # The survey row holds a hash, never the token.
    stored = await examination.scalar(
        "SELECT row_to_json(s)::text FROM case_survey s WHERE case_id = :id", id=case["id"]
    )
    assert token not in stored and json.loads(stored)["answered_at"] is None
    # A link minted again (a redelivery after a new mint) replaces the first one.
    newer = await link_survey(infra, examination, case)
    assert (await examination.client.get(f"{API}/public/surveys/{token}")).status_code == 404
    answered = await examination.client.post(
        f"{API}/public/surveys/{newer}", json={"answers": answers(4)}
    )
    assert answered.status_code == 201, answered.text
