"""`visit.completed` leaves the desk once per visit, on the real NATS: even when the
visitor's rating is sent several times at once (a double tap on the desk's tablet)."""

from __future__ import annotations

import asyncio

import nats

from apik_shared.events.envelope import CloudEvent, subject_for
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.polling import eventually
from apik_shared.testing.services import RunningService
from tests.consultation.test_visits import VISITS, check_in, step


async def on_the_stream(infra: TestInfra, visit_id: str) -> list[CloudEvent]:
    """Every `visit.completed` of this visit that JetStream holds (the suite shares the
    stream, so the others' are read and left out)."""
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        subscription = await js.subscribe(
            subject_for("consultation", "visit.completed"), ordered_consumer=True
        )
        found = []
        while True:
            message = await subscription.next_msg(timeout=5)
            event = CloudEvent.from_json(message.data)
            if event.subject == visit_id:
                found.append(event)
            if message.metadata.num_pending == 0:
                return found
    finally:
        await nc.close()


async def sent(desk: RunningService, event_id: str) -> bool:
    at = await desk.scalar("SELECT sent_at FROM outbox WHERE id = :id", id=event_id)
    return at is not None


async def test_simultaneous_ratings_complete_the_visit_once(desk, officer, infra):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    await step(desk, officer, vid, "start")
    await step(desk, officer, vid, "end", {"outcome": "Dijelaskan"})
    url = f"{VISITS}/{vid}/rating"
    ratings = [{"score": score, "comment": f"nilai {score}"} for score in (5, 4, 3, 2)]
    responses = await asyncio.gather(
        *(desk.client.post(url, json=body, headers=officer) for body in ratings)
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409, 409, 409], [r.text for r in responses]
    [winner] = [r.json() for r in responses if r.status_code == 200]
    # The row keeps the one rating that won, and the event carries that same rating.
    shown = (await desk.client.get(f"{VISITS}/{vid}", headers=officer)).json()
    assert shown["rating"] == winner["rating"] and shown["version"] == winner["version"]
    rates = await desk.scalar(
        "SELECT count(*) FROM visit_step WHERE visit_id = CAST(:v AS uuid) AND step = 'rate'",
        v=vid,
    )
    assert rates == 1
    [event] = await desk.outbox_events("visit.completed", subject=vid)
    assert event.data["rating"] == winner["rating"]
    await eventually(lambda: sent(desk, event.id))
    published = await on_the_stream(infra, vid)
    assert [e.id for e in published] == [event.id]
    assert published[0].data["duration_seconds"] == shown["duration_seconds"]


async def test_an_ended_visit_without_a_rating_publishes_nothing(desk, officer):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    await step(desk, officer, vid, "start")
    await step(desk, officer, vid, "end", {"outcome": "Dijelaskan"})
    for score in (0, 6):
        bad = await desk.client.post(
            f"{VISITS}/{vid}/rating", json={"score": score}, headers=officer
        )
        assert bad.status_code == 422
    for not_a_score in (True, 4.0, "4"):
        bad = await desk.client.post(
            f"{VISITS}/{vid}/rating", json={"score": not_a_score}, headers=officer
        )
        assert bad.status_code == 422, (not_a_score, bad.text)
        assert bad.json()["errors"][0]["pointer"] == "#/body/score"
    assert await desk.outbox_events("visit.completed", subject=vid) == []
    shown = (await desk.client.get(f"{VISITS}/{vid}", headers=officer)).json()
    assert shown["status"] == "ended" and shown["rating"] is None and shown["version"] == 3
