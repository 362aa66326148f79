"""Intake's migrations: rows written before them are carried over, and they go back down."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
from alembic import command

from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.infra import TestInfra

SCRIPTS = "apik_intake:migrations"


async def test_old_rows_survive_the_upgrade_and_the_migrations_go_down(infra: TestInfra):
    url = await infra.adatabase("intake_migrations")
    await upgrade(url, SCRIPTS, "0001")
    reporter_id, report_id = uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        await conn.execute(
            "INSERT INTO reporter (id, office, identity) VALUES ($1, 'BKL', 'sealed')",
            reporter_id,
        )
        await conn.execute(
            "INSERT INTO report (id, office, registration_number, kind, channel, status,"
            " reporter_id, reported_agency, substance, summary, chronology, created_by,"
            " created_at) VALUES ($1, 'BKL', 'BKL-2025-00001', 'LM', 'letter', 'registered',"
            " $2, 'Dinas', 'education', 'Ijazah', 'Kronologi', 'petugas',"
            " '2025-05-05T01:00:00Z')",
            report_id,
            reporter_id,
        )
        await upgrade(url, SCRIPTS)
        person = await conn.fetchval("SELECT person_id FROM reporter WHERE id = $1", reporter_id)
        # Each earlier reporter is their own person, under an id of its own (0018): a
        # reporter id that doubled as the person id linked confidential reports.
        assert person is not None and person != reporter_id
        received = await conn.fetchval("SELECT received_at FROM report WHERE id = $1", report_id)
        assert received.isoformat() == "2025-05-05T01:00:00+00:00"
        config = alembic_config(url, SCRIPTS)
        await asyncio.to_thread(command.downgrade, config, "0001")
        columns = await conn.fetch(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'report'"
        )
        assert "received_at" not in {c["column_name"] for c in columns}
        await upgrade(url, SCRIPTS)
        assert await conn.fetchval("SELECT count(*) FROM report") == 1
    finally:
        await conn.close()


async def test_the_national_catalogue_keeps_codes_in_use_and_seeds_once(infra: TestInfra):
    url = await infra.adatabase("intake_catalogue")
    await upgrade(url, SCRIPTS, "0022")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        # An office already added "police" as its own and the national role retired
        # "education": 0023 must leave both as they are (reports keep their codes).
        await conn.execute(
            "INSERT INTO substance (code, name_id, name_en, active, office)"
            " VALUES ('police', 'Polres Kota', 'City police', true, 'BKL')"
        )
        await conn.execute("UPDATE substance SET active = false WHERE code = 'education'")
        await upgrade(url, SCRIPTS, "0023")
        police = await conn.fetchrow("SELECT name_id, office FROM substance WHERE code = 'police'")
        assert (police["name_id"], police["office"]) == ("Polres Kota", "BKL")
        education = "SELECT active FROM substance WHERE code = 'education'"
        assert await conn.fetchval(education) is False
        health = "SELECT name_id, office FROM substance WHERE code = 'health'"
        assert tuple(await conn.fetchrow(health)) == ("Kesehatan", None)
        seeded = await conn.fetchval("SELECT count(*) FROM substance")

        # Down and up again: the same rows, once; the office's own survives the way down.
        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0022")
        assert await conn.fetchval("SELECT count(*) FROM substance WHERE code = 'health'") == 0
        assert await conn.fetchval("SELECT office FROM substance WHERE code = 'police'") == "BKL"
        await upgrade(url, SCRIPTS)
        assert await conn.fetchval("SELECT count(*) FROM substance") == seeded
    finally:
        await conn.close()


async def test_a_registration_writes_no_index_entry_that_nothing_reads(infra: TestInfra):
    """0036: the office alone has no index of its own on the reports and their messages
    (the composite indexes lead with it), and the outreach and community member indexes
    take only the reports naming one; the way down puts them back as they were."""
    url = await infra.adatabase("intake_lighter_indexes")
    await upgrade(url, SCRIPTS)
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    indexes = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1)"
    try:
        found = dict(await conn.fetch(indexes, ["report", "notification"]))
        assert "ix_report_office" not in found and "ix_notification_office" not in found
        assert "report_office_created" in found  # what serves the office alone
        for column in ("outreach_id", "community_member_id"):
            assert found[f"ix_report_{column}"].endswith(f"WHERE ({column} IS NOT NULL)")
        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0035")
        found = dict(await conn.fetch(indexes, ["report", "notification"]))
        assert {"ix_report_office", "ix_notification_office"} <= set(found)
        assert "WHERE" not in found["ix_report_outreach_id"]
    finally:
        await conn.close()


async def test_the_reporter_match_reads_the_office_through_the_blind_indexes(infra: TestInfra):
    """0037: the reporter's office alone has no index (each index it reads leads with the
    office and a blind index); the match still finds the earlier reporter through them,
    and the way down puts the office's index back."""
    url = await infra.adatabase("intake_reporter_office")
    await upgrade(url, SCRIPTS)
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'reporter'"
    try:
        found = {row["indexname"] for row in await conn.fetch(indexes)}
        assert "ix_reporter_office" not in found
        assert {f"reporter_office_{key}_index" for key in ("nik", "phone", "email")} <= found
        person = uuid.uuid4()
        await conn.execute(
            "INSERT INTO reporter (id, office, identity, person_id, phone_index, matched_on)"
            " VALUES ($1, 'BKL', 'sealed', $2, 'phone-key', '[]')",
            uuid.uuid4(),
            person,
        )
        async with conn.transaction():
            matched = await conn.fetch(
                "SELECT person_id FROM intake_reporter_matches($1, 'BKL', NULL, 'phone-key', NULL)",
                ["intake:reporter:BKL:phone-key"],
            )
        assert [row["person_id"] for row in matched] == [person]
        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0036")
        assert "ix_reporter_office" in {row["indexname"] for row in await conn.fetch(indexes)}
    finally:
        await conn.close()


