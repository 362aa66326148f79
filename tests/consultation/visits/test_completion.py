"""A visit's events leave the desk once each, on the real NATS: `visit.ended` when the
service ends (rated or not: many visitors leave without rating), `visit.completed` with
the rating when the visitor rates, even when the rating (or the end) is sent several
times at once (a double tap on the desk's tablet)."""

from __future__ import annotations

import asyncio

import nats
import nats.errors

from apik_shared.platform.events.envelope import CloudEvent, subject_for
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from tests.consultation.builders import VISITS, check_in, step


async def on_the_stream(infra: TestInfra, event_type: str, visit_id: str) -> list[CloudEvent]:
    """Every `event_type` event of this visit that JetStream holds (the suite shares the
    stream, so the others' are read and left out)."""
    nc = await nats.connect(infra.nats_url)
    try:
        js = nc.jetstream()
        subscription = await js.subscribe(
            subject_for("consultation", event_type), ordered_consumer=True
        )
        found: list[CloudEvent] = []
        while True:
            try:
                message = await subscription.next_msg(timeout=5)
            except nats.errors.TimeoutError:
                return found  # nothing of that type on the stream at all
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


async def published_once(desk: RunningService, infra: TestInfra, event: CloudEvent) -> None:
    """The outbox's event reached JetStream, and it is the only one of its type there."""
    assert event.subject is not None
    await eventually(lambda: sent(desk, event.id))
    published = await on_the_stream(infra, event.type, event.subject)
    assert [e.id for e in published] == [event.id]
    assert published[0].data == event.data


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
    [completed] = await desk.outbox_events("visit.completed", subject=vid)
    assert completed.data["rating"] == winner["rating"]
    assert completed.data["duration_seconds"] == shown["duration_seconds"]
    await published_once(desk, infra, completed)
    # The end's `visit.ended` stays the only one: rating adds none.
    [ended] = await desk.outbox_events("visit.ended", subject=vid)
    assert "rating" not in ended.data
    await published_once(desk, infra, ended)


async def test_an_ended_visit_without_a_rating_is_ended_once(desk, officer, infra):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    await step(desk, officer, vid, "start")
    url = f"{VISITS}/{vid}/end"
    responses = await asyncio.gather(
        *(desk.client.post(url, json={"outcome": "Dijelaskan"}, headers=officer) for _ in range(4))
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409, 409, 409], [r.text for r in responses]
    ended = next(r.json() for r in responses if r.status_code == 200)
    # The visitor leaves without rating; bad ratings change nothing either.
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
    [end] = await desk.outbox_events("visit.ended", subject=vid)
    assert "rating" not in end.data
    assert end.data["duration_seconds"] == ended["duration_seconds"]
    assert end.data["officer"] == "petugas" and end.data["office"] == "KAB"
    await published_once(desk, infra, end)
    # Not rated: no `visit.completed`, whose contract is a rated visit.
    assert await desk.outbox_events("visit.completed", subject=vid) == []
    assert await on_the_stream(infra, "visit.completed", vid) == []
    shown = (await desk.client.get(f"{VISITS}/{vid}", headers=officer)).json()
    assert shown["status"] == "ended" and shown["rating"] is None and shown["version"] == 3


async def test_a_supervisor_ending_and_rating_names_no_subject(desk, officer, supervisor):
    """The desk knows its officers by username: the subject goes with an event only when
    the officer takes the step themselves."""
    visit = await check_in(desk, officer)
    vid = visit["id"]
    await step(desk, supervisor, vid, "assign", {"officer": "petugas"})
    await step(desk, officer, vid, "start")
    await step(desk, supervisor, vid, "end", {"outcome": "Dijelaskan"})
    await step(desk, officer, vid, "rating", {"score": 4})
    [ended] = await desk.outbox_events("visit.ended", subject=vid)
    [completed] = await desk.outbox_events("visit.completed", subject=vid)
    assert ended.data["officer"] == completed.data["officer"] == "petugas"
    assert ended.data["officer_subject"] is None  # the supervisor ended it
    assert completed.data["officer_subject"] == "user:petugas"
    assert completed.data["rating"] == 4
