"""How a case is shown: its list item and its detail (pure shaping, no I/O)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo

from fastapi import Response

from apik_examination.cases.rules import (
    BULK_ACTIONS,
    CaseStatus,
    Report,
    Standing,
    allowed_actions,
    allowed_moves,
)
from apik_examination.cases.schemas import CaseDetail, CasePublic, SlaPublic
from apik_examination.cases.service import CaseExport, CaseState, standing
from apik_examination.closure.rules import Finding, Outcome, Route
from apik_examination.closure.schemas import (
    ClosurePublic,
    ConclusionPublic,
    HeadDecision,
    PublicLoss,
)
from apik_examination.models import Case, Closure
from apik_examination.sla.rules import SlaPhase, SlaState, SlaUnit, state_at
from apik_shared.documents.delimited import Column, Delimiter, csv_bytes, headers, text_cell
from apik_shared.platform.auth import Principal
from apik_shared.platform.etag import set_etag
from apik_shared.vocabulary.labels import (
    CASE_STATUSES,
    CLASSIFICATIONS,
    SLA_STATES,
    TRACKS,
    Label,
    Language,
    label,
)


def public(
    case: Case,
    now: datetime,
    countdown: tuple[int, SlaUnit] | None = None,
    actor: Principal | None = None,
) -> CasePublic:
    """A list item: the state from the cached clock columns, exact at `now`, the days
    left on it when the list computed them (`sla.service.countdowns`), and what `actor`
    may do to many cases at once (none without one: the CSV has no column for it)."""
    actions = []
    if actor is not None:
        everything = allowed_actions(CaseStatus(case.status), standing(actor, case), None)
        actions = [a.value for a in everything if a in BULK_ACTIONS]
    state = state_at(SlaPhase(case.sla_phase), case.sla_warn_at, case.sla_breach_at, now)
    days, unit = countdown if countdown is not None else (None, None)
    return CasePublic.model_validate(
        {
            **case.model_dump(),
            "sla_state": state,
            "sla_days_left": days,
            "sla_unit": unit,
            "allowed_actions": actions,
        }
    )


# The states whose chip counts days: a running clock, or one past its due day.
_COUNTING = frozenset({SlaState.on_track, SlaState.warning, SlaState.breached})


def answer(state: CaseState, response: Response, actor: Principal) -> CaseDetail:
    """The detail for `actor`, with the case's version as the ETag for the next write."""
    set_etag(response, state.case.version)
    return detail(state, standing(actor, state.case))


def detail(state: CaseState, caller: Standing) -> CaseDetail:
    """The case with its clock recomputed from the log, its final report and closure,
    and what the caller may do to it now."""
    clock, policy, case = state.clock, state.policy, state.case
    sla = SlaPublic(
        state=clock.state,
        policy_id=uuid.UUID(policy.id),
        policy_version=policy.version,
        target=clock.target,
        unit=clock.unit,
        elapsed=clock.elapsed,
        remaining=clock.remaining,
        due_on=clock.due_on,
        warn_at=clock.warn_at,
        breach_at=clock.breach_at,
    )
    conclusion = None
    if state.conclusion is not None:
        conclusion = ConclusionPublic.model_validate(state.conclusion, from_attributes=True)
        conclusion.monitoring = state.monitoring
    report = None
    if state.conclusion is not None:
        actions = state.conclusion.corrective_actions
        rec = state.recommendation
        report = Report(
            open_actions=sum(1 for a in actions if a.get("done_on") is None),
            maladministration=state.conclusion.finding == Finding.maladministration_found,
            recommended=rec is not None,
            received=rec is not None and rec.received_on is not None,
        )
    status = CaseStatus(case.status)
    exclude = {"sla_state", "sla_days_left", "sla_unit", "allowed_actions"}
    return CaseDetail(
        **public(case, state.at).model_dump(exclude=exclude),
        allowed_actions=[a.value for a in allowed_actions(status, caller, report)],
        allowed_moves=[s.value for s in allowed_moves(status, caller)],
        sla_state=clock.state,
        sla_days_left=clock.remaining if clock.state in _COUNTING else None,
        sla_unit=clock.unit,
        sla=sla,
        conclusion=conclusion,
        closure=_closure(state.closure) if state.closure else None,
    )


