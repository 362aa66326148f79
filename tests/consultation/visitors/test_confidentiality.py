"""Desk visitors are personal data (UU 27/2022): names, phones and institutions in full
only for the desk staff who serve them, in their office, every such read audited; masked
for heads, analysts, admins and national readers; and the audit for the DPO.

Each test performs the attack as a caller would and looks for the visitor's data in the
whole answer, not only in the field meant to carry it."""

from __future__ import annotations

import uuid

from sqlalchemy import text

from apik_shared.platform.pagination import encode_cursor
from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.consultation.builders import (
    OBJECTIONS,
    PROBLEM,
    VISITS,
    check_in,
    objection,
    step,
)

READS = "/api/v1/consultation/visitor-reads"
QUEUE = "/api/v1/consultation/queue"
WULAN = {"name": "Wulan Pratiwi", "institution": "PT Sinar Terang", "phone": "0813-5555-7777"}
SECRETS = ("Wulan", "Pratiwi", "Sinar", "Terang", "81355557777")
MASKED = {"name": "W**** P******", "phone": "+62813******77"}


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


async def wulan_checks_in(desk: RunningService, officer: dict[str, str], **overrides: object):
    return await check_in(desk, officer, **{"visitor": WULAN, **overrides})


async def reads_of(desk: RunningService, visit_id: str) -> list[tuple[str, str]]:
    async with desk.app.state.database.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT actor_username, purpose FROM visitor_read WHERE visit_id = :v ORDER BY id"
            ),
            {"v": uuid.UUID(visit_id)},
        )
        return [(r.actor_username, r.purpose) for r in rows]


async def test_heads_and_analysts_list_and_open_visits_without_the_visitor(
    desk, officer, tokens: TestTokens
):
    visit = await wulan_checks_in(desk, officer)
    late = await wulan_checks_in(desk, officer, **objection(1, visitor=WULAN))
    for role in ("analyst", "head"):
        reader = tokens.headers(role, office="KAB", username=role)
        listed = await desk.client.get(VISITS, headers=reader)
        assert listed.status_code == 200 and leaks(listed.text) == []
        [item] = [v for v in listed.json()["items"] if v["id"] == visit["id"]]
        assert item["visitor"] == MASKED and item["visitor_disclosure"] == "masked"
        assert item["institution"] == "P* S**** T*****"
        opened = await desk.client.get(f"{VISITS}/{visit['id']}", headers=reader)
        assert opened.status_code == 200 and leaks(opened.text) == []
        assert opened.json()["visitor"] == MASKED
        due = await desk.client.get(OBJECTIONS, headers=reader)
        assert late["id"] in due.text and leaks(due.text) == []
    # Masked reads disclose nothing, so they leave no trail to audit.
    assert await reads_of(desk, visit["id"]) == []


async def test_admins_and_national_readers_do_not_serve_the_offices_visitors(
    desk, officer, tokens: TestTokens
):
    visit = await wulan_checks_in(desk, officer)
    url = f"{VISITS}/{visit['id']}"
    for caller in (
        tokens.headers("admin", office="KAB", username="admin"),
        tokens.headers("desk_supervisor", "national", office="PUSAT", username="pusat"),
        tokens.headers("head", "national", office="PUSAT", username="kepala-pusat"),
    ):
        opened = await desk.client.get(url, headers=caller)
        assert opened.status_code == 200 and leaks(opened.text) == []
        assert opened.json()["visitor_disclosure"] == "masked"
        listed = await desk.client.get(VISITS, headers=caller)
        assert visit["id"] in listed.text and leaks(listed.text) == []
    assert await reads_of(desk, visit["id"]) == []


async def test_the_live_queue_names_no_visitor_to_anyone(desk, officer, tokens: TestTokens):
    visit = await wulan_checks_in(desk, officer)
    for role in ("analyst", "head", "desk_officer"):
        queue = await desk.client.get(QUEUE, headers=tokens.headers(role, office="KAB"))
        assert visit["id"] in queue.text and leaks(queue.text) == []
    national = tokens.headers("head", "national", office="PUSAT")
    queue = await desk.client.get(QUEUE, headers=national)
    assert visit["id"] in queue.text and leaks(queue.text) == []


async def test_a_replayable_check_in_keeps_no_visitor_in_clear(desk, officer):
    key = uuid.uuid4().hex
    body = {"visitor": WULAN, "category": "consultation", "description": "Syarat tender"}
    headers = {**officer, "Idempotency-Key": key}
    first = await desk.client.post(VISITS, json=body, headers=headers)
    replay = await desk.client.post(VISITS, json=body, headers=headers)
    assert first.status_code == replay.status_code == 201
    assert leaks(first.text) == leaks(replay.text) == []
    kept = await desk.scalar("SELECT string_agg(body::text, '') FROM idempotency_key")
    assert leaks(kept) == []


