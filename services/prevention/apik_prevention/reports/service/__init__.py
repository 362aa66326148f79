"""A prevention report's figures, from prevention's own tables, for one office and one
period (a year or a quarter) in the office's own calendar.

What counts where (printed in the report's notes, `views`):
- assessments: published in the period (the office's date of publication);
- suggestions: due in the period, with their state now (followed up, not, still open);
- clinics: held in the period, their N-gain from the participants' tests (no name read);
- focal points: per regency, their state at the period's end (the last status change by
  then) and those activated in it;
- agreements: in force at the period's end, those expiring within 90 days after it, and
  those activated, expired and terminated in it (from each agreement's history);
- publications, social media, innovations, villages, community: `service.programmes`.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.agreements.rules import AgreementStatus
from apik_prevention.assessments.rules import AssessmentStatus
from apik_prevention.clinics import rules as clinic_rules
from apik_prevention.clinics.rules import ClinicStatus
from apik_prevention.focal_points.rules import FocalStatus
from apik_prevention.models import (
    Agreement,
    Assessment,
    Clinic,
    ClinicParticipant,
    FocalPoint,
    FocalPointChange,
    Study,
    Suggestion,
)
from apik_prevention.reports import rules
from apik_prevention.reports.rules import Period
from apik_prevention.reports.service.programmes import Programmes, programmes
from apik_prevention.studies.rules import SuggestionStatus
from apik_shared.documents.issuer import Issuer, issuer_of
from apik_shared.platform.offices import office_calendar
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.ngain import Scores


@dataclass(frozen=True)
class AssessmentRow:
    unit_name: str
    unit_type: str
    region: str
    year: int
    total: float | None
    label: str | None
    published_on: date


@dataclass(frozen=True)
class StudyRow:
    title: str
    stage: str
    due: int
    followed_up: int
    not_followed_up: int
    open: int


@dataclass(frozen=True)
class ClinicRow:
    title: str
    held_on: date
    place: str
    participants: int
    attended: int
    tested: int
    class_gain: float | None
    mean_gain: float | None


@dataclass(frozen=True)
class RegencyRow:
    regency: str
    active: int  # at the period's end
    invited: int
    inactive: int
    activated: int  # in the period


@dataclass(frozen=True)
class AgreementRow:
    kind: str
    number: str | None
    title: str
    starts_on: date
    ends_on: date
    expiring: bool  # ends within rules.EXPIRING_WITHIN_DAYS of the period's end


@dataclass(frozen=True)
class ReportData:
    period: Period
    issuer: Issuer
    today: date
    assessments: list[AssessmentRow]
    studies: list[StudyRow]
    studies_by_stage: dict[str, int]  # the year's studies, per stage now
    clinics: list[ClinicRow]
    clinic_class_gain: float | None  # every clinic's tested participants together
    regencies: list[RegencyRow]
    agreements: list[AgreementRow]  # in force at the period's end
    agreements_activated: int
    agreements_expired: int
    agreements_terminated: int
    programmes: Programmes = field(default_factory=Programmes)

    @property
    def results(self) -> list[tuple[str, int]]:
        """The published results per band, the most frequent first."""
        counts = Counter(a.label or "-" for a in self.assessments)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def suggestions_due(self) -> int:
        return sum(s.due for s in self.studies)

    @property
    def suggestions_followed_up(self) -> int:
        return sum(s.followed_up for s in self.studies)


def _near(period: Period) -> tuple[datetime, datetime]:
    """UTC instants a day either side of the period: the office's own date decides."""
    start = datetime.combine(period.first - timedelta(days=1), datetime.min.time(), UTC)
    end = datetime.combine(period.last + timedelta(days=2), datetime.min.time(), UTC)
    return start, end


async def _assessments(
    session: AsyncSession, office: str, period: Period, calendar: OfficeCalendar
) -> list[AssessmentRow]:
    start, end = _near(period)
    found = await session.execute(
        select(Assessment)
        .where(
            Assessment.office == office,
            Assessment.status == AssessmentStatus.published.value,
            col(Assessment.published_at).between(start, end),
        )
        .order_by(col(Assessment.published_total).desc(), col(Assessment.unit_name))
    )
    rows = []
    for a in found.scalars():
        day = calendar.local_date(a.published_at) if a.published_at else None
        if day is not None and period.holds(day):
            region = a.region + (f", {a.regency}" if a.regency else "")
            rows.append(
                AssessmentRow(
                    a.unit_name,
                    a.unit_type,
                    region,
                    a.year,
                    a.published_total,
                    a.published_label,
                    day,
                )
            )
    return rows


async def _studies(
    session: AsyncSession, office: str, period: Period
) -> tuple[list[StudyRow], dict[str, int]]:
    due = await session.execute(
        select(Study, Suggestion.status)
        .join(Suggestion, col(Suggestion.study_id) == col(Study.id))
        .where(
            Suggestion.office == office,
            col(Suggestion.due_on).between(period.first, period.last),
        )
        .order_by(col(Study.created_at), col(Study.id))
    )
    by_study: dict[uuid.UUID, tuple[Study, Counter[str]]] = {}
    for study, status in due.all():
        by_study.setdefault(study.id, (study, Counter()))[1][status] += 1
    rows = [
        StudyRow(
            title=study.title,
            stage=study.stage,
            due=sum(counts.values()),
            followed_up=counts[SuggestionStatus.followed_up.value],
            not_followed_up=counts[SuggestionStatus.not_followed_up.value],
            open=counts[SuggestionStatus.open.value] + counts[SuggestionStatus.in_progress.value],
        )
        for study, counts in by_study.values()
    ]
    stages = await session.execute(
        select(Study.stage).where(Study.office == office, Study.year == period.year)
    )
    return rows, dict(Counter(stages.scalars()))


