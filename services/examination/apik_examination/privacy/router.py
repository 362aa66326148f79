"""A data subject's access request, answered to the data protection officer."""

from __future__ import annotations

from apik_examination.deps import AUTH
from apik_examination.privacy import service
from apik_examination.privacy.schemas import SubjectAccessAnswer
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
    body: SubjectAccessRequest, session: DbSession, actor: DataProtectionOfficer
) -> SubjectAccessAnswer:
    """The agency contacts (narahubung) the phone, email or name finds, in full, and what
    is withheld by law, named with its reason. Cases are not searched: they hold a
    reporter by intake's reference only. POST, so that no identifier is in a URL or an
    access log."""
    return await service.subject_access(session=session, actor=actor, request=body)
