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
    Suggestion,
    Village,
)
from apik_prevention.schemes import service as schemes
from apik_prevention.settings import Settings
from apik_prevention.social_media import service as social_media
from apik_prevention.studies import service as studies
from apik_prevention.villages import service as villages
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.problems import Forbidden, Unauthorized

AUTH = (Unauthorized, Forbidden)
CurrentSettings = Annotated[Settings, Depends(app_settings)]


async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


# The service's keyring: focal points' and community members' names and contacts.
Cipher = Annotated[FieldCipher, Depends(_cipher)]
# Who reads assessments and schemes: the prevention unit, the head, the analysts.
Reader = Annotated[
    Principal, Depends(require_roles(Role.prevention_officer, Role.head, Role.analyst))
]
# Who opens assessments, enters answers and reviews them: the prevention unit's staff.
Officer = Annotated[Principal, Depends(require_roles(Role.prevention_officer))]
# Who takes an assessment to the plenary: the unit, or the head.
Preparer = Annotated[Principal, Depends(require_roles(Role.prevention_officer, Role.head))]
# Who writes publications and moves them (the rules say which step is whose: approving
# is the head's and never the author's), keeps the social media log, the innovations and
# the villages: the unit and the head.
Writer = Annotated[Principal, Depends(require_roles(Role.prevention_officer, Role.head))]


async def _head(principal: CurrentPrincipal) -> Principal:
    # Publication is the head's decision (after the plenary), not an administrator's.
    if Role.head in principal.roles:
        return principal
    raise Forbidden("Publishing an assessment is the head's decision.")


Head = Annotated[Principal, Depends(_head)]


async def _scheme_keeper(principal: CurrentPrincipal) -> Principal:
    # A scheme serves every office: only the national prevention unit changes it.
    if principal.has_any(Role.prevention_officer) and principal.is_national:
        return principal
    raise Forbidden("Schemes are changed by the national prevention unit.")


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


