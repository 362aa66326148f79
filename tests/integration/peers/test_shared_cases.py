"""Two deployments, one letter: a report verified at both offices shows on both sides
with the other's number; a status change travels and an older one never wins; a
forged, stale or replayed signal is refused and changes nothing; a peer down then up
receives each signal once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from apik_testing.infra import TestInfra
from apik_testing.tokens import TestTokens
from tests.integration.builders import PROBLEM, eventually, publish
from tests.integration.peers.builders import (
    HERE,
    PAIR,
    PAIR_SECRET,
    SHARED,
    SIGNALS,
    THERE,
    Deployment,
    number,
    signal,
    signed,
    status_event,
    verified,
)

Pair = tuple[Deployment, Deployment]


async def _shared(d: Deployment, tokens: TestTokens, office: str) -> list[dict]:
    answer = await d.service.client.get(SHARED, headers=tokens.headers("head", office=office))
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def _row(rows: list[dict], ours: str) -> dict | None:
    return next((r for r in rows if r["registration_number"] == ours), None)


async def _remote_status(d: Deployment, theirs: str) -> str | None:
    return await d.service.scalar(
        "SELECT status FROM shared_case_remote WHERE registration_number = :n", n=theirs
    )


async def test_a_letter_registered_at_both_shows_on_both_sides(
    pair: Pair, infra: TestInfra, tokens: TestTokens
) -> None:
    here, there = pair
    ours, theirs, other = number(HERE), number(THERE), number(THERE)
    t0 = datetime.now(UTC)
    # The same letter, summarised with other spacing and case at the second office;
    # a different letter against the same agency on the same day at the second office.
    await publish(
        infra.nats_url,
        verified(ours, HERE, at=t0),
        verified(
            theirs,
            THERE,
            at=t0,
            summary="pengurusan  KTP-EL tidak selesai setelah tiga bulan, petugas meminta biaya",
        ),
        verified(other, THERE, at=t0, summary="Antrean layanan akta kelahiran ditutup lebih awal."),
    )

    async def both_see_it() -> bool:
        a = _row(await _shared(here, tokens, HERE), ours)
        b = _row(await _shared(there, tokens, THERE), theirs)
        return a is not None and b is not None

    await eventually(both_see_it, what="the shared case on both sides")
    a = _row(await _shared(here, tokens, HERE), ours)
    b = _row(await _shared(there, tokens, THERE), theirs)
    assert a is not None and b is not None
    assert (a["peer"], a["peer_registration_number"], a["peer_status"]) == (
        PAIR,
        theirs,
        "verified",
    )
    assert (b["peer_registration_number"], b["status"], b["peer_status"]) == (
        ours,
        "verified",
        "verified",
    )
    # The other letter was signalled too, and matches nothing here.
    await eventually(lambda: _remote_status(here, other), what="the other letter's signal")
    assert [r["peer_registration_number"] for r in await _shared(here, tokens, HERE)].count(
        other
    ) == 0
    # Another office of the same deployment sees nothing of it.
    assert _row(await _shared(here, tokens, "LAIN"), ours) is None
    # No personal data and no letter text crossed: the signal holds four fields.
    body = await here.service.scalar(
        "SELECT body FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
    )
    assert "KTP" not in body and "Dinas" not in body


async def test_a_status_change_travels_and_an_older_one_never_wins(
    pair: Pair, infra: TestInfra
) -> None:
    here, there = pair
    ours = number(HERE)
    t0 = datetime.now(UTC) - timedelta(days=1)
    await publish(infra.nats_url, verified(ours, HERE, at=t0))
    await eventually(lambda: _remote_status(there, ours), what="the first signal")
    await publish(infra.nats_url, status_event("case.opened", ours, HERE, t0 + timedelta(hours=1)))

    async def moved() -> bool:
        return await _remote_status(there, ours) == "examination"

    await eventually(moved, what="the status change at the peer")
    # An older status, redelivered late, is no signal at all (the peer has newer).
    await publish(infra.nats_url, status_event("report.rejected", ours, HERE, t0))
    await publish(
        infra.nats_url, status_event("case.concluded", ours, HERE, t0 + timedelta(hours=2))
    )

    async def concluded() -> bool:
        return await _remote_status(there, ours) == "concluded"

    await eventually(concluded, what="the newer status")
    assert (
        await here.service.scalar(
            "SELECT count(*) FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
        )
        == 3
    )
    # A signed signal older than the held status changes nothing at the receiver.
    body, headers = signed(signal(ours, "rejected", t0.isoformat()))
    answer = await there.service.client.post(SIGNALS, content=body, headers=headers)
    assert answer.status_code == 202 and answer.json()["effect"] == "older"
    assert await _remote_status(there, ours) == "concluded"


async def test_forged_stale_and_replayed_signals_are_refused(pair: Pair) -> None:
    _, there = pair
    client = there.service.client
    forged_number, number_ok = number(HERE), number(HERE)
    wrong = "whsec_" + PAIR_SECRET[-44:-4][::-1] + "AAAA"
    body, headers = signed(signal(forged_number), secret=wrong)
    answer = await client.post(SIGNALS, content=body, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith(PROBLEM)
    body, headers = signed(signal(forged_number), at=datetime.now(UTC) - timedelta(minutes=6))
    assert (await client.post(SIGNALS, content=body, headers=headers)).status_code == 400
    assert await _remote_status(there, forged_number) is None
    # A genuine signal once; the very same request again is a replay.
    body, headers = signed(signal(number_ok, at="2026-12-06T01:00:00+00:00"))
    assert (await client.post(SIGNALS, content=body, headers=headers)).status_code == 202
    again = await client.post(SIGNALS, content=body, headers=headers)
    assert again.status_code == 409
    # A body tampered with after signing, and an unknown peer.
    tampered = body.replace(b"verified", b"concluded")
    assert (await client.post(SIGNALS, content=tampered, headers=headers)).status_code == 401
    unknown = SIGNALS.replace(PAIR, "nobody")
    assert (await client.post(unknown, content=body, headers=headers)).status_code == 404
    # Well signed but malformed: the field is named, nothing recorded.
    bad, headers = signed({**signal(forged_number), "fingerprint": "not-hex"})
    answer = await client.post(SIGNALS, content=bad, headers=headers)
    assert answer.status_code == 422
    assert "fingerprint" in answer.text
    assert await _remote_status(there, forged_number) is None
    assert await _remote_status(there, number_ok) == "verified"


async def test_the_peer_down_then_up_receives_the_signal_once(pair: Pair, infra: TestInfra) -> None:
    here, there = pair
    ours = number(HERE)
    await there.served.stop()
    try:
        await publish(infra.nats_url, verified(ours, HERE))

        async def failed_twice() -> bool:
            attempts = await here.service.scalar(
                "SELECT attempts FROM peer_signal WHERE body LIKE :n AND status = 'pending'",
                n=f"%{ours}%",
            )
            return bool(attempts and attempts >= 2)

        await eventually(failed_twice, what="attempts while the peer is down")
    finally:
        await there.served.start()

    async def delivered() -> bool:
        return (
            await here.service.scalar(
                "SELECT status FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
            )
            == "delivered"
        )

    await eventually(delivered, what="the signal delivered once the peer is back")
    assert await _remote_status(there, ours) == "verified"
    event_id = await here.service.scalar(
        "SELECT event_id FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
    )
    assert (
        await there.service.scalar(
            "SELECT count(*) FROM peer_received WHERE webhook_id = :i", i=event_id
        )
        == 1
    )
    assert (
        await here.service.scalar(
            "SELECT count(*) FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
        )
        == 1
    )


async def test_a_signal_sent_again_after_a_crash_counts_as_delivered(
    pair: Pair, infra: TestInfra
) -> None:
    """Sent, then not recorded (a crash before the commit): sent again with the same
    `webhook-id`, the peer refuses it as a replay, and that is a delivery."""
    here, there = pair
    ours = number(HERE)
    await publish(infra.nats_url, verified(ours, HERE))

    async def status() -> str | None:
        return await here.service.scalar(
            "SELECT status FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
        )

    async def delivered() -> bool:
        return await status() == "delivered"

    await eventually(delivered, what="the first send")
    async with here.service.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text(
                "UPDATE peer_signal SET status = 'pending', next_attempt_at = now(),"
                " delivered_at = NULL WHERE body LIKE :n"
            ),
            {"n": f"%{ours}%"},
        )
    await eventually(delivered, what="the send again")
    assert (
        await here.service.scalar(
            "SELECT last_status FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
        )
        == 409
    )
    assert (
        await here.service.scalar(
            "SELECT attempts FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
        )
        == 2
    )
    assert await _remote_status(there, ours) == "verified"


async def test_a_letter_number_held_on_both_sides_decides_the_match(
    pair: Pair, infra: TestInfra, tokens: TestTokens
) -> None:
    """Both offices keep the letter's number: the same letter matches even when the
    summaries differ, and two letters with different numbers never match even when their
    summaries are the same. Without a number on one side, the content decides."""
    here, there = pair
    t0 = datetime.now(UTC)
    letter = f"{uuid.uuid4().hex[:5]}/DPU/III/2026"
    ours, theirs = number(HERE), number(THERE)  # the same letter, summarised apart
    mine, yours = number(HERE), number(THERE)  # two letters, the same summary
    plain_ours, plain_theirs = number(HERE), number(THERE)  # a number on one side only
    same_words = "Pengurusan izin usaha ditolak tanpa alasan tertulis."
    other_words = "Bantuan sosial tidak disalurkan kepada warga yang berhak."
    await publish(
        infra.nats_url,
        # A summary of its own: the default one is also the earlier tests' (this module's
        # offices keep their reports), and a report of theirs without a number would match
        # it by content as well.
        verified(ours, HERE, at=t0, letter_number=letter, summary=f"Surat {letter} tentang izin"),
        verified(
            theirs,
            THERE,
            at=t0,
            letter_number=f" {letter.upper()} ",  # case and spacing aside
            summary="Surat pengaduan tentang KTP elektronik yang belum terbit",
        ),
        verified(mine, HERE, at=t0, letter_number=f"{letter}-A", summary=same_words),
        verified(yours, THERE, at=t0, letter_number=f"{letter}-B", summary=same_words),
        verified(plain_ours, HERE, at=t0, letter_number=f"{letter}-C", summary=other_words),
        verified(plain_theirs, THERE, at=t0, summary=other_words.upper()),
    )

    async def matched() -> bool:
        rows = await _shared(here, tokens, HERE)
        return _row(rows, ours) is not None and _row(rows, plain_ours) is not None

    await eventually(matched, what="the letters' matches")
    await eventually(lambda: _remote_status(here, yours), what="the other letter's signal")
    rows = await _shared(here, tokens, HERE)
    by_ours = {r["registration_number"]: r["peer_registration_number"] for r in rows}
    assert by_ours[ours] == theirs  # the number matched, the summaries did not
    assert by_ours[plain_ours] == plain_theirs  # one side without a number: the content
    assert mine not in by_ours  # different numbers: no match, the same words or not

    # Each side learns of the match from the other's signal: the other side's may come later.
    async def matched_there() -> bool:
        return _row(await _shared(there, tokens, THERE), theirs) is not None

    await eventually(matched_there, what="the letter's match on the other side")
    there_rows = await _shared(there, tokens, THERE)
    assert _row(there_rows, theirs)["peer_registration_number"] == ours  # type: ignore[index]
    assert _row(there_rows, yours) is None
    # The number never crosses in clear: only its keyed fingerprint.
    body = await here.service.scalar(
        "SELECT body FROM peer_signal WHERE body LIKE :n", n=f"%{ours}%"
    )
    assert letter not in body and '"letter_fingerprint":"' in body
