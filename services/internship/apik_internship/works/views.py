"""A work with its files' metadata (never their content)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Response

from apik_internship.models import Work, WorkFile
from apik_internship.works.schemas import WorkFilePublic, WorkPublic
from apik_shared.vocabulary.files import content_disposition


def work_view(work: Work, files: Sequence[WorkFile]) -> WorkPublic:
    return WorkPublic.model_validate(
        {
            **work.model_dump(),
            "files": [WorkFilePublic.model_validate(f, from_attributes=True) for f in files],
        }
    )


def download(row: WorkFile, data: bytes) -> Response:
    return Response(
        data,
        media_type=row.media_type,
        headers={
            "Content-Disposition": content_disposition(row.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
