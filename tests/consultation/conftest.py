"""A consultation desk service per test module, with its own migrated database."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import AsyncIterator

import pytest

from apik_consultation.app import create_app
from apik_consultation.settings import Settings
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.services import (
    RunningService,
    running,
    service_settings,
    test_keyring,
)
from apik_shared.testing.tokens import TestTokens


@pytest.fixture(scope="module")
async def desk(infra: TestInfra, tokens: TestTokens) -> AsyncIterator[RunningService]:
    settings = await service_settings(Settings, infra, "apik_consultation", pii_keys=test_keyring())
    async with running(create_app(settings), tokens) as service:
        yield service


@pytest.fixture
def officer(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("desk_officer", office="KAB", username="petugas")


@pytest.fixture
def supervisor(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("desk_supervisor", office="KAB", username="penyelia")


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
