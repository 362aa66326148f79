"""Alumni requests as the keepers read them, unsealed; the public directory's entries."""

from __future__ import annotations

from datetime import UTC, datetime

from apik_internship.alumni import rules, service
from apik_internship.alumni.rules import Audience, Visibility
from apik_internship.alumni.schemas import DirectoryEntry, RequestPublic
from apik_internship.models import Alumnus, AlumnusRequest
from apik_shared.platform.crypto import FieldCipher


def request(cipher: FieldCipher, row: AlumnusRequest, *, with_text: bool) -> RequestPublic:
    open_ = row.status == rules.RequestStatus.received.value
    return RequestPublic(
        id=row.id,
        alumnus_id=row.alumnus_id,
        kind=rules.RequestKind(row.kind),
        status=rules.RequestStatus(row.status),
        received_at=row.received_at,
        due_at=row.due_at,
        overdue=open_ and datetime.now(UTC) > row.due_at,
        detail=service.request_text(cipher, row, "detail") if with_text else None,
        answer=service.request_text(cipher, row, "answer") if with_text else None,
        answered_by=row.answered_by,
        answered_at=row.answered_at,
    )


def directory(cipher: FieldCipher, alumni: list[Alumnus]) -> list[DirectoryEntry]:
    out = []
    for alumnus in alumni:
        record = service.unsealed(cipher, alumnus)
        if record is None:
            continue
        fields = rules.shown(
            record, alumnus.consent, Visibility(alumnus.visibility), Audience.public
        )
        if fields is not None:
            out.append(DirectoryEntry(**fields))
    return out
