"""A data subject's access request, answered to the data protection officer."""

from __future__ import annotations

from apik_intake.deps import AUTH, Cipher, IndexKey
from apik_intake.privacy import service
from apik_intake.privacy.schemas import SubjectAccessAnswer
from apik_shared.platform.auth import DataProtectionOfficer
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import InvalidInput, problem_responses
from apik_shared.platform.processing import SubjectAccessRequest
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["privacy"])


@router.post(
    "/privacy/subject-access",
    response_model=SubjectAccessAnswer,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def subject_access(
    body: SubjectAccessRequest,
    session: DbSession,
    actor: DataProtectionOfficer,
    cipher: Cipher,
    index_key: IndexKey,
) -> SubjectAccessAnswer:
    """Everything intake holds on the person the identifiers find (UU 27/2022 Pasal 32):
    their reports with their identity in full, a confidential one included, and what is
    withheld by law, named with its reason. POST, so that no identifier is in a URL or an
    access log; each identity read is audited with the request's reference."""
    return await service.subject_access(
        session=session, cipher=cipher, index_key=index_key, actor=actor, request=body
    )