async def test_the_desk_reads_the_visitor_in_full_and_every_read_is_audited(
    desk, officer, supervisor, tokens: TestTokens
):
    visit = await wulan_checks_in(desk, officer)
    vid = visit["id"]
    # The check-in's answer is stored for Idempotency-Key replays: masked, not audited.
    assert visit["visitor"] == MASKED and leaks(str(visit)) == []
    assert await reads_of(desk, vid) == []
    opened = await desk.client.get(
        f"{VISITS}/{vid}", params={"purpose": "calling the visitor"}, headers=officer
    )
    assert opened.json()["visitor"] == {"name": "Wulan Pratiwi", "phone": "+6281355557777"}
    assert opened.json()["institution"] == "PT Sinar Terang"
    assert opened.json()["visitor_disclosure"] == "full"
    assert await reads_of(desk, vid) == [("petugas", "calling the visitor")]
    await desk.client.get(f"{VISITS}/{vid}", headers=supervisor)
    started = await step(desk, officer, vid, "start")
    assert started["visitor"]["name"] == "Wulan Pratiwi"
    listed = await desk.client.get(VISITS, params={"limit": 200}, headers=officer)
    assert listed.json()["items"][0]["visitor"]["name"] == "Wulan Pratiwi"
    trail = await reads_of(desk, vid)
    assert trail[1:] == [
        ("penyelia", "visit detail"),
        ("petugas", "step: start"),
        ("petugas", "visit list"),
    ]
    # A page of the list is one audited read per visit it shows in full.
    shown = sum(v["visitor_disclosure"] == "full" for v in listed.json()["items"])
    audited = await desk.scalar(
        "SELECT count(*) FROM visitor_read WHERE purpose = 'visit list' AND actor = :a",
        a="user:petugas",
    )
    assert shown == audited == len(listed.json()["items"])


async def test_the_dpo_reads_the_audit_of_their_office(desk, officer, tokens: TestTokens):
    visit = await wulan_checks_in(desk, officer)
    await desk.client.get(
        f"{VISITS}/{visit['id']}", params={"purpose": "follow-up call"}, headers=officer
    )
    dpo = tokens.headers("dpo", office="KAB", username="dpo")
    answer = await desk.client.get(READS, params={"visit_id": visit["id"]}, headers=dpo)
    assert answer.status_code == 200, answer.text
    [read] = answer.json()["items"]
    assert read["visit_id"] == visit["id"] and read["office"] == "KAB"
    assert read["actor"] == "user:petugas" and read["actor_username"] == "petugas"
    assert read["actor_roles"] == ["desk_officer"] and read["purpose"] == "follow-up call"
    assert read["disclosure"] == "full" and read["at"]
    assert leaks(answer.text) == []
    by_reader = await desk.client.get(READS, params={"reader": "petugas"}, headers=dpo)
    assert visit["id"] in by_reader.text
    # Another office's DPO sees nothing of this office's trail; no one else sees it at all.
    elsewhere = tokens.headers("dpo", office="JKT")
    other = await desk.client.get(READS, params={"visit_id": visit["id"]}, headers=elsewhere)
    assert other.status_code == 200 and other.json()["items"] == []
    for role in ("desk_supervisor", "head", "analyst"):
        refused = await desk.client.get(READS, headers=tokens.headers(role, office="KAB"))
        assert refused.status_code == 403


async def test_the_audit_pages_and_refuses_bad_queries(desk, officer, tokens: TestTokens):
    visit = await wulan_checks_in(desk, officer)
    for _ in range(3):
        await desk.client.get(f"{VISITS}/{visit['id']}", headers=officer)
    dpo = tokens.headers("dpo", office="KAB")
    params: dict[str, object] = {"visit_id": visit["id"], "limit": 2}
    first = (await desk.client.get(READS, params=params, headers=dpo)).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    params["cursor"] = first["next_cursor"]
    second = (await desk.client.get(READS, params=params, headers=dpo)).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    forged = [
        "bm9wZQ",  # not a cursor at all
        encode_cursor("x", 1),
        encode_cursor("2026-01-01T00:00:00", 1),  # a naive time
        encode_cursor("2026-01-01T00:00:00+00:00", 10**20),  # past bigint
    ]
    for cursor in forged:
        bad = await desk.client.get(READS, params={"cursor": cursor}, headers=dpo)
        assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM, cursor
        assert bad.json()["errors"][0]["pointer"] == "#/query/cursor"
    nul = await desk.client.get(READS, params={"reader": "pe\x00tugas"}, headers=dpo)
    assert nul.status_code == 422 and nul.json()["errors"][0]["pointer"] == "#/query/reader"


async def test_a_bad_purpose_is_a_problem_and_audits_nothing(desk, officer):
    visit = await wulan_checks_in(desk, officer)
    for purpose in ("  ", "ab", "why\x00", "x" * 501):
        bad = await desk.client.get(
            f"{VISITS}/{visit['id']}", params={"purpose": purpose}, headers=officer
        )
        assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM, purpose
        assert bad.json()["errors"][0]["pointer"] == "#/query/purpose"
    assert await reads_of(desk, visit["id"]) == []


async def test_printed_forms_are_refused_to_who_does_not_serve_the_visitor(
    desk, officer, tokens: TestTokens
):
    visit = await wulan_checks_in(desk, officer)
    vid = visit["id"]
    await step(desk, officer, vid, "start")
    await step(desk, officer, vid, "end", {"outcome": "Dijelaskan"})
    for caller in (
        tokens.headers("admin", office="KAB"),
        tokens.headers("desk_supervisor", "national", office="PUSAT"),
        tokens.headers("admin", "national", office="PUSAT"),
    ):
        for form in ("slip.pdf", "form.pdf"):
            refused = await desk.client.get(f"{VISITS}/{vid}/{form}", headers=caller)
            assert refused.status_code == 403, (form, refused.status_code)
            assert refused.headers["content-type"] == PROBLEM and leaks(refused.text) == []
    # Only the officer's own steps were read in full; no refused print left a read.
    assert {purpose for _, purpose in await reads_of(desk, vid)} == {"step: start", "step: end"}
    slip = await desk.client.get(f"{VISITS}/{vid}/slip.pdf", headers=officer)
    assert "Wulan Pratiwi" in text_of(slip.content)
    await desk.client.get(
        f"{VISITS}/{vid}/form.pdf", params={"purpose": "reprint"}, headers=officer
    )
    assert (await reads_of(desk, vid))[-2:] == [
        ("petugas", "check-in slip"),
        ("petugas", "reprint"),
    ]