async def test_a_candidate_pair_stored_both_ways_becomes_one_row_and_goes_back(infra: TestInfra):
    """0038: of a pair's two rows the later report's stays, the foreign keys go and the
    candidate's column gets an index; the way down stores each pair both ways again."""
    url = await infra.adatabase("intake_pairs_once")
    await upgrade(url, SCRIPTS, "0037")
    reporter_id, earlier, later, alone = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        await conn.execute(
            "INSERT INTO reporter (id, office, identity, person_id, matched_on)"
            " VALUES ($1, 'BKL', 'sealed', $1, '[]')",
            reporter_id,
        )
        for number, (report_id, day) in enumerate([(earlier, 5), (later, 6), (alone, 7)]):
            await conn.execute(
                "INSERT INTO report (id, office, registration_number, kind, channel, status,"
                " reporter_id, reported_agency, substance, summary, chronology, created_by,"
                f" created_at) VALUES ($1, 'BKL', 'BKL-2025-0000{number}', 'LM', 'letter',"
                " 'registered', $2, 'Dinas', 'education', 'Ijazah', 'Kronologi', 'petugas',"
                f" '2025-05-0{day}T01:00:00Z')",
                report_id,
                reporter_id,
            )
        pairs = [(later, earlier), (earlier, later), (alone, earlier)]  # the last one way
        await conn.executemany(
            "INSERT INTO duplicate_candidate (report_id, candidate_id, score, reasons)"
            " VALUES ($1, $2, 0.5, '[\"similar_text\"]')",
            pairs,
        )
        rows = "SELECT report_id, candidate_id FROM duplicate_candidate"
        keys = "SELECT count(*) FROM pg_constraint WHERE conrelid = 'duplicate_candidate'::regclass"
        await upgrade(url, SCRIPTS)
        kept = {tuple(row) for row in await conn.fetch(rows)}
        assert kept == {(later, earlier), (alone, earlier)}
        assert await conn.fetchval(keys + " AND contype = 'f'") == 0
        indexes = "SELECT indexname FROM pg_indexes WHERE tablename = 'duplicate_candidate'"
        found = {row["indexname"] for row in await conn.fetch(indexes)}
        assert "ix_duplicate_candidate_candidate_id" in found
        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0037")
        assert {tuple(row) for row in await conn.fetch(rows)} == {
            (later, earlier),
            (earlier, later),
            (alone, earlier),
            (earlier, alone),
        }
        assert await conn.fetchval(keys + " AND contype = 'f'") == 2
    finally:
        await conn.close()
