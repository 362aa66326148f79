"""Coaching clinics' participants' names sealed at rest.

Existing participants are sealed here with the keyring the service runs with
(`APIK_PII_KEYS`, read as the service's settings read it), and the plaintext column is
dropped in the same transaction: every row sealed and the name gone, or nothing changed.
A database with participants cannot be migrated without the keyring outside development.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from apik_shared.platform.crypto import FieldCipher

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _service_cipher() -> FieldCipher:
    # The service's own settings: the same variables, the same development fallback.
    from apik_prevention.settings import Settings

    return FieldCipher(Settings().pii_keys)


def _context(participant_id: object) -> str:
    # `clinics.service.identity_context`'s, frozen here as written.
    return f"clinic-participant:{participant_id}:identity"


def upgrade() -> None:
    op.add_column("clinic_participant", sa.Column("identity", sa.Text))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, name FROM clinic_participant")).all()
    if rows:
        cipher = _service_cipher()
        for row in rows:
            sealed = cipher.encrypt(
                json.dumps({"name": row.name}).encode(), context=_context(row.id)
            )
            connection.execute(
                sa.text("UPDATE clinic_participant SET identity = :sealed WHERE id = :id"),
                {"sealed": sealed, "id": row.id},
            )
    op.alter_column("clinic_participant", "identity", nullable=False)
    op.drop_column("clinic_participant", "name")


def downgrade() -> None:
    # Writes the names in the clear again: only to undo a failed upgrade.
    op.add_column("clinic_participant", sa.Column("name", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, identity FROM clinic_participant")).all()
    if rows:
        cipher = _service_cipher()
        for row in rows:
            opened = json.loads(cipher.decrypt(row.identity, context=_context(row.id)))
            connection.execute(
                sa.text("UPDATE clinic_participant SET name = :name WHERE id = :id"),
                {"name": opened["name"], "id": row.id},
            )
    op.alter_column("clinic_participant", "name", nullable=False)
    op.drop_column("clinic_participant", "identity")
