"""The reporter's satisfaction survey and the IKM. They add and flush; the request commits."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.models import Case, Survey
from apik_examination.refusals import ExaminationConflict
from apik_examination.settings import Settings
from apik_shared.platform.events.payloads import CaseSurveyed
from apik_shared.platform.events.payloads.intake import SurveyLinkIssued
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_calendars
from apik_shared.platform.problems import InvalidInput, NotFound, field_error
from apik_shared.vocabulary.ikm import ELEMENTS, Ikm, answer_problems, compute_ikm


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def open_survey(
    *, session: AsyncSession, case: Case, settings: Settings, now: datetime
) -> None:
    """Creates the case's survey, not yet answerable by anyone.

    The link is intake's to mint (it alone reaches the reporter, on the tracking page):
    on `case.closed` it publishes `report.survey_link_issued` with the SHA-256 of the
    link's secret, and `link_survey` puts that hash here. Until then the row holds the
    hash of a secret thrown away at once, so no token opens it.
    """
    session.add(
        Survey(
            case_id=case.id,
            token_hash=_hash(secrets.token_urlsafe(24)),
            office=case.office,
            examiner_id=case.examiner_id,
            expires_at=now + timedelta(days=settings.survey_days),
            created_at=now,
        )
    )
    await session.flush()


async def link_survey(*, session: AsyncSession, link: SurveyLinkIssued) -> None:
    """The reporter's link, as intake minted it: its hash opens the case's survey.

    Only while unanswered; a redelivery sets the same hash again. A link for a case
    without a survey (none was opened) changes nothing."""
    await session.execute(
        update(Survey)
        .where(col(Survey.case_id) == uuid.UUID(link.case_id))
        .where(col(Survey.answered_at).is_(None))
        .values(token_hash=link.token_sha256.lower())
    )


async def find_survey(
    *, session: AsyncSession, token: str, for_update: bool = False
) -> tuple[Survey, Case]:
    query = select(Survey, Case).join(Case, col(Case.id) == col(Survey.case_id))
    query = query.where(Survey.token_hash == _hash(token))
    if for_update:
        query = query.with_for_update(of=Survey)
    row = (await session.execute(query)).first()
    if row is None:
        raise NotFound("No survey behind this link.")
    return row[0], row[1]


async def answer_survey(
    *,
    session: AsyncSession,
    token: str,
    answers: Mapping[str, int],
    comment: str | None,
    now: datetime,
) -> Survey:
    """Records the answers once and publishes `case.surveyed` in the same transaction."""
    survey, case = await find_survey(session=session, token=token, for_update=True)
    if survey.answered_at is not None:
        raise ExaminationConflict(
            "This survey has been answered already; thank you.", code="survey_answered"
        )
    if now > survey.expires_at:
        closed_on = survey.expires_at.date().isoformat()
        raise ExaminationConflict(
            f"This survey closed on {closed_on}.",
            code="survey_closed",
            params={"closed_on": closed_on},
        )
    if problems := answer_problems(answers):
        raise InvalidInput(
            "Answer each of the nine elements with 1 to 4.",
            errors=[field_error(f"#/body/answers/{k}", why) for k, why in problems],
        )
    survey.answers, survey.comment, survey.answered_at = dict(answers), comment, now
    session.add(survey)
    await session.flush()
    payload = CaseSurveyed(
        case_id=str(case.id),
        report_id=str(case.report_id),
        registration_number=case.registration_number,
        office=survey.office,
        examiner_id=survey.examiner_id,
        answers={str(e): survey.answers[e] for e in ELEMENTS},
        answered_at=now,
    )
    await publish(session, payload, subject=str(case.id))
    return survey


async def ikm(
    *,
    session: AsyncSession,
    office: str | None,
    examiner_id: str | None,
    case_id: uuid.UUID | None,
    since: date | None,
    until: date | None,
) -> Ikm | None:
    """The IKM of the answered surveys matching every filter given (None: no answers).

    `since` and `until` (both included) are days of each survey's own office, as the
    office and reporting count them: an answer at 03:00 WIB on 1 March is March's, though
    in UTC it is still February. SQL narrows to a window a day wider on each side (no
    zone is more than 14 hours off UTC); the office's calendar decides each answer.
    """
    query = select(Survey.answers, Survey.office, Survey.answered_at).where(
        col(Survey.answered_at).is_not(None)
    )
    if office is not None:
        query = query.where(Survey.office == office)
    if examiner_id is not None:
        query = query.where(Survey.examiner_id == examiner_id)
    if case_id is not None:
        query = query.where(Survey.case_id == case_id)
    if since is not None and since > date.min + _DAY:
        query = query.where(col(Survey.answered_at) >= _midnight_utc(since - _DAY))
    if until is not None and until < date.max - 2 * _DAY:
        query = query.where(col(Survey.answered_at) < _midnight_utc(until + 2 * _DAY))
    rows = [
        (row_answers, row_office, answered_at)
        for row_answers, row_office, answered_at in (await session.execute(query)).all()
        if row_answers is not None and answered_at is not None
    ]
    calendars = await office_calendars(session, [row_office for _, row_office, _ in rows])
    answers = []
    for row_answers, row_office, answered_at in rows:
        day = calendars[row_office].local_date(answered_at)
        if (since is None or since <= day) and (until is None or day <= until):
            answers.append(row_answers)
    return compute_ikm(answers)


_DAY = timedelta(days=1)


def _midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
