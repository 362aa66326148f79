"""Request bodies of an objection's answer and appeal."""

from __future__ import annotations

from pydantic import Field

from apik_shared.vocabulary.inputs import FreeText, Input


class ObjectionAnswer(Input):
    answer: FreeText = Field(min_length=1, max_length=20_000)


class Appeal(Input):
    """Sanggah banding: the guarantee against the owner's estimate (HPS), in rupiah."""

    # Bounded so a value always fits the database's bigint (a thousand trillion rupiah).
    guarantee: int = Field(ge=1, le=10**15, description="the appeal guarantee, rupiah")
    estimate: int = Field(ge=1, le=10**15, description="the owner's estimate (HPS), rupiah")
    construction: bool | None = Field(
        default=None,
        description="the tender is for construction work (pekerjaan konstruksi); "
        "needed where the office takes appeals on construction tenders only",
    )
