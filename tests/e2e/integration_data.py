"""What the imports and portal journey (`frontend/e2e/imports.mjs`) starts from: an
office of its own whose pull from the simulated LAPOR! portal is switched on, its head,
and one complaint the portal assigned to it with two files (one intake stores, one it
refuses), pulled and registered before the browser opens the screens.

The stack's settings (`portal_env`) name the portal and that office from the start, and
share the transfer keyring integration and intake need to run imports and the pull
(outside development nothing derives it)."""

from __future__ import annotations

import base64
import json
import os
from typing import Any

import httpx

from apik_testing.polling import eventually
from tests.e2e.office import create_user, open_office
from tests.integration.portal_sim import PortalSim

# Fixed: the portal's settings name it before the stack starts. Each stack has
# databases of its own, so no earlier run's office is met.
PORTAL_OFFICE = "LPRWEB"
PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def portal_env(sim: PortalSim) -> dict[str, str]:
    portals = {"lapor": {"url": sim.url, "token": sim.token, "pull_offices": [PORTAL_OFFICE]}}
    return {
        "APIK_PORTALS": json.dumps(portals),
        "APIK_TRANSFER_KEYS": "e2e:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        # The pull every 2 s (not FixMyStreet's 5 minutes), and its catch-up at once.
        "APIK_PORTAL_POLL_SECONDS": "2",
        "APIK_PORTAL_CATCH_UP_HOUR": "0",
        "APIK_PORTAL_TIMEOUT_SECONDS": "5",
        # The simulated portal's files are on loopback, over http.
        "APIK_PORTAL_FILE_ALLOW_HTTP": "true",
        "APIK_PORTAL_FILE_ALLOW_PRIVATE": "true",
        "APIK_PORTAL_FILE_SCAN_SECONDS": "1",
    }


async def portal_office(
    gateway: httpx.AsyncClient, admin: dict[str, str], sim: PortalSim
) -> dict[str, str]:
    """The office, its head, and a complaint pulled from the (started) portal."""
    await open_office(gateway, admin, code=PORTAL_OFFICE, name="Perwakilan LAPOR Web")
    head_user = "kepalalapor"
    head = await create_user(gateway, admin, head_user, PORTAL_OFFICE, "head")
    # One file intake stores, one whose type it refuses (the reason shown on the report).
    files = [
        sim.add_file("surat.pdf", PDF_BYTES),
        sim.add_file("foto.exe", b"MZ\x90\x00" + bytes(64)),
    ]
    complaint = await sim.assign(PORTAL_OFFICE, notify=False, attachments=files)

    async def registered() -> dict[str, Any] | None:
        listed = await gateway.get("/api/v1/integration/portals/pulled", headers=head)
        assert listed.status_code == 200, listed.text
        found = [p for p in listed.json()["items"] if p["external_id"] == complaint.id]
        return found[0] if found and found[0]["registration_number"] else None

    pulled = await eventually(registered, within=90, every=0.5)
    report_id = pulled["report_id"]

    async def fetched() -> bool:
        answer = await gateway.get(f"/api/v1/intake/reports/{report_id}/portal-files", headers=head)
        assert answer.status_code == 200, answer.text
        return all(f["status"] != "waiting" for f in answer.json()["items"])

    await eventually(fetched, within=90, every=0.5)
    return {
        "APIK_IMPORTS_HEAD": head_user,
        "APIK_PORTAL_TRACKING": complaint.id,
        "APIK_PORTAL_NUMBER": pulled["registration_number"],
    }
