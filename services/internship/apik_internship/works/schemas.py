"""Works: what the intern makes, its files, and the case material shared with them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from apik_internship.works.rules import WorkKind
from apik_shared.vocabulary.inputs import FreeText, Input, Line, PersonName


class WorkCreate(Input):
    kind: WorkKind
    title: Annotated[Line, Field(min_length=3, max_length=300)]
    description: Annotated[FreeText, Field(max_length=5000)] | None = None


class CaseMaterial(Input):
    """What the supervisor shares of a real report or case. Masked before it is stored:
    the `names` listed (reporter, people reported, witnesses), emails, phone numbers
    and long numbers. Read the answer back: it is exactly what the intern sees."""

    case_reference: Annotated[Line, Field(min_length=1, max_length=100)]
    material: Annotated[FreeText, Field(min_length=1, max_length=20000)]
    names: Annotated[list[PersonName], Field(max_length=50)] = []


class WorkFilePublic(BaseModel):
    id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class WorkPublic(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    kind: WorkKind
    title: str
    description: str | None
    case_reference: str | None
    shared_material: str | None  # masked
    shared_by: str | None
    shared_at: datetime | None
    files: list[WorkFilePublic]
    created_at: datetime
    version: int
