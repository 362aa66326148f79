"""What the prevention routes share: who may call, the settings, and the rows a route
works on (loaded, office-checked and, for writes, locked and checked against `If-Match`
in one place)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Annotated

from fastapi import Depends, Query, Request

from apik_prevention.agreements import service as agreements
from apik_prevention.articles import service as articles
from apik_prevention.assessments import service as assessments
from apik_prevention.clinics import service as clinics
from apik_prevention.community import service as community
from apik_prevention.focal_points import service as focal_points
from apik_prevention.innovations import service as innovations
from apik_prevention.models import (
    Agreement,
    Article,
    Assessment,
    AssessmentEntry,
    Clinic,
    CommunityGroup,
    CommunityMember,
    DiscussionGroup,
    FocalPoint,
    Innovation,
    SchemeVersion,
    SocialPost,
    Study,
    SubjectRequest,
    Suggestion,
    Village,
)
from apik_prevention.schemes import service as schemes
from apik_prevention.settings import Settings
from apik_prevention.social_media import service as social_media
from apik_prevention.studies import service as studies
from apik_prevention.subject_requests import service as subject_requests
from apik_prevention.villages import service as villages
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.problems import Forbidden, Unauthorized, field_error
from apik_shared.platform.rows import row_loaders
from apik_shared.vocabulary.field_errors import invalid

AUTH = (Unauthorized, Forbidden)
CurrentSettings = Annotated[Settings, Depends(app_settings)]


async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


# The service's keyring: focal points', community members' and clinic participants'
# names and contacts.
Cipher = Annotated[FieldCipher, Depends(_cipher)]
# Who reads assessments and schemes: the prevention unit, the head, the analysts.
Reader = Annotated[Principal, Depends(require_capability(Capability.prevention_read))]
# Who opens assessments, enters answers and reviews them: the prevention unit's staff.
Officer = Annotated[Principal, Depends(require_roles(Role.prevention_officer))]
# Who takes an assessment to the plenary: the unit, or the head.
Preparer = Annotated[Principal, Depends(require_roles(Role.prevention_officer, Role.head))]
# Who writes publications and moves them (the rules say which step is whose: approving
# is the head's and never the author's), keeps the social media log, the innovations and
# the villages: the unit and the head.
Writer = Annotated[Principal, Depends(require_roles(Role.prevention_officer, Role.head))]
# Who creates what no answer can offer beforehand (issue 21: the web app shows the
# create forms by these capabilities, which hold the same roles as `Officer`, `Writer`).
AgreementCreator = Annotated[
    Principal, Depends(require_capability(Capability.prevention_agreement_create))
]
ClinicCreator = Annotated[
    Principal, Depends(require_capability(Capability.prevention_clinic_create))
]
InnovationCreator = Annotated[
    Principal, Depends(require_capability(Capability.prevention_innovation_create))
]
CommunityCreator = Annotated[
    Principal, Depends(require_capability(Capability.prevention_community_create))
]


async def _head(principal: CurrentPrincipal) -> Principal:
    # Publication is the head's decision (after the plenary), not an administrator's.
    if Role.head in principal.roles:
        return principal
    raise Forbidden("Publishing an assessment is the head's decision.", code="head_only")


Head = Annotated[Principal, Depends(_head)]


async def _scheme_keeper(principal: CurrentPrincipal) -> Principal:
    # A scheme serves every office: only the national prevention unit changes it.
    if principal.has_any(Role.prevention_officer) and principal.is_national:
        return principal
    raise Forbidden("Schemes are changed by the national prevention unit.", code="national_role")


SchemeKeeper = Annotated[Principal, Depends(_scheme_keeper)]


# The route declares its role type before these, so that a caller without the role gets
# 403 before learning whether the row exists.
async def _locked_scheme(
    scheme_id: uuid.UUID, request: Request, session: DbSession
) -> SchemeVersion:
    scheme = await schemes.get_version(session=session, scheme_id=scheme_id, for_update=True)
    check_if_match(request, scheme.row_version)
    return scheme


async def _scheme(scheme_id: uuid.UUID, session: DbSession) -> SchemeVersion:
    return await schemes.get_version(session=session, scheme_id=scheme_id)


# `under_lock` for entries: locked so that entries never change while it moves to the
# plenary; the request's `If-Match` is the entry's, not the assessment's.
_assessments = row_loaders(assessments.get_assessment, "assessment_id")


async def _locked_entry(
    assessment_id: uuid.UUID,
    entry_id: uuid.UUID,
    request: Request,
    session: DbSession,
    actor: CurrentPrincipal,
) -> AssessmentEntry:
    entry = await assessments.get_entry(
        session=session,
        assessment_id=assessment_id,
        entry_id=entry_id,
        actor=actor,
        for_update=True,
    )
    check_if_match(request, entry.version)
    return entry


CurrentScheme = Annotated[SchemeVersion, Depends(_scheme)]
LockedScheme = Annotated[SchemeVersion, Depends(_locked_scheme)]
CurrentAssessment = Annotated[Assessment, Depends(_assessments.current)]
LockedAssessment = Annotated[Assessment, Depends(_assessments.locked)]
# The assessment, locked, for a route whose `If-Match` names one of its entries.
EntriesOf = Annotated[Assessment, Depends(_assessments.under_lock)]
LockedEntry = Annotated[AssessmentEntry, Depends(_locked_entry)]


# --- Agreements ------------------------------------------------------------------------


# `under_lock` for what is created under it (an activity, a renewal): new rows, no
# `If-Match`, and the lock keeps two renewals from racing.
_agreements = row_loaders(agreements.get_agreement, "agreement_id")
CurrentAgreement = Annotated[Agreement, Depends(_agreements.current)]
LockedAgreement = Annotated[Agreement, Depends(_agreements.locked)]
AgreementOfActivities = Annotated[Agreement, Depends(_agreements.under_lock)]


# --- Coaching clinics (`clinics/`) -------------------------------------------------------


def clinic_code_key(secret_key: str) -> bytes:
    """The key of the clinic certificates' codes and their stored hashes. Changing
    `APIK_SECRET_KEY` changes every code (the internship's certificates do the same)."""
    return hashlib.sha256(b"apik-prevention-clinic-codes:" + secret_key.encode()).digest()


async def _clinic_code_key(settings: CurrentSettings) -> bytes:
    return clinic_code_key(settings.secret_key)


# `under_lock` for registrations: they never race the completion, and create a
# participant rather than edit the clinic (no `If-Match`).
_clinics = row_loaders(clinics.get_clinic, "clinic_id")
ClinicCodeKey = Annotated[bytes, Depends(_clinic_code_key)]
CurrentClinic = Annotated[Clinic, Depends(_clinics.current)]
LockedClinic = Annotated[Clinic, Depends(_clinics.locked)]
ParticipantsOf = Annotated[Clinic, Depends(_clinics.under_lock)]

# --- Focal points (`focal_points/`) ------------------------------------------------------


_focal_points = row_loaders(focal_points.get, "point_id")
_groups = row_loaders(focal_points.get_group, "group_id")
CurrentFocalPoint = Annotated[FocalPoint, Depends(_focal_points.current)]
LockedFocalPoint = Annotated[FocalPoint, Depends(_focal_points.locked)]
CurrentGroup = Annotated[DiscussionGroup, Depends(_groups.current)]
LockedGroup = Annotated[DiscussionGroup, Depends(_groups.locked)]


# --- Studies (`studies/`) ---------------------------------------------------------------


# `under_lock` for suggestions: created under it, the study not edited; the lock keeps a
# stage move from racing the addition.
_studies = row_loaders(studies.get_study, "study_id")


async def _suggestion(
    study_id: uuid.UUID, suggestion_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Suggestion:
    return await studies.get_suggestion(
        session=session, study_id=study_id, suggestion_id=suggestion_id, actor=actor
    )


async def _locked_suggestion(
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    request: Request,
    session: DbSession,
    actor: CurrentPrincipal,
) -> Suggestion:
    suggestion = await studies.get_suggestion(
        session=session,
        study_id=study_id,
        suggestion_id=suggestion_id,
        actor=actor,
        for_update=True,
    )
    check_if_match(request, suggestion.version)
    return suggestion


CurrentStudy = Annotated[Study, Depends(_studies.current)]
LockedStudy = Annotated[Study, Depends(_studies.locked)]
SuggestionsOf = Annotated[Study, Depends(_studies.under_lock)]
CurrentSuggestion = Annotated[Suggestion, Depends(_suggestion)]
LockedSuggestion = Annotated[Suggestion, Depends(_locked_suggestion)]


# --- Publications, social media, innovations, villages -----------------------------------
_articles = row_loaders(articles.get_article, "article_id")
_posts = row_loaders(social_media.get_post, "post_id")
_innovations = row_loaders(innovations.get, "innovation_id")
_villages = row_loaders(villages.get_village, "village_id")
CurrentArticle = Annotated[Article, Depends(_articles.current)]
LockedArticle = Annotated[Article, Depends(_articles.locked)]
CurrentPost = Annotated[SocialPost, Depends(_posts.current)]
LockedPost = Annotated[SocialPost, Depends(_posts.locked)]
CurrentInnovation = Annotated[Innovation, Depends(_innovations.current)]
LockedInnovation = Annotated[Innovation, Depends(_innovations.locked)]
CurrentVillage = Annotated[Village, Depends(_villages.current)]
LockedVillage = Annotated[Village, Depends(_villages.locked)]
# --- Community (`community/`) -----------------------------------------------------------


_community_groups = row_loaders(community.get_group, "group_id")
# `under_lock` for trainings: created under it, the member not edited; the lock keeps a
# status move from racing the addition.
_members = row_loaders(community.get_member, "member_id")
CurrentCommunityGroup = Annotated[CommunityGroup, Depends(_community_groups.current)]
CurrentMember = Annotated[CommunityMember, Depends(_members.current)]
LockedMember = Annotated[CommunityMember, Depends(_members.locked)]
TrainingsOf = Annotated[CommunityMember, Depends(_members.under_lock)]
_subject_requests = row_loaders(subject_requests.get, "request_id")
CurrentSubjectRequest = Annotated[SubjectRequest, Depends(_subject_requests.current)]
LockedSubjectRequest = Annotated[SubjectRequest, Depends(_subject_requests.locked)]


# --- reports: whose office --------------------------------------------------------------

OfficeQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=32,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="office code; another office's report needs the national role",
    ),
]


async def _report_office(actor: Reader, office: OfficeQuery = None) -> str:
    wanted = office or actor.office
    if not actor.can_see_office(wanted):
        raise Forbidden.other_office(
            f"Office {wanted} is not yours; the national role reads every office's report.",
            wanted,
            errors=[
                field_error(
                    "#/query/office", invalid("own_office_only", "Not an office you may see.")
                )
            ],
        )
    return wanted


# The office a report is of: the caller's own, or the one a national reader names.
ReportOffice = Annotated[str, Depends(_report_office)]
