"""A visit through the desk: check-in, queue, assignment, the clock, rating, the event."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import uuid
from datetime import datetime

from PIL import Image

from apik_testing.tokens import TestTokens
from tests.consultation.builders import (
    PROBLEM,
    VISITS,
    backdate,
    check_in,
    objection,
    png_base64,
    step,
    visit_body,
)


async def test_check_in_issues_a_ticket_and_seals_the_visitor(desk, officer):
    first = await check_in(desk, officer)
    second = await check_in(desk, officer)
    assert second["ticket"] == first["ticket"] + 1
    assert first["status"] == "waiting" and first["office"] == "KAB"
    # The check-in's answer is kept for Idempotency-Key replays: it shows the visitor
    # masked; the visit's detail shows the desk the visitor in full.
    assert first["visitor"] == {"name": "S*** R********", "phone": "+62812******22"}
    assert first["institution"] == "C* M*** J***"
    shown = (await desk.client.get(f"{VISITS}/{first['id']}", headers=officer)).json()
    assert shown["visitor"] == {"name": "Siti Rahmawati", "phone": "+6281211112222"}
    assert shown["institution"] == "CV Maju Jaya" and shown["visitor_disclosure"] == "full"
    assert first["duration_seconds"] == 0 and first["clock_running"] is False
    stored = await desk.scalar(
        "SELECT visitor FROM visit WHERE id = :id", id=uuid.UUID(first["id"])
    )
    assert "Siti" not in stored and "6281211112222" not in stored


async def test_a_full_visit_publishes_visit_ended_then_visit_completed(desk, officer):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    await step(desk, officer, vid, "pick-up")
    started = await step(desk, officer, vid, "start")
    assert started["status"] == "in_service" and started["clock_running"] is True
    assert started["officer"] == "petugas"
    await step(desk, officer, vid, "pause")
    await step(desk, officer, vid, "resume")
    # Ten minutes ago it started, paused for five after two, and has run three since.
    await backdate(desk, vid, {"start": 10, "pause": 8, "resume": 3})
    talk = "Pengunjung menanyakan syarat SBU; dijelaskan dengan dokumen pemilihan."
    ending = {"outcome": "Dijelaskan syarat kualifikasi", "conversation": talk}
    ended = await step(desk, officer, vid, "end", ending)
    assert ended["status"] == "ended" and ended["clock_running"] is False
    assert ended["outcome"] == ending["outcome"] and ended["conversation"] == talk
    assert 5 * 60 - 2 <= ended["duration_seconds"] <= 5 * 60 + 2
    # The service ended: the visit is served, whether or not the visitor rates it.
    [end] = await desk.outbox_events("visit.ended", subject=vid)
    assert "rating" not in end.data
    assert end.data["officer"] == "petugas"
    assert end.data["officer_subject"] == "user:petugas"  # the officer ended it
    assert end.data["duration_seconds"] == ended["duration_seconds"]
    assert end.data["category"] == "consultation" and end.data["office"] == "KAB"
    assert end.data["requested_category"] == "consultation"
    ended_at = await desk.scalar("SELECT ended_at FROM visit WHERE id = :id", id=uuid.UUID(vid))
    assert datetime.fromisoformat(end.data["ended_at"]) == ended_at
    assert await desk.outbox_events("visit.completed", subject=vid) == []
    rating = {"score": 5, "comment": "Sangat membantu", "signature": png_base64()}
    rated = await step(desk, officer, vid, "rating", rating)
    assert rated["status"] == "completed" and rated["rating"] == 5 and rated["signed"] is True
    assert rated["duration_seconds"] == ended["duration_seconds"]
    again = await desk.client.post(f"{VISITS}/{vid}/rating", json=rating, headers=officer)
    assert again.status_code == 409
    [event] = await desk.outbox_events("visit.completed", subject=vid)
    assert event.data["rating"] == 5 and event.data["officer"] == "petugas"
    assert event.data["officer_subject"] == "user:petugas"  # the officer rated it
    assert event.data["duration_seconds"] == ended["duration_seconds"]
    assert event.data["category"] == "consultation" and event.data["office"] == "KAB"
    assert event.data["checked_in_at"] == end.data["checked_in_at"]
    assert event.data["ended_at"] == end.data["ended_at"]
    rated_at = await desk.scalar("SELECT rated_at FROM visit WHERE id = :id", id=uuid.UUID(vid))
    assert datetime.fromisoformat(event.data["completed_at"]) == rated_at
    # Rating publishes no second end.
    assert [e.id for e in await desk.outbox_events("visit.ended", subject=vid)] == [end.id]
    for published in (end, event):
        body = published.to_json().decode()
        assert "Siti" not in body and "0812" not in body
    # The relay publishes it to NATS (it marks the row sent once JetStream has acked).
    for _ in range(200):
        sent = await desk.scalar("SELECT sent_at FROM outbox WHERE id = :id", id=event.id)
        if sent is not None:
            break
        await asyncio.sleep(0.05)
    assert sent is not None
    shown = (await desk.client.get(f"{VISITS}/{vid}", headers=officer)).json()
    assert shown["duration_seconds"] == ended["duration_seconds"]
    assert [s for s in shown["allowed_steps"]] == []


async def test_concurrent_starts_have_one_winner(desk, officer):
    visit = await check_in(desk, officer)
    url = f"{VISITS}/{visit['id']}/start"
    responses = await asyncio.gather(*(desk.client.post(url, headers=officer) for _ in range(6)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] + [409] * 5, [r.text for r in responses]
    starts = await desk.scalar(
        "SELECT count(*) FROM visit_step WHERE visit_id = :v AND step = 'start'",
        v=uuid.UUID(visit["id"]),
    )
    assert starts == 1


async def test_assignment_reserves_the_visit_for_its_officer(desk, officer, supervisor, tokens):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    other = tokens.headers("desk_officer", office="KAB", username="lain")
    forbidden = await desk.client.post(
        f"{VISITS}/{vid}/assign", json={"officer": "x"}, headers=other
    )
    assert forbidden.status_code == 403
    assigned = await step(desk, supervisor, vid, "assign", {"officer": "petugas"})
    assert assigned["status"] == "assigned" and assigned["officer"] == "petugas"
    taken = await desk.client.post(f"{VISITS}/{vid}/start", headers=other)
    assert taken.status_code == 409 and taken.json()["type"] == "/problems/assigned-elsewhere"
    picked = await desk.client.post(f"{VISITS}/{vid}/pick-up", headers=other)
    assert picked.status_code == 409
    started = await step(desk, officer, vid, "start")
    assert started["officer"] == "petugas"


async def test_the_queue_lists_waiting_and_running_visits(desk, tokens):
    office = "Q" + uuid.uuid4().hex[:5].upper()
    headers = tokens.headers("desk_officer", office=office, username="antri")
    first, second, third = [await check_in(desk, headers) for _ in range(3)]
    await step(desk, headers, second["id"], "start")
    await step(desk, headers, third["id"], "start")
    await step(desk, headers, third["id"], "end", {"outcome": "Selesai"})
    response = await desk.client.get(
        "/api/v1/consultation/visits", params={"status": ["waiting", "in_service"]}, headers=headers
    )
    assert [v["id"] for v in response.json()["items"]] == [second["id"], first["id"]]
    # The desk's own list names its visitors (each read audited, tests/consultation/visitors).
    assert all(v["visitor"]["name"] == "Siti Rahmawati" for v in response.json()["items"])
    queue = (await desk.client.get("/api/v1/consultation/queue", headers=headers)).json()
    assert queue["office"] == office
    assert [(v["id"], v["status"]) for v in queue["items"]] == [
        (first["id"], "waiting"),
        (second["id"], "in_service"),
    ]
    assert queue["items"][1]["clock_running"] is True
    assert "Siti" not in str(queue)


async def test_bad_input_is_a_problem_and_changes_nothing(desk, officer):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    before = await desk.scalar("SELECT count(*) FROM visit")
    never_started = await desk.client.post(
        f"{VISITS}/{vid}/end", json={"outcome": "x"}, headers=officer
    )
    assert never_started.status_code == 409 and never_started.headers["content-type"] == PROBLEM
    assert never_started.json()["type"] == "/problems/transition-not-allowed"
    assert never_started.json()["code"] == "step_not_allowed"
    assert never_started.json()["params"] == {"step": "end", "status": "waiting"}
    unchanged = (await desk.client.get(f"{VISITS}/{vid}", headers=officer)).json()
    # The whole visit as checked in: status, version, clock (the check-in's answer shows
    # the visitor masked, the desk's read in full).
    visitor = ("visitor", "institution", "visitor_disclosure")
    assert {k: v for k, v in unchanged.items() if k not in visitor} == {
        k: v for k, v in visit.items() if k not in visitor
    }
    assert unchanged["status"] == "waiting" and unchanged["version"] == 1
    steps = await desk.scalar(
        "SELECT string_agg(step, ',') FROM visit_step WHERE visit_id = :v", v=uuid.UUID(vid)
    )
    assert steps == "check_in"
    await step(desk, officer, vid, "start")
    await step(desk, officer, vid, "end", {"outcome": "Selesai"})
    for score in (0, 6, "lima"):
        bad = await desk.client.post(
            f"{VISITS}/{vid}/rating", json={"score": score}, headers=officer
        )
        assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
        assert bad.json()["errors"][0]["pointer"] == "#/body/score"
    for drawing in ("bm90IGFuIGltYWdl", "%%%", base64.b64encode(b"GIF89a" * 10).decode()):
        bad = await desk.client.post(
            f"{VISITS}/{vid}/rating", json={"score": 4, "signature": drawing}, headers=officer
        )
        assert bad.status_code == 422, bad.text
        assert bad.json()["errors"][0]["pointer"] == "#/body/signature"
    noise = io.BytesIO()
    Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3)).save(noise, format="PNG")
    too_big = base64.b64encode(noise.getvalue()).decode()  # a real PNG, over 256 KiB
    bad = await desk.client.post(
        f"{VISITS}/{vid}/rating", json={"score": 4, "signature": too_big}, headers=officer
    )
    assert bad.status_code == 422 and "larger" in bad.json()["errors"][0]["detail"]
    shown = (await desk.client.get(f"{VISITS}/{vid}", headers=officer)).json()
    assert shown["status"] == "ended" and shown["rating"] is None
    invalid = await desk.client.post(
        VISITS,
        json=visit_body(category="gossip", visitor={"name": "", "phone": "abc"}),
        headers=officer,
    )
    assert invalid.status_code == 422
    pointers = {e["pointer"] for e in invalid.json()["errors"]}
    assert {"#/body/category", "#/body/visitor/name", "#/body/visitor/phone"} <= pointers
    assert await desk.scalar("SELECT count(*) FROM visit") == before


async def test_idempotency_key_replays_the_check_in(desk, officer):
    headers = {**officer, "Idempotency-Key": uuid.uuid4().hex}
    body = visit_body(description="Kunci idempoten desk")
    first = await desk.client.post(VISITS, json=body, headers=headers)
    second = await desk.client.post(VISITS, json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers.get("idempotent-replayed") == "true"
    # A client whose first answer was lost follows the replay's link and writes with its
    # ETag, exactly as with the first answer.
    assert first.headers["location"] == f"{VISITS}/{first.json()['id']}"
    assert second.headers["location"] == first.headers["location"]
    assert first.headers["etag"] == second.headers["etag"] == '"1"'
    count = await desk.scalar(
        "SELECT count(*) FROM visit WHERE description = 'Kunci idempoten desk'"
    )
    assert count == 1


async def test_stale_if_match_is_refused(desk, officer):
    visit = await check_in(desk, officer)
    url = f"{VISITS}/{visit['id']}/start"
    stale = await desk.client.post(url, headers={**officer, "If-Match": '"7"'})
    assert stale.status_code == 412
    fresh = await desk.client.post(url, headers={**officer, "If-Match": '"1"'})
    assert fresh.status_code == 200 and fresh.headers["etag"] == '"2"'


async def test_who_may_see_what(desk, officer, tokens: TestTokens):
    visit = await check_in(desk, officer)
    url = f"{VISITS}/{visit['id']}"
    assert (await desk.client.get(url)).status_code == 401
    intake = tokens.headers("intake_officer", office="KAB")
    assert (await desk.client.get(url, headers=intake)).status_code == 403
    analyst = tokens.headers("analyst", office="KAB")
    seen = await desk.client.get(url, headers=analyst)
    assert seen.status_code == 200 and seen.json()["visitor_disclosure"] == "masked"
    assert seen.json()["visitor"] == {"name": "S*** R********", "phone": "+62812******22"}
    analyst_checks_in = await desk.client.post(VISITS, json=visit_body(), headers=analyst)
    assert analyst_checks_in.status_code == 403
    elsewhere = tokens.headers("desk_officer", office="JKT")
    assert (await desk.client.get(url, headers=elsewhere)).status_code == 404
    national = tokens.headers("head", "national", office="PUSAT")
    assert (await desk.client.get(url, headers=national)).status_code == 200
    unknown = await desk.client.get(f"{VISITS}/{uuid.uuid4()}", headers=officer)
    assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM


async def test_list_pages_with_a_cursor(desk, tokens: TestTokens):
    office = "P" + uuid.uuid4().hex[:5].upper()
    headers = tokens.headers("desk_officer", office=office)
    ids = [(await check_in(desk, headers))["id"] for _ in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await desk.client.get(VISITS, params=params, headers=headers)).json()
        seen += [item["id"] for item in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == list(reversed(ids))
    bad = await desk.client.get(VISITS, params={"cursor": "%%%"}, headers=headers)
    assert bad.status_code == 422


async def test_operations_endpoints(desk):
    ready = await desk.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "nats": "ok"}


async def test_text_the_database_cannot_store_is_refused_by_field(desk, officer):
    before = await desk.scalar("SELECT count(*) FROM visit")
    cases = {
        "#/body/description": visit_body(description="jalan\u0000desa"),
        "#/body/visitor/name": visit_body(visitor={"name": "Siti\u0000"}),
        "#/body/visitor/institution": visit_body(visitor={"name": "Siti", "institution": "\ud800"}),
    }
    for pointer, body in cases.items():
        response = await desk.client.post(
            VISITS,
            content=json.dumps(body).encode(),
            headers={**officer, "content-type": "application/json"},
        )
        assert response.status_code == 422, (pointer, response.text)
        assert response.json()["errors"][0]["pointer"] == pointer
    assert await desk.scalar("SELECT count(*) FROM visit") == before


async def test_control_characters_in_any_text_of_a_check_in_are_refused_by_field(desk, officer):
    """NUL (and any control character) in an identity or text field is a 422 naming the
    field, never a stored row or a 500 from the database."""
    before = await desk.scalar(
        "SELECT (SELECT count(*) FROM visit) || '/' || (SELECT count(*) FROM visit_step)"
    )
    visitor = {"name": "Siti", "institution": "CV Maju", "phone": "0812-1111-2222"}
    objection_body = objection(1)
    cases = {
        "#/body/visitor/name": visit_body(visitor={**visitor, "name": "Si\u0000ti"}),
        "#/body/visitor/institution": visit_body(visitor={**visitor, "institution": "CV\u0000"}),
        "#/body/visitor/phone": visit_body(visitor={**visitor, "phone": "0812\u00001111"}),
        "#/body/description": visit_body(description="syarat\u0000tender"),
        "#/body/tender_reference": {**objection_body, "tender_reference": "PKT\u0000017"},
    }
    for pointer, body in cases.items():
        response = await desk.client.post(VISITS, json=body, headers=officer)
        assert response.status_code == 422, (pointer, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert [e["pointer"] for e in response.json()["errors"]] == [pointer]
    after = await desk.scalar(
        "SELECT (SELECT count(*) FROM visit) || '/' || (SELECT count(*) FROM visit_step)"
    )
    assert after == before


async def test_the_steps_offered_are_the_readers_own_and_accepted(
    desk, officer, supervisor, tokens: TestTokens
):
    """Issue 21: `allowed_steps` says what this reader may do, and the routes agree."""
    head = tokens.headers("head", office="KAB", username="kepala")
    visit = await check_in(desk, officer)
    url = f"{VISITS}/{visit['id']}"
    seen = {
        who: (await desk.client.get(url, headers=headers)).json()["allowed_steps"]
        for who, headers in (("officer", officer), ("supervisor", supervisor), ("head", head))
    }
    assert seen == {
        "officer": ["pick_up", "start"],
        "supervisor": ["assign", "start"],
        "head": [],
    }
    # Not offered, and refused: the head's start, the supervisor's pick-up.
    assert (await desk.client.post(f"{url}/start", headers=head)).status_code == 403
    assert (await desk.client.post(f"{url}/pick-up", headers=supervisor)).status_code == 403
    # Offered, and accepted: the supervisor assigns, then the officer takes the visit
    # through every other step, each one offered before it is taken.
    assigned = await step(desk, supervisor, visit["id"], "assign", {"officer": "petugas"})
    assert assigned["status"] == "assigned"
    bodies: dict[str, dict[str, object]] = {
        "end": {"outcome": "Dijelaskan", "conversation": "Pengunjung bertanya; dijawab."},
        "rate": {"score": 5, "signature": png_base64()},
    }
    for taken in ("start", "pause", "resume", "end", "rate"):
        offered = (await desk.client.get(url, headers=officer)).json()["allowed_steps"]
        assert taken in offered, (taken, offered)
        await step(
            desk, officer, visit["id"], "rating" if taken == "rate" else taken, bodies.get(taken)
        )
    assert (await desk.client.get(url, headers=officer)).json()["allowed_steps"] == []