async def _assessment(
    assessment_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Assessment:
    return await assessments.get_assessment(
        session=session, assessment_id=assessment_id, actor=actor
    )


async def _locked_assessment(
    assessment_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Assessment:
    assessment = await assessments.get_assessment(
        session=session, assessment_id=assessment_id, actor=actor, for_update=True
    )
    check_if_match(request, assessment.version)
    return assessment


async def _assessment_of_entries(
    assessment_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Assessment:
    # Locked so that entries never change while it moves to the plenary; the request's
    # `If-Match` is the entry's, not the assessment's.
    return await assessments.get_assessment(
        session=session, assessment_id=assessment_id, actor=actor, for_update=True
    )


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
CurrentAssessment = Annotated[Assessment, Depends(_assessment)]
LockedAssessment = Annotated[Assessment, Depends(_locked_assessment)]
# The assessment, locked, for a route whose `If-Match` names one of its entries.
EntriesOf = Annotated[Assessment, Depends(_assessment_of_entries)]
LockedEntry = Annotated[AssessmentEntry, Depends(_locked_entry)]


# --- Agreements ------------------------------------------------------------------------


async def _agreement(
    agreement_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Agreement:
    return await agreements.get_agreement(session=session, agreement_id=agreement_id, actor=actor)


async def _locked_agreement(
    agreement_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Agreement:
    agreement = await agreements.get_agreement(
        session=session, agreement_id=agreement_id, actor=actor, for_update=True
    )
    check_if_match(request, agreement.version)
    return agreement


async def _agreement_under_work(
    agreement_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Agreement:
    # Locked without `If-Match`: what is created under it (an activity, a renewal) is
    # new, and the lock keeps two renewals from racing.
    return await agreements.get_agreement(
        session=session, agreement_id=agreement_id, actor=actor, for_update=True
    )


CurrentAgreement = Annotated[Agreement, Depends(_agreement)]
LockedAgreement = Annotated[Agreement, Depends(_locked_agreement)]
AgreementOfActivities = Annotated[Agreement, Depends(_agreement_under_work)]


# --- Coaching clinics (`clinics/`) -------------------------------------------------------


def clinic_code_key(secret_key: str) -> bytes:
    """The key of the clinic certificates' codes and their stored hashes. Changing
    `APIK_SECRET_KEY` changes every code (the internship's certificates do the same)."""
    return hashlib.sha256(b"apik-prevention-clinic-codes:" + secret_key.encode()).digest()


async def _clinic_code_key(settings: CurrentSettings) -> bytes:
    return clinic_code_key(settings.secret_key)


async def _clinic(clinic_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Clinic:
    return await clinics.get_clinic(session=session, clinic_id=clinic_id, actor=actor)


async def _locked_clinic(
    clinic_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Clinic:
    clinic = await clinics.get_clinic(
        session=session, clinic_id=clinic_id, actor=actor, for_update=True
    )
    check_if_match(request, clinic.version)
    return clinic


async def _clinic_of_participants(
    clinic_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Clinic:
    # Locked so registrations never race the completion; no `If-Match`: a registration
    # creates a participant, it does not edit the clinic.
    return await clinics.get_clinic(
        session=session, clinic_id=clinic_id, actor=actor, for_update=True
    )


ClinicCodeKey = Annotated[bytes, Depends(_clinic_code_key)]
CurrentClinic = Annotated[Clinic, Depends(_clinic)]
LockedClinic = Annotated[Clinic, Depends(_locked_clinic)]
ParticipantsOf = Annotated[Clinic, Depends(_clinic_of_participants)]

# --- Focal points (`focal_points/`) ------------------------------------------------------


async def _focal_point(
    point_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> FocalPoint:
    return await focal_points.get(session=session, point_id=point_id, actor=actor)


async def _locked_focal_point(
    point_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> FocalPoint:
    point = await focal_points.get(session=session, point_id=point_id, actor=actor, for_update=True)
    check_if_match(request, point.version)
    return point


async def _group(
    group_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> DiscussionGroup:
    return await focal_points.get_group(session=session, group_id=group_id, actor=actor)


async def _locked_group(
    group_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> DiscussionGroup:
    group = await focal_points.get_group(
        session=session, group_id=group_id, actor=actor, for_update=True
    )
    check_if_match(request, group.version)
    return group


CurrentFocalPoint = Annotated[FocalPoint, Depends(_focal_point)]
LockedFocalPoint = Annotated[FocalPoint, Depends(_locked_focal_point)]
CurrentGroup = Annotated[DiscussionGroup, Depends(_group)]
LockedGroup = Annotated[DiscussionGroup, Depends(_locked_group)]


# --- Studies (`studies/`) ---------------------------------------------------------------


async def _study(study_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Study:
    return await studies.get_study(session=session, study_id=study_id, actor=actor)


async def _locked_study(
    study_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Study:
    study = await studies.get_study(
        session=session, study_id=study_id, actor=actor, for_update=True
    )
    check_if_match(request, study.version)
    return study


async def _study_of_suggestions(
    study_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Study:
    # Locked without `If-Match`: a suggestion is created under it, the study is not
    # edited; the lock keeps a stage move from racing the addition.
    return await studies.get_study(session=session, study_id=study_id, actor=actor, for_update=True)


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


CurrentStudy = Annotated[Study, Depends(_study)]
LockedStudy = Annotated[Study, Depends(_locked_study)]
SuggestionsOf = Annotated[Study, Depends(_study_of_suggestions)]
CurrentSuggestion = Annotated[Suggestion, Depends(_suggestion)]
LockedSuggestion = Annotated[Suggestion, Depends(_locked_suggestion)]


# --- Publications, social media, innovations, villages -----------------------------------
# One loader each: `get(session=, <name>_id=, actor=, for_update=)` answers 404 for another
# office's row; the locked variant checks `If-Match` against the row's version.


async def _article(article_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Article:
    return await articles.get_article(session=session, article_id=article_id, actor=actor)


async def _locked_article(
    article_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Article:
    row = await articles.get_article(
        session=session, article_id=article_id, actor=actor, for_update=True
    )
    check_if_match(request, row.version)
    return row


async def _post(post_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> SocialPost:
    return await social_media.get_post(session=session, post_id=post_id, actor=actor)


async def _locked_post(
    post_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> SocialPost:
    row = await social_media.get_post(
        session=session, post_id=post_id, actor=actor, for_update=True
    )
    check_if_match(request, row.version)
    return row


async def _innovation(
    innovation_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Innovation:
    return await innovations.get(session=session, innovation_id=innovation_id, actor=actor)


async def _locked_innovation(
    innovation_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Innovation:
    row = await innovations.get(
        session=session, innovation_id=innovation_id, actor=actor, for_update=True
    )
    check_if_match(request, row.version)
    return row


async def _village(village_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Village:
    return await villages.get_village(session=session, village_id=village_id, actor=actor)


async def _locked_village(
    village_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Village:
    row = await villages.get_village(
        session=session, village_id=village_id, actor=actor, for_update=True
    )
    check_if_match(request, row.version)
    return row


CurrentArticle = Annotated[Article, Depends(_article)]
LockedArticle = Annotated[Article, Depends(_locked_article)]
CurrentPost = Annotated[SocialPost, Depends(_post)]
LockedPost = Annotated[SocialPost, Depends(_locked_post)]
CurrentInnovation = Annotated[Innovation, Depends(_innovation)]
LockedInnovation = Annotated[Innovation, Depends(_locked_innovation)]
CurrentVillage = Annotated[Village, Depends(_village)]
LockedVillage = Annotated[Village, Depends(_locked_village)]
# --- Community (`community/`) -----------------------------------------------------------


async def _community_group(
    group_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> CommunityGroup:
    return await community.get_group(session=session, group_id=group_id, actor=actor)


async def _member(
    member_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> CommunityMember:
    return await community.get_member(session=session, member_id=member_id, actor=actor)


async def _locked_member(
    member_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> CommunityMember:
    member = await community.get_member(
        session=session, member_id=member_id, actor=actor, for_update=True
    )
    check_if_match(request, member.version)
    return member


async def _member_of_trainings(
    member_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> CommunityMember:
    # Locked without `If-Match`: a training is created under it, the member is not
    # edited; the lock keeps a status move from racing the addition.
    return await community.get_member(
        session=session, member_id=member_id, actor=actor, for_update=True
    )


CurrentCommunityGroup = Annotated[CommunityGroup, Depends(_community_group)]
CurrentMember = Annotated[CommunityMember, Depends(_member)]
LockedMember = Annotated[CommunityMember, Depends(_locked_member)]
TrainingsOf = Annotated[CommunityMember, Depends(_member_of_trainings)]
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
        raise Forbidden(
            f"Office {wanted} is not yours; the national role reads every office's report.",
            errors=[{"pointer": "#/query/office", "detail": "Not an office you may see."}],
        )
    return wanted


# The office a report is of: the caller's own, or the one a national reader names.
ReportOffice = Annotated[str, Depends(_report_office)]