async def _clinics(
    session: AsyncSession, office: str, period: Period
) -> tuple[list[ClinicRow], float | None]:
    clinics = list(
        (
            await session.execute(
                select(Clinic)
                .where(
                    Clinic.office == office,
                    Clinic.status == ClinicStatus.completed.value,
                    col(Clinic.held_on).between(period.first, period.last),
                )
                .order_by(col(Clinic.held_on), col(Clinic.id))
            )
        ).scalars()
    )
    # Only the tests and the attendance: the report names nobody, so reads no name.
    tests = await session.execute(
        select(
            ClinicParticipant.clinic_id,
            ClinicParticipant.attended,
            ClinicParticipant.pre_score,
            ClinicParticipant.post_score,
        ).where(col(ClinicParticipant.clinic_id).in_([c.id for c in clinics]))
    )
    people: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in tests.all():
        people[row.clinic_id].append(row)
    rows, everyone = [], []
    for clinic in clinics:
        scores = [Scores(p.pre_score, p.post_score, clinic.max_score) for p in people[clinic.id]]
        everyone += scores
        summary = clinic_rules.summary(scores)
        rows.append(
            ClinicRow(
                title=clinic.title,
                held_on=clinic.held_on,
                place=clinic.place,
                participants=len(scores),
                attended=sum(1 for p in people[clinic.id] if p.attended),
                tested=summary.tested,
                class_gain=clinic_rules.shown(summary.class_gain),
                mean_gain=clinic_rules.shown(summary.mean_gain),
            )
        )
    return rows, clinic_rules.shown(clinic_rules.summary(everyone).class_gain)


async def _regencies(
    session: AsyncSession, office: str, period: Period, calendar: OfficeCalendar
) -> list[RegencyRow]:
    points = {
        p.id: p.regency
        for p in (await session.execute(select(FocalPoint).where(FocalPoint.office == office)))
        .scalars()
        .all()
    }
    changes = await session.execute(
        select(FocalPointChange)
        .where(FocalPointChange.office == office)
        .order_by(col(FocalPointChange.changed_at), col(FocalPointChange.id))
    )
    state: dict[uuid.UUID, str] = {}
    activated: dict[str, set[uuid.UUID]] = defaultdict(set)
    for change in changes.scalars():
        day = calendar.local_date(change.changed_at)
        if day > period.last:
            continue
        state[change.focal_point_id] = change.to_status  # the last one by the end wins
        if change.to_status == FocalStatus.active.value and period.holds(day):
            activated[points[change.focal_point_id]].add(change.focal_point_id)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for point, status in state.items():
        counts[points[point]][status] += 1
    return [
        RegencyRow(
            regency=regency,
            active=counts[regency][FocalStatus.active.value],
            invited=counts[regency][FocalStatus.invited.value],
            inactive=counts[regency][FocalStatus.inactive.value],
            activated=len(activated[regency]),
        )
        for regency in sorted(counts.keys() | activated.keys())
    ]


def _step_day(
    history: Iterable[dict[str, Any]], step: str, calendar: OfficeCalendar
) -> date | None:
    for entry in history:
        if entry.get("step") == step:
            if step == "expired" and entry.get("on"):
                return date.fromisoformat(entry["on"])  # the job's own office date
            return calendar.local_date(datetime.fromisoformat(entry["at"]))
    return None


async def _agreements(
    session: AsyncSession, office: str, period: Period, calendar: OfficeCalendar
) -> tuple[list[AgreementRow], tuple[int, int, int]]:
    found = await session.execute(
        select(Agreement)
        .where(Agreement.office == office, Agreement.status != AgreementStatus.draft.value)
        .order_by(col(Agreement.ends_on), col(Agreement.id))
    )
    rows, activated, expired, terminated = [], 0, 0, 0
    for a in found.scalars():
        on = _step_day(a.history, "activated", calendar)
        ended = _step_day(a.history, "expired", calendar) or _step_day(
            a.history, "terminated", calendar
        )
        activated += period.holds(on)
        expired += a.status == AgreementStatus.expired.value and period.holds(ended)
        terminated += a.status == AgreementStatus.terminated.value and period.holds(ended)
        if rules.in_force_on(
            period.last, starts_on=a.starts_on, ends_on=a.ends_on, activated_on=on, ended_on=ended
        ):
            rows.append(
                AgreementRow(
                    kind=a.kind,
                    number=a.number,
                    title=a.title,
                    starts_on=a.starts_on,
                    ends_on=a.ends_on,
                    expiring=rules.expiring_soon(period.last, a.ends_on),
                )
            )
    return rows, (activated, expired, terminated)


async def report_data(*, session: AsyncSession, office: str, period: Period) -> ReportData:
    calendar = await office_calendar(session, office)
    studies, stages = await _studies(session, office, period)
    clinics, class_gain = await _clinics(session, office, period)
    agreements, (activated, expired, terminated) = await _agreements(
        session, office, period, calendar
    )
    return ReportData(
        period=period,
        issuer=await issuer_of(session, office),
        today=calendar.local_date(datetime.now(UTC)),
        assessments=await _assessments(session, office, period, calendar),
        studies=studies,
        studies_by_stage=stages,
        clinics=clinics,
        clinic_class_gain=class_gain,
        regencies=await _regencies(session, office, period, calendar),
        agreements=agreements,
        agreements_activated=activated,
        agreements_expired=expired,
        agreements_terminated=terminated,
        programmes=await programmes(session=session, office=office, period=period),
    )
