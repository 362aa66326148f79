"""Sahabat Ombudsman (groups, members, trainings, the audit of reads), and focal points'
names and contacts sealed at rest.

Existing focal points are sealed here, with the keyring the service runs with
(`APIK_PII_KEYS`, read as the service's settings read it: a deployment migrates with the
service's own environment). The plaintext columns are then dropped, in the same
transaction: either every row is sealed and the plaintext gone, or nothing changed. A
database with focal points cannot be migrated without the keyring outside development.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from apik_shared.platform.crypto import FieldCipher

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _at(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def _service_cipher() -> FieldCipher:
    # The service's own settings: the same variables, the same development fallback.
    from apik_prevention.settings import Settings

    return FieldCipher(Settings().pii_keys)


def _seal_focal_points() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, name, phone, email FROM focal_point")).all()
    if not rows:
        return
    cipher = _service_cipher()
    for row in rows:
        identity = {"name": row.name, "phone": row.phone, "email": row.email}
        # The context is `focal_points.service.identity_context`'s: frozen here as written.
        sealed = cipher.encrypt(
            json.dumps(identity).encode(), context=f"focal-point:{row.id}:identity"
        )
        connection.execute(
            sa.text("UPDATE focal_point SET identity = :sealed WHERE id = :id"),
            {"sealed": sealed, "id": row.id},
        )


def upgrade() -> None:
    op.add_column("focal_point", sa.Column("identity", sa.Text))
    op.add_column(
        "focal_point",
        sa.Column("has_contact", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.execute("UPDATE focal_point SET has_contact = (phone IS NOT NULL OR email IS NOT NULL)")
    _seal_focal_points()
    op.alter_column("focal_point", "identity", nullable=False)
    op.drop_constraint("focal_point_contact_needs_consent", "focal_point", type_="check")
    op.create_check_constraint(
        "focal_point_contact_needs_consent",
        "focal_point",
        "NOT has_contact OR consent_on IS NOT NULL",
    )
    for column in ("name", "phone", "email"):
        op.drop_column("focal_point", column)

    op.create_table(
        "community_group",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("regency", sa.String, nullable=False, index=True),
        sa.Column("segment", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "community_member",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("group_id", UUID(as_uuid=True), sa.ForeignKey("community_group.id"), index=True),
        sa.Column("identity", sa.Text),
        sa.Column("has_contact", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("consent_on", sa.Date),
        sa.Column("consent_scope", JSONB, nullable=False, server_default="[]"),
        sa.Column("inducted_on", sa.Date),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("alumnus_ref", sa.String(64), unique=True),
        sa.Column("join_code_hash", sa.String(64), unique=True),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        # Contact details never without a recorded consent; nobody unknown past candidate.
        sa.CheckConstraint(
            "NOT has_contact OR consent_on IS NOT NULL",
            name="community_member_contact_needs_consent",
        ),
        sa.CheckConstraint(
            "status = 'candidate' OR identity IS NOT NULL",
            name="community_member_known_once_past_candidate",
        ),
    )
    op.create_table(
        "community_training",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column(
            "member_id",
            UUID(as_uuid=True),
            sa.ForeignKey("community_member.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("hours", sa.Float),
        sa.Column("organiser", sa.String),
        sa.Column("recorded_by", sa.String, nullable=False),
        _at("recorded_at"),
    )
    op.create_table(
        "community_member_read",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("member_ids", JSONB, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("actor_username", sa.String, nullable=False),
        sa.Column("purpose", sa.String, nullable=False),
        _at("at"),
    )


def _unseal_focal_points() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, identity FROM focal_point")).all()
    if not rows:
        return
    cipher = _service_cipher()
    for row in rows:
        opened = json.loads(cipher.decrypt(row.identity, context=f"focal-point:{row.id}:identity"))
        connection.execute(
            sa.text(
                "UPDATE focal_point SET name = :name, phone = :phone, email = :email WHERE id = :id"
            ),
            {**opened, "id": row.id},
        )


def downgrade() -> None:
    # Back to 0006 writes focal points' names in the clear again: only to undo a failed
    # upgrade. The community's members have nowhere to go and are dropped with it.
    for table in ("community_member_read", "community_training", "community_member"):
        op.drop_table(table)
    op.drop_table("community_group")
    for column in ("name", "phone", "email"):
        op.add_column("focal_point", sa.Column(column, sa.String))
    _unseal_focal_points()
    op.alter_column("focal_point", "name", nullable=False)
    op.drop_constraint("focal_point_contact_needs_consent", "focal_point", type_="check")
    op.create_check_constraint(
        "focal_point_contact_needs_consent",
        "focal_point",
        "(phone IS NULL AND email IS NULL) OR consent_on IS NOT NULL",
    )
    op.drop_column("focal_point", "has_contact")
    op.drop_column("focal_point", "identity")
