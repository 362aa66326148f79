"""Coaching clinics' participants' names sealed at rest; community members' data-subject
requests (access, correction, erasure) and their erasure.

Existing participants are sealed here with the keyring the service runs with
(`APIK_PII_KEYS`, read as the service's settings read it), and the plaintext column is
dropped in the same transaction: every row sealed and the name gone, or nothing changed.
A database with participants cannot be migrated without the keyring outside development.

An erased member keeps their row (and trainings) without identity: the constraint that
a member past candidate is known now also accepts an erased one.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

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

    op.add_column("community_member", sa.Column("erased_at", sa.DateTime(timezone=True)))
    _known_once_past_candidate("OR erased_at IS NOT NULL")
    op.add_column("focal_point", sa.Column("erased_at", sa.DateTime(timezone=True)))
    op.alter_column("focal_point", "identity", nullable=True)
    op.create_check_constraint(
        "focal_point_known_or_erased",
        "focal_point",
        "identity IS NOT NULL OR erased_at IS NOT NULL",
    )
    op.create_table(
        "subject_request",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("subject", sa.String(32), nullable=False),
        sa.Column("subject_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("received_by", sa.String, nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("answered_by", sa.String),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )


def _known_once_past_candidate(erased: str) -> None:
    op.drop_constraint(
        "community_member_known_once_past_candidate", "community_member", type_="check"
    )
    op.create_check_constraint(
        "community_member_known_once_past_candidate",
        "community_member",
        f"status = 'candidate' OR identity IS NOT NULL {erased}",
    )


def _seal_erased_focal_points_empty() -> None:
    # 0008 wants an identity on every focal point: an erased one gets an empty one.
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id FROM focal_point WHERE identity IS NULL")).all()
    if not rows:
        return
    cipher = _service_cipher()
    empty = json.dumps({"name": "", "phone": None, "email": None}).encode()
    for row in rows:
        connection.execute(
            sa.text("UPDATE focal_point SET identity = :sealed WHERE id = :id"),
            {
                "sealed": cipher.encrypt(empty, context=f"focal-point:{row.id}:identity"),
                "id": row.id,
            },
        )


def downgrade() -> None:
    # Writes the names in the clear again: only to undo a failed upgrade. Erased members
    # have no identity to go back to 0008 with and are left as candidates.
    op.drop_table("subject_request")
    op.execute(
        "UPDATE community_member SET status = 'candidate' "
        "WHERE identity IS NULL AND erased_at IS NOT NULL"
    )
    _known_once_past_candidate("")
    op.drop_column("community_member", "erased_at")
    _seal_erased_focal_points_empty()
    op.drop_constraint("focal_point_known_or_erased", "focal_point", type_="check")
    op.alter_column("focal_point", "identity", nullable=False)
    op.drop_column("focal_point", "erased_at")
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