def _closure(closure: Closure) -> ClosurePublic:
    loss = None
    if closure.public_loss_kind is not None:
        loss = PublicLoss(
            kind=closure.public_loss_kind,
            amount_idr=closure.public_loss_idr or 0,
            people_affected=closure.public_loss_people or 0,
            description=closure.public_loss_description or "",
        )
    return ClosurePublic(
        outcome=Outcome(closure.outcome),
        route=Route(closure.route),
        note=closure.note,
        public_loss=loss,
        closed_by=closure.closed_by,
        closed_at=closure.closed_at,
        head_decision=(
            HeadDecision(
                reason=closure.head_decision_reason,
                decided_by=closure.head_decision_by or closure.closed_by,
                decided_at=closure.head_decision_at or closure.recorded_at,
            )
            if closure.head_decision_reason is not None
            else None
        ),
    )


# The board's CSV is read by office staff in a spreadsheet: headers and codes by their
# names in Bahasa Indonesia (or English, when asked), moments in the zone of the case's
# office with its offset (which sorts, and which spreadsheets and programs parse alike).
# The reporter is not in it, as not in the list.
CSV_COLUMNS: tuple[Column, ...] = (
    ("Nomor registrasi", "Registration number"),
    ("Kantor", "Office"),
    ("Jalur", "Track"),
    ("Status", "Status"),
    ("Klasifikasi", "Classification"),
    ("Instansi terlapor", "Reported agency"),
    ("Ringkasan", "Summary"),
    ("Pemeriksa", "Examiner"),
    ("Keadaan SLA", "SLA state"),
    ("Batas SLA", "SLA due"),
    ("Diserahkan", "Handed over"),
    ("Dibuka", "Opened"),
)
_UNASSIGNED = Label("Belum ditugaskan", "Not assigned yet")


def to_csv(
    export: CaseExport,
    now: datetime,
    *,
    language: Language = Language.id,
    delimiter: Delimiter = Delimiter.comma,
) -> bytes:
    """Every exported case as one line, in the board's order."""
    lines = []
    for case in export.rows:
        zone = export.calendars[case.office].zone
        shown = public(case, now)
        examiner = _examiner(export.examiners, case.office, case.examiner_id, language)
        lines.append(
            [
                case.registration_number,
                case.office,
                label(TRACKS, case.track, language),
                label(CASE_STATUSES, case.status, language),
                label(CLASSIFICATIONS, case.classification, language)
                if case.classification
                else "",
                text_cell(case.reported_agency),
                text_cell(case.summary),
                text_cell(examiner),
                label(SLA_STATES, shown.sla_state.value, language),
                _due_on(case.sla_breach_at, zone) if shown.sla_state in _COUNTING else "",
                case.handed_over_at.astimezone(zone).isoformat(),
                case.opened_at.astimezone(zone).isoformat(),
            ]
        )
    return csv_bytes(headers(CSV_COLUMNS, language), lines, delimiter=delimiter)


def _due_on(breach_at: datetime | None, zone: tzinfo) -> str:
    """The last day within the target, in the office's calendar: the clock breaches at
    the start of the next day there (as the board shows it)."""
    if breach_at is None:
        return ""
    return (breach_at - timedelta(microseconds=1)).astimezone(zone).date().isoformat()


def _examiner(
    names: Mapping[tuple[str, str], str], office: str, ident: str | None, language: Language
) -> str:
    if ident is None:
        return _UNASSIGNED.said_in(language)
    return names.get((office, ident), ident)
