"""The social media log (`social_media/`): each post of the office with its reach."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class SocialPost(SQLModel, table=True):
    """One post on one platform; its figures as last entered or imported. The URL
    names the post: importing the same sheet again updates, never duplicates."""

    __tablename__ = "social_post"
    __table_args__ = (UniqueConstraint("office", "url"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    platform: str = Field(max_length=16, index=True)
    url: str
    posted_on: date = Field(index=True)
    caption: str | None = None  # what the post is about (no personal data)
    article_id: uuid.UUID | None = Field(default=None, foreign_key="article.id")
    reach: int = 0  # accounts that saw it
    impressions: int = 0  # times it was shown
    engagement: int = 0  # likes, comments, shares, saves
    source: str = Field(max_length=16)  # entered, import
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)
    history: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    version: int = 1


PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="social_post",
        columns=("recorded_by", "history"),
        data_class="staff_activity",
        subjects=Bilingual("Pegawai unit pencegahan", "Prevention staff"),
        fields=Bilingual(
            "Nama pengguna pegawai yang mencatat atau mengimpor angka jangkauan.",
            "User names of the staff who entered or imported the reach figures.",
        ),
        purpose=Bilingual(
            "Mencatat kinerja publikasi media sosial.", "Recording social media performance."
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual("Selama catatan disimpan.", "As long as the log is kept."),
        recipients=Bilingual("Pencegahan, kepala, analis.", "Prevention unit, head, analysts."),
        safeguards=Bilingual("Hanya kantor itu.", "That office only."),
    ),
)
