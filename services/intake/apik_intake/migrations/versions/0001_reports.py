"""Reports, reporters, substances, the report timeline and registration counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from apik_shared.platform.tables import create_platform_tables, drop_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The seventeen sectors of the domain page; offices edit the list later.
SUBSTANCES = [
    ("education", "Pendidikan", "Education"),
    ("population_administration", "Administrasi Kependudukan", "Population administration"),
    ("village", "Desa", "Villages"),
    ("electricity", "Ketenagalistrikan", "Electricity"),
    ("social_assistance", "Bantuan Sosial", "Social assistance"),
    ("tax", "Perpajakan", "Tax"),
    ("drinking_water", "Air Minum", "Drinking water"),
    ("civil_service", "Kepegawaian", "Civil service"),
    ("land", "Pertanahan", "Land"),
    ("banking", "Perbankan", "Banking"),
    ("licensing", "Perizinan", "Licensing"),
    ("trade", "Perdagangan", "Trade"),
    ("cooperative", "Koperasi", "Cooperatives"),
    ("transport", "Perhubungan", "Transport"),
    ("agriculture_food", "Pertanian dan Pangan", "Agriculture and food"),
    ("judiciary", "Peradilan", "Judiciary"),
    ("labour", "Ketenagakerjaan", "Labour"),
]


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    create_platform_tables()
    substance = op.create_table(
        "substance",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name_id", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.bulk_insert(
        substance,
        [{"code": c, "name_id": i, "name_en": e, "active": True} for c, i, e in SUBSTANCES],
    )
    op.create_table(
        "reporter",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("identity", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_table(
        "report",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("registration_number", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("track", sa.String(32)),
        sa.Column("reporter_id", UUID(as_uuid=True), sa.ForeignKey("reporter.id"), nullable=False),
        sa.Column("confidential", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reported_agency", sa.Text, nullable=False),
        sa.Column("substance", sa.String(64), sa.ForeignKey("substance.code"), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("chronology", sa.Text, nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("rejection_reason", sa.Text),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    # Lists are newest first within an office, paged by (created_at, id).
    op.create_index("report_office_created", "report", ["office", "created_at", "id"])
    op.create_table(
        "report_step",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), nullable=False, index=True
        ),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("details", JSONB, nullable=False, server_default="{}"),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_table(
        "registration_counter",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("registration_counter", "report_step", "report", "reporter", "substance"):
        op.drop_table(table)
    drop_platform_tables()
