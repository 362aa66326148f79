"""The bare references a registration is compared with, measured in the same run.

- `bare_transaction`: asyncpg alone, one transaction inserting a report-sized row and an
  outbox row, the least a registration must write.
- the floor endpoint (`floor_app`): the smallest FastAPI service of our own stack that
  validates a report-sized JSON body, verifies an RS256 token and commits that same
  transaction. Intake does much more (duplicates, reporter identity, numbering), but
  everything it adds over this floor is ours to justify: the issue's targets are ratios
  to it, so a slower or faster machine moves both sides alike.

The floor runs under uvicorn with uvloop and httptools in its own process, as the
services do (`python bench/floor.py serve PORT DATABASE_URL PUBLIC_KEY_FILE`).
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PATH = "/api/v1/floor/reports"
SUBJECT = "apik.intake.report.registered"

# The two tables the floor's transaction writes: a report and its outbox row, each with a
# primary key and a timestamp, as intake's are at their barest.
SCHEMA = """
CREATE TABLE IF NOT EXISTS bench_report (
    id uuid PRIMARY KEY, body jsonb NOT NULL, registered_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS bench_outbox (
    id uuid PRIMARY KEY, subject text NOT NULL, payload text NOT NULL,
    created_at timestamptz NOT NULL
)
"""
DROP = "DROP TABLE IF EXISTS bench_report; DROP TABLE IF EXISTS bench_outbox"
INSERT_REPORT = "INSERT INTO bench_report VALUES ($1, $2, $3)"
INSERT_OUTBOX = "INSERT INTO bench_outbox VALUES ($1, $2, $3, $4)"


async def write_report(connection: Any, body: str) -> uuid.UUID:
    """The transaction both references run: the report and its event, committed together."""
    report_id, now = uuid.uuid4(), datetime.now(UTC)
    event = json.dumps({"id": str(uuid.uuid4()), "subject": str(report_id), "data": body})
    async with connection.transaction():
        await connection.execute(INSERT_REPORT, report_id, body, now)
        await connection.execute(INSERT_OUTBOX, uuid.uuid4(), SUBJECT, event, now)
    return report_id


# Defined at module level: FastAPI resolves the handler's annotations (strings here, with
# `from __future__ import annotations`) in this module's namespace.
class Reporter(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    nik: str = Field(pattern=r"^\d{16}$")
    place_of_birth: str = Field(max_length=100)
    date_of_birth: date
    address: str = Field(max_length=500)
    occupation: str = Field(max_length=100)
    phone: str = Field(pattern=r"^\+?\d{8,15}$")
    email: str | None = Field(default=None, max_length=200)


class Agency(BaseModel):
    name: str = Field(min_length=1, max_length=300)


class Report(BaseModel):
    kind: str = Field(max_length=10)
    channel: str = Field(max_length=20)
    reporter: Reporter
    reported_agency: Agency
    substance: str = Field(max_length=100)
    summary: str = Field(min_length=1, max_length=500)
    chronology: str = Field(min_length=1, max_length=20_000)
    event_date: date


def signing_key() -> tuple[bytes, bytes]:
    """A fresh RSA key pair (private, public PEM) for the floor's tokens."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


def token(private_pem: bytes) -> str:
    """A staff token shaped like the identity service's: RS256, subject, roles, expiry."""
    import jwt

    now = int(time.time())
    claims = {
        "sub": "bench",
        "iss": "apik-identity",
        "aud": "apik",
        "roles": ["intake_officer"],
        "office": "PUSAT",
        "iat": now,
        "exp": now + 3600,
    }
    return jwt.encode(claims, private_pem, algorithm="RS256", headers={"kid": "bench"})


def floor_app(database_url: str, public_pem: bytes) -> Any:
    from contextlib import asynccontextmanager

    import asyncpg
    import jwt
    from fastapi import FastAPI, Header, HTTPException

    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        state["pool"] = await asyncpg.create_pool(database_url, min_size=4, max_size=20)
        yield
        await state["pool"].close()

    app = FastAPI(lifespan=lifespan)

    @app.post(PATH, status_code=201)
    async def register(report: Report, authorization: str = Header()) -> dict[str, str]:
        try:
            jwt.decode(
                authorization.removeprefix("Bearer "),
                public_pem,
                algorithms=["RS256"],
                audience="apik",
                issuer="apik-identity",
                options={"require": ["exp", "sub"]},
                leeway=timedelta(seconds=30),
            )
        except jwt.PyJWTError as exc:
            raise HTTPException(401, "invalid token") from exc
        async with state["pool"].acquire() as connection:
            report_id = await write_report(connection, report.model_dump_json())
        return {"id": str(report_id)}

    return app


def main(argv: list[str]) -> int:
    if argv[:1] != ["serve"]:
        raise SystemExit(__doc__)
    from bench.gateway_forwarding import run_server

    port, database_url, public_key_file = argv[1:4]
    run_server(floor_app(database_url, Path(public_key_file).read_bytes()), int(port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
