"""What the desk's tests share: request bodies, the steps of a visit through the API, an
office put into the desk's copy of the registry the way the gateway does it, a tiny
signature image, and a stricter look at a PDF than its header and trailer.

`check_xref`: the cross-reference table a reader follows must point at the objects it
names, or viewers "repair" or refuse the file. No PDF reader is among the locked
dependencies, and the shared `text_of` only checks markers, so it follows `startxref` the
way a viewer does.
"""

from __future__ import annotations

import base64
import re
import struct
import uuid
import zlib
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import nats
from sqlalchemy import text

from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.gateway import OfficeRegistered, OfficeUpdated
from apik_testing.polling import eventually
from apik_testing.services import RunningService

PROBLEM = "application/problem+json"
VISITS = "/api/v1/consultation/visits"
RISKS = "/api/v1/consultation/risks"
OBJECTIONS = "/api/v1/consultation/objections"


def desk_today(timezone: str = "Asia/Jakarta") -> date:
    """Today of an office in `timezone` (WIB: the zone of an office the desk has not heard
    of, like the tests' KAB)."""
    return datetime.now(UTC).astimezone(ZoneInfo(timezone)).date()


async def register_office(
    desk: RunningService,
    nats_url: str,
    code: str,
    *,
    timezone: str = "Asia/Jakarta",
    version: int = 1,
    **fields: object,
) -> None:
    """Opens (version 1: `office.registered`) or changes (later: `office.updated`) office
    `code` as the gateway does, on the suite's NATS, and waits until the desk's copy of the
    registry holds that version."""
    kind = OfficeRegistered if version == 1 else OfficeUpdated
    payload = kind.model_validate(
        {"code": code, "name": f"Perwakilan {code}", "timezone": timezone, "version": version}
        | fields
    )
    event = CloudEvent(
        source=source_of(kind.producer),
        type=kind.event_type,
        subject=code,
        data=payload.model_dump(mode="json"),
    )
    connection = await nats.connect(nats_url)
    try:
        stream = connection.jetstream()
        await ensure_stream(stream)
        await stream.publish(
            kind.stream_subject(), event.to_json(), headers={"Nats-Msg-Id": event.id}
        )
    finally:
        await connection.close()

    async def kept() -> object:
        return await desk.scalar("SELECT version FROM office_registry WHERE code = :c", c=code)

    await eventually(kept, lambda held: held == version, within=20)


def visit_body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "visitor": {
            "name": "Siti Rahmawati",
            "institution": "CV Maju Jaya",
            "phone": "0812-1111-2222",
        },
        "category": "consultation",
        "description": "Bertanya tentang syarat kualifikasi tender jalan desa",
    }
    body.update(overrides)
    return body


def objection(days_ago: int, **overrides: object) -> dict[str, object]:
    """A check-in against a winner announced `days_ago` desk days ago."""
    fields: dict[str, object] = {
        "category": "objection",
        "description": "Keberatan atas penetapan pemenang",
        "tender_reference": "PKT-2026-017",
        "announced_on": str(desk_today() - timedelta(days=days_ago)),
    }
    return visit_body(**{**fields, **overrides})


def risk_body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "title": "Persekongkolan penawaran antarpenyedia",
        "tender_reference": "PKT-2026-017",
        "likelihood": 3,
        "impact": 4,
        "mitigation": "Telaah pola harga penawaran",
        "owner": "Pokja Pemilihan 2",
        "review_on": str(desk_today() + timedelta(days=30)),
    }
    body.update(overrides)
    return body


def png(width: int = 4, height: int = 2) -> bytes:
    """A real, tiny grey PNG, like a signature pad's canvas."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def png_base64() -> str:
    return "data:image/png;base64," + base64.b64encode(png()).decode()


async def check_in(desk: RunningService, headers: dict[str, str], **overrides: object) -> dict:
    response = await desk.client.post(VISITS, json=visit_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def step(
    desk: RunningService,
    headers: dict[str, str],
    visit_id: str,
    path: str,
    body: dict | None = None,
) -> dict:
    response = await desk.client.post(f"{VISITS}/{visit_id}/{path}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def backdate(desk: RunningService, visit_id: str, minutes_ago: dict[str, float]) -> None:
    """Moves recorded clock marks into the past, as if the service had lasted that long."""
    async with desk.app.state.database.sessions() as session:
        for name, minutes in minutes_ago.items():
            await session.execute(
                text(
                    "UPDATE visit_step SET at = now() - make_interval(secs => :s)"
                    " WHERE visit_id = :v AND id = (SELECT id FROM visit_step"
                    "  WHERE visit_id = :v AND step = :step ORDER BY id LIMIT 1)"
                ),
                {"s": minutes * 60, "v": uuid.UUID(visit_id), "step": name},
            )
        await session.commit()


_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])\s*\r?\n")
_ROOT = re.compile(rb"/Root (\d+) 0 R")


def check_xref(content: bytes) -> int:
    """Asserts that `startxref` leads to a table whose every in-use entry is the offset of
    `k 0 obj`, and that the trailer's root is one of them; returns the number of objects."""
    tail = content[content.rindex(b"startxref") :].split()
    offset = int(tail[1])
    assert content[offset:].startswith(b"xref"), "startxref does not point at the xref table"
    header = content[offset:].split(b"\n", 2)
    first, count = (int(n) for n in header[1].split())
    entries = _ENTRY.findall(header[2])[:count]
    assert len(entries) == count, "the xref table is shorter than it says"
    in_use = set()
    for number, (at, _, kind) in enumerate(entries, start=first):
        if kind == b"n":
            position = int(at)
            assert content[position:].startswith(f"{number} 0 obj".encode()), (
                f"object {number} is not at offset {position}"
            )
            in_use.add(number)
    trailer = content[offset:]
    root = _ROOT.search(trailer[trailer.index(b"trailer") :])
    assert root is not None and int(root.group(1)) in in_use, "the trailer's root is missing"
    return len(in_use)
