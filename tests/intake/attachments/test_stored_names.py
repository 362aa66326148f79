"""Names stored before names were cleaned are cleaned by revision 0019."""

from __future__ import annotations

import uuid

import asyncpg

from apik_shared.platform.migrations import upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.infra import TestInfra

SCRIPTS = "apik_intake:migrations"


async def test_names_stored_with_control_and_bidi_characters_are_cleaned(infra: TestInfra):
    url = await infra.adatabase("intake_attachment_names")
    await upgrade(url, SCRIPTS, "0018")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        reporter_id, report_id = uuid.uuid4(), uuid.uuid4()
        await conn.execute(
            "INSERT INTO reporter (id, office, identity, person_id) VALUES ($1, 'BKL', 's', $1)",
            reporter_id,
        )
        await conn.execute(
            "INSERT INTO report (id, office, registration_number, kind, channel, status,"
            " reporter_id, reported_agency, substance, summary, chronology, created_by,"
            " created_at, received_at) VALUES ($1, 'BKL', 'BKL-2026-00001', 'LM', 'letter',"
            " 'registered', $2, 'Dinas', 'education', 'Ijazah', 'Kronologi', 'petugas',"
            " now(), now())",
            report_id,
            reporter_id,
        )
        names = {
            "ktp\u202efdp.exe": "ktpfdp.exe",
            "surat\r\nkuasa.pdf": "surat kuasa.pdf",
            "Заявление.pdf": "Заявление.pdf",
            "surat.pdf": "surat.pdf",
            "\u202e": "attachment",
        }
        ids = {}
        for name in names:
            ids[name] = uuid.uuid4()
            await conn.execute(
                "INSERT INTO attachment (id, report_id, filename, media_type, size, sha256,"
                " uploaded_by, uploaded_at) VALUES ($1, $2, $3, 'application/pdf', 1, 'x',"
                " 'petugas', now())",
                ids[name],
                report_id,
                name,
            )
        await upgrade(url, SCRIPTS)
        for name, clean in names.items():
            stored = await conn.fetchval("SELECT filename FROM attachment WHERE id = $1", ids[name])
            assert stored == clean, name
    finally:
        await conn.close()
