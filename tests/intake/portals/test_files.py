"""A pulled complaint's files (issue 20): fetched from the simulated portal once, with
the limits of the report's own attachments, stored sealed with them; a file server that
fails is tried again without the report waiting or being lost; a file our rules refuse
is refused with its reason; an address the rules of outbound requests refuse is never
fetched."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from apik_intake.app import create_app
from apik_intake.jobs import fetch_portal_files_once
from apik_intake.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService, running
from apik_testing.services import test_keyring as new_keyring
from apik_testing.tokens import TestTokens
from tests.intake.builders import (
    CONTENT,
    PORTAL_OFFICE,
    REPORTS,
    announce,
    intake_settings,
    pulled,
    report_of,
)
from tests.integration.portal_sim import PortalSim

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
FILES = "SELECT file_id, status, attempts, coalesce(error, '') FROM portal_file"


@pytest.fixture(scope="module")
async def portal() -> AsyncIterator[PortalSim]:
    sim = PortalSim()
    await sim.start()
    yield sim
    await sim.stop()


@pytest.fixture(scope="module")
async def settings(infra: TestInfra, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return await intake_settings(
        infra,
        tmp_path_factory,
        transfer_keys=new_keyring(),
        # The simulated portal is on this machine, over http.
        portal_file_allow_private=True,
        portal_file_allow_http=True,
        portal_file_scan_seconds=0.2,
        portal_file_retry_seconds=[0.2, 0.2, 0.2],
    )


@pytest.fixture(scope="module")
async def intake(settings: Settings, tokens: TestTokens) -> AsyncIterator[RunningService]:
    async with running(create_app(settings), tokens) as service:
        yield service


async def _files(intake: RunningService, report_id: str) -> dict[str, tuple[str, int, str]]:
    async with intake.app.state.database.sessions() as session:
        rows = await session.execute(
            text(f"{FILES} WHERE report_id = CAST(:r AS uuid)"), {"r": report_id}
        )
        return {file_id: (status, attempts, error) for file_id, status, attempts, error in rows}


async def test_the_files_are_fetched_once_checked_and_stored_with_the_report(
    intake: RunningService, portal: PortalSim, infra: TestInfra, tokens: TestTokens
) -> None:
    pdf = portal.add_file("surat.pdf", PDF_BYTES)
    photo = portal.add_file("foto.png", PNG_BYTES, failures=2)  # the portal fails twice
    script = portal.add_file("foto.png.exe", b"MZ\x90\x00" + bytes(64))  # a type refused
    big = portal.add_file("video.pdf", b"%PDF-1.7\n" + bytes(65 * 1024))  # over the limit
    gone = {"id": "F-GONE", "name": "hilang.pdf", "url": f"{portal.url}/files/F-GONE?sig=x"}
    content = {**CONTENT, "attachments": [pdf, photo, script, big, gone, pdf]}
    tracking = "LPR-" + uuid.uuid4().hex[:8]
    event = pulled(intake, tracking, content)
    await announce(infra.nats_url, event, f"lapor:{tracking}")
    await announce(infra.nats_url, event, f"lapor:{tracking}")  # delivered twice
    report_id = await eventually(lambda: report_of(intake, tracking))

    def settled(files: dict[str, tuple[str, int, str]]) -> bool:
        return len(files) == 5 and all(status != "waiting" for status, _, _ in files.values())

    files = await eventually(lambda: _files(intake, report_id), settled, within=30)
    assert files[pdf["id"]][:2] == ("stored", 1)
    assert files[photo["id"]][:2] == ("stored", 3)  # two 503s, then stored
    assert files[script["id"]][0] == "refused"
    assert files[big["id"]] == ("refused", 1, f"larger than {64 * 1024} bytes")
    assert files[gone["id"]] == ("refused", 1, "the portal answered 404")

    # Stored with the report's attachments, once each, readable as uploaded.
    officer = tokens.headers("intake_officer", office=PORTAL_OFFICE, username="petugas")
    listed = await intake.client.get(f"{REPORTS}/{report_id}/attachments", headers=officer)
    assert listed.status_code == 200, listed.text
    attachments = {a["filename"]: a for a in listed.json()["items"]}
    assert set(attachments) == {"surat.pdf", "foto.png"}
    assert attachments["foto.png"]["media_type"] == "image/png"
    download = await intake.client.get(
        f"{REPORTS}/{report_id}/attachments/{attachments['surat.pdf']['id']}", headers=officer
    )
    assert download.content == PDF_BYTES
    # Staff see how far each file got, without the portal's (signed) address; another
    # office's officer does not see the report at all.
    states = await intake.client.get(f"{REPORTS}/{report_id}/portal-files", headers=officer)
    assert states.status_code == 200, states.text
    by_id = {f["file_id"]: f for f in states.json()["items"]}
    assert {i: (f["status"], f["attempts"]) for i, f in by_id.items()} == {
        i: (status, attempts) for i, (status, attempts, _) in files.items()
    }
    assert by_id[pdf["id"]]["attachment_id"] == attachments["surat.pdf"]["id"]
    assert by_id[big["id"]]["error"] == f"larger than {64 * 1024} bytes"
    assert "url" not in by_id[pdf["id"]] and "sig=" not in states.text
    stranger = tokens.headers("intake_officer", office="LAIN", username="asing")
    hidden = await intake.client.get(f"{REPORTS}/{report_id}/portal-files", headers=stranger)
    assert hidden.status_code == 404, hidden.text
    # Nothing fetched again later.
    before = portal.file_requests
    await fetch_portal_files_once(intake.app.state.database, intake.app.state.settings)
    assert portal.file_requests == before


async def test_a_portal_down_keeps_the_report_and_the_files_wait(
    intake: RunningService, portal: PortalSim, infra: TestInfra
) -> None:
    pdf = portal.add_file("bukti.pdf", PDF_BYTES)
    tracking = "LPR-" + uuid.uuid4().hex[:8]
    portal.down = True
    try:
        content = {**CONTENT, "attachments": [pdf]}
        await announce(infra.nats_url, pulled(intake, tracking, content), f"lapor:{tracking}")
        report_id = await eventually(lambda: report_of(intake, tracking))
        # Registered while the files cannot be had; the file is retried, not dropped.
        retried = await eventually(
            lambda: _files(intake, report_id), lambda f: bool(f) and f[pdf["id"]][1] >= 1
        )
        assert retried[pdf["id"]][0] in ("waiting", "failed")
    finally:
        portal.down = False
    if retried[pdf["id"]][0] == "failed":
        return  # the short test schedule ran out while the portal was down: visible
    files = await eventually(
        lambda: _files(intake, report_id), lambda f: f[pdf["id"]][0] == "stored", within=30
    )
    assert files[pdf["id"]][0] == "stored"


async def test_an_address_outbound_rules_refuse_is_never_fetched(
    intake: RunningService, portal: PortalSim, infra: TestInfra
) -> None:
    """Without the test's allowance, the simulated portal's loopback address is one the
    rules of outbound requests refuse (as for webhooks), and plain http too."""
    pdf = portal.add_file("surat.pdf", PDF_BYTES)
    tracking = "LPR-" + uuid.uuid4().hex[:8]
    later = datetime.now(UTC) + timedelta(days=1)
    await announce(infra.nats_url, pulled(intake, tracking, CONTENT), f"lapor:{tracking}")
    report_id = await eventually(lambda: report_of(intake, tracking))
    # The file listed as registration lists it, due only tomorrow: the running job (which
    # the test allows loopback) leaves it to the one below, which follows the rules.
    async with intake.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text(
                "INSERT INTO portal_file (id, report_id, file_id, filename, url, status,"
                " attempts, next_attempt_at) VALUES (:i, CAST(:r AS uuid), :f, :n, :u,"
                " 'waiting', 0, :t)"
            ),
            {
                "i": uuid.uuid4(),
                "r": report_id,
                "f": pdf["id"],
                "n": pdf["name"],
                "u": pdf["url"],
                "t": later,
            },
        )
    strict = intake.app.state.settings.model_copy(
        update={"portal_file_allow_private": False, "portal_file_allow_http": True}
    )
    before = portal.file_requests
    done = await fetch_portal_files_once(intake.app.state.database, strict, now=later)
    assert done.refused >= 1
    [(status, attempts, error)] = (await _files(intake, report_id)).values()
    assert (status, attempts) == ("refused", 1)
    assert "loopback, private or link-local" in error
    assert portal.file_requests == before
