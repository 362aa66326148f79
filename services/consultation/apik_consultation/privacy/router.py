"""A data subject's access request, answered to the data protection officer."""

from __future__ import annotations

from apik_consultation.deps import AUTH, Cipher
from apik_consultation.privacy import service
from apik_consultation.privacy.schemas import SubjectAccessAnswer
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
    body: SubjectAccessRequest, session: DbSession, actor: DataProtectionOfficer, cipher: Cipher
) -> SubjectAccessAnswer:
    """Every visit of the person the phone or name finds (UU 27/2022 Pasal 32), their
    name and phone in full, and what is withheld by law, named with its reason. Found by
    unsealing the office's visits one by one (the desk keeps no index of visitors). POST,
    so that no identifier is in a URL or an access log; each visit read is audited with
    the request's reference."""
    return await service.subject_access(session=session, cipher=cipher, actor=actor, request=body)
