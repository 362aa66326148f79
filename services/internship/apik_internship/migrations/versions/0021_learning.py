"""The learning library (materials, their versions), interns' acknowledgements of each
version, and modules' pre- and post-test results.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def _at(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "learning_material",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        _at("created_at"),
        sa.Column("latest_version", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "learning_version",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "material_id",
            UUID(as_uuid=True),
            sa.ForeignKey("learning_material.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("published_by", sa.Text, nullable=False),
        _at("published_at"),
        sa.UniqueConstraint("material_id", "number"),
    )
    op.create_table(
        "learning_acknowledgement",
        sa.Column(
            "version_id",
            UUID(as_uuid=True),
            sa.ForeignKey("learning_version.id"),
            primary_key=True,
        ),
        sa.Column(
            "application_id", UUID(as_uuid=True), sa.ForeignKey("application.id"), primary_key=True
        ),
        _at("acknowledged_at"),
    )
    op.create_table(
        "learning_result",
        sa.Column(
            "material_id",
            UUID(as_uuid=True),
            sa.ForeignKey("learning_material.id"),
            primary_key=True,
        ),
        sa.Column(
            "application_id", UUID(as_uuid=True), sa.ForeignKey("application.id"), primary_key=True
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("max_score", sa.Integer, nullable=False),
        sa.Column("pre_score", sa.Integer),
        sa.Column("post_score", sa.Integer),
        sa.Column("recorded_by", sa.Text, nullable=False),
        _at("recorded_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint(
            "max_score > 0 AND pre_score BETWEEN 0 AND max_score"
            " AND post_score BETWEEN 0 AND max_score",
            name="learning_result_scores",
        ),
    )


def downgrade() -> None:
    for table in (
        "learning_result",
        "learning_acknowledgement",
        "learning_version",
        "learning_material",
    ):
        op.drop_table(table)
