"""Duplicates and copies: candidates on registration, links, merges."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, case, func, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.duplicates.rules import THRESHOLD_SQL, score_sql, text_bands
from apik_intake.models import (
    Attachment,
    CrossOfficeCandidate,
    DuplicateCandidate,
    Report,
    ReportStep,
)
from apik_intake.refusals import IntakeConflict
from apik_intake.reports.rules import Step
from apik_intake.steps.service import apply_step, ref
from apik_shared.platform.access import get_in_office
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.intake import ReportLinked
from apik_shared.platform.events.publish import publish
from apik_shared.platform.offices import office_registry
from apik_shared.platform.problems import InvalidInput, NotFound

MAX_CANDIDATES = 20

# Candidates come through three indexed doors, each capped, so the work does not grow
# with the office's archive: the person's newest reports; reports whose text shares a
# band of the new one's near-copy signature (`rules.text_bands`), those that
# share the most bands first; the agency's newest reports within the window. The signals
# and the score are computed on that short list only (a trigram similarity costs ~0.1 ms
# on texts this long, so the short list stays short).
# The same letter in another office comes in the same statement (`elsewhere`): the
# text's bands find it (the only door across offices), the similarity decides
# (`rules.same_letter`). One look-up of the bands; and no round trip of its own either:
# registration sends these as the tail of its one write (`CANDIDATE_CTES` after the
# write's own, `CANDIDATE_SELECT` as its query), which cannot see the rows it writes.
PER_DOOR = 50
CANDIDATE_CTES = f"""
    near AS MATERIALIZED (
        -- The bands alone pick these rows: a large office is much of the table, so its
        -- index would only slow the lookup down.
        SELECT r.id, r.office, r.kind, r.created_at,
               cardinality(ARRAY(SELECT unnest(r.text_bands)
                                 INTERSECT SELECT unnest(CAST(:bands AS bigint[])))) AS shared
        FROM report r WHERE r.text_bands && CAST(:bands AS bigint[])
    ), door AS (
        (SELECT r.id FROM reporter rp JOIN report r ON r.reporter_id = rp.id
          WHERE rp.person_id = :person AND r.office = :office AND r.kind <> 'KNL'
          ORDER BY rp.created_at DESC LIMIT {PER_DOOR})
        UNION
        (SELECT near.id FROM near WHERE near.office = :office AND near.kind <> 'KNL'
          ORDER BY near.shared DESC, near.created_at DESC LIMIT {PER_DOOR})
        UNION
        (SELECT r.id FROM report r
          WHERE r.office = :office AND lower(r.reported_agency) = :agency
            AND r.created_at >= :since AND r.kind <> 'KNL'
          ORDER BY r.created_at DESC LIMIT {PER_DOOR})
    ), elsewhere AS (
        SELECT near.id FROM near
        WHERE near.office <> :office AND near.kind <> 'KNL' AND near.id <> :id
        ORDER BY near.created_at DESC LIMIT {PER_DOOR}
    )"""
_FOUND = """
    SELECT false AS elsewhere,
           r.id,
           rp.person_id = :person AS same_reporter,
           similarity(lower(r.summary || ' ' || coalesce(r.chronology, '')), :text) AS sim,
           coalesce(lower(r.reported_agency) = :agency, false) AS same_agency,
           coalesce(r.substance = :substance, false) AS same_substance,
           abs(extract(epoch FROM r.created_at - :at)) / 86400 AS days_apart
    FROM door JOIN report r ON r.id = door.id JOIN reporter rp ON rp.id = r.reporter_id
    WHERE r.id <> :id
    UNION ALL
    SELECT true, r.id, false,
           similarity(lower(r.summary || ' ' || coalesce(r.chronology, '')), :text),
           false, false, 0
    FROM elsewhere JOIN report r ON r.id = elsewhere.id
    """
_SCORED_FROM, _SCORE, _REASONS = score_sql(
    same_reporter="found.same_reporter",
    similarity="found.sim",
    same_agency="found.same_agency",
    same_substance="found.same_substance",
    days_apart="found.days_apart",
    window_days=":window",
)
# The rows found are scored (`rules.score_sql`, which is `rules.score`) and the best
# `MAX_CANDIDATES` stored, and the same letter held elsewhere (`rules.same_letter`) too,
# in the same statement: no round trip to bring the rows to Python and none to store
# them. Ties at the cut are kept in no particular order, as the rows came before. A pair
# is one row, the new report's (`candidates_of` reads it from either end: the earlier
# report learns of the new); it cannot be there already, the new report being new, so
# no conflict is looked for (intake 0038).
CANDIDATE_CTES += f""",
    found AS MATERIALIZED ({_FOUND}),
    best AS (
        SELECT found.id, {_SCORE} AS score, {_REASONS} AS reasons
        FROM found {_SCORED_FROM}
        WHERE NOT found.elsewhere AND {_SCORE} >= {THRESHOLD_SQL}
        ORDER BY 2 DESC LIMIT {MAX_CANDIDATES}
    ), new_candidates AS (
        INSERT INTO duplicate_candidate (report_id, candidate_id, score, reasons, computed_at)
        SELECT CAST(:id AS uuid), best.id, best.score, best.reasons, :computed_at FROM best
    ), new_elsewhere AS (
        INSERT INTO cross_office_candidate (report_id, candidate_id, similarity, computed_at)
        SELECT pair.report_id, pair.candidate_id, CAST(found.sim AS float8), :computed_at
        FROM found CROSS JOIN LATERAL (
            VALUES (CAST(:id AS uuid), found.id), (found.id, CAST(:id AS uuid))
        ) AS pair(report_id, candidate_id)
        WHERE found.elsewhere
          AND CAST(coalesce(found.sim, 0) AS float8) >= CAST(:same_letter AS float8)
        ON CONFLICT DO NOTHING
    )"""
# The write's query: how many candidates it stored.
CANDIDATE_SELECT = "SELECT count(*) AS candidates FROM best"


def _body(summary: str | None, chronology: str | None) -> str:
    return f"{summary} {chronology or ''}".lower()


def signature(summary: str | None, chronology: str | None) -> list[int]:
    """The near-copy signature a new report is stored with (`rules.text_bands`)."""
    return text_bands(_body(summary, chronology))


async def held_elsewhere(*, session: AsyncSession, report: Report) -> list[Row[Any]]:
    """The other offices' reports of the same letter: their office's code and name, the
    registration number and the status, and nothing else is read. A report routed
    since into this office is no longer "elsewhere"."""
    rows = await session.execute(
        select(
            col(Report.office),
            func.coalesce(office_registry.c.name, col(Report.office)).label("office_name"),
            col(Report.registration_number),
            col(Report.status),
        )
        .join(CrossOfficeCandidate, col(CrossOfficeCandidate.candidate_id) == col(Report.id))
        .outerjoin(office_registry, office_registry.c.code == col(Report.office))
        .where(
            col(CrossOfficeCandidate.report_id) == report.id, col(Report.office) != report.office
        )
        .order_by(col(CrossOfficeCandidate.similarity).desc(), col(Report.registration_number))
    )
    return list(rows.all())


def candidate_parameters(
    report: Mapping[str, Any],
    *,
    person_id: uuid.UUID,
    window_days: int,
    cross_office_similarity: float = 0.6,
) -> dict[str, Any]:
    """The parameters of `CANDIDATE_CTES` and `CANDIDATE_SELECT` for the new report's
    row as written, its near-copy signature (`signature`) in it."""
    return {
        "person": person_id,
        "text": _body(report["summary"], report["chronology"]),
        "bands": report["text_bands"] or [],
        "agency": (report["reported_agency"] or "").lower() or None,
        "substance": report["substance"],
        "at": report["created_at"],
        "since": report["created_at"] - timedelta(days=window_days),
        "office": report["office"],
        "id": report["id"],
        "window": float(window_days),
        "same_letter": float(cross_office_similarity),
        "computed_at": datetime.now(UTC),
    }


async def candidates_of(
    *, session: AsyncSession, report_id: uuid.UUID
) -> list[tuple[DuplicateCandidate, Report]]:
    """The report's candidate pairs, each with the other report: those its registration
    found (`report_id`) and those of the later reports that found it (`candidate_id`)."""
    pair = DuplicateCandidate
    other = case(
        (col(pair.report_id) == report_id, col(pair.candidate_id)), else_=col(pair.report_id)
    )
    rows = await session.execute(
        select(pair, Report)
        .join(Report, col(Report.id) == other)
        .where(or_(col(pair.report_id) == report_id, col(pair.candidate_id) == report_id))
        .order_by(col(pair.score).desc(), col(Report.created_at))
    )
    return [(c, r) for c, r in rows]


async def link(
    *,
    session: AsyncSession,
    report: Report,
    target_id: uuid.UUID,
    link_type: str,
    actor: Principal,
) -> Report:
    """Marks `report` a duplicate or copy of `target`, or merges it into `target` (both
    rows locked: two links at once wait for each other)."""
    try:
        target = await get_in_office(
            session=session,
            model=Report,
            ident=target_id,
            actor=actor,
            label="report",
            for_update=True,
        )
    except NotFound as exc:
        raise InvalidInput.field(
            "#/body/target_report_id", "No such report in this office.", code="unknown_report"
        ) from exc
    if target.id == report.id:
        raise InvalidInput.field(
            "#/body/target_report_id", "A report cannot link to itself.", code="links_to_itself"
        )
    if target.link_type == "merged":
        raise IntakeConflict(
            "The target was merged into another report; link to that one.",
            code="link_target_merged",
        )
    if report.linked_report_id is not None:
        raise IntakeConflict(
            f"This report is already linked ({report.link_type}).",
            code="already_linked",
            params={"link_type": report.link_type},
        )
    now = datetime.now(UTC)
    details: dict[str, Any] = {
        "link": link_type,
        "target_report_id": str(target.id),
        "target_registration_number": target.registration_number,
    }
    changes = {"linked_report_id": target.id, "link_type": link_type}
    if link_type == "merged":
        report = await apply_step(
            session=session,
            report=report,
            step=Step.merge,
            actor=actor,
            details=details,
            changes=changes,
        )
        # Its files and its history follow the survivor.
        await session.execute(
            update(Attachment)
            .where(col(Attachment.report_id) == report.id)
            .values(report_id=target.id)
        )
        session.add(
            ReportStep(
                report_id=target.id,
                step="merged_in",
                from_status=target.status,
                to_status=target.status,
                actor=actor.username,
                details={
                    "merged_report_id": str(report.id),
                    "merged_registration_number": report.registration_number,
                },
                at=now,
            )
        )
    else:
        await session.execute(
            update(Report)
            .where(col(Report.id) == report.id)
            .values(**changes, version=report.version + 1, updated_at=now)
        )
        report.linked_report_id, report.link_type = target.id, link_type
        report.version, report.updated_at = report.version + 1, now
        session.add(
            ReportStep(
                report_id=report.id,
                step=f"linked_{link_type}",
                from_status=report.status,
                to_status=report.status,
                actor=actor.username,
                details=details,
                at=now,
            )
        )
    await publish_link(
        session=session,
        report=report,
        linked_report_id=target.id,
        link=link_type,
        actor=actor,
        at=now,
    )
    await session.flush()
    return report


async def history(*, session: AsyncSession, report: Report) -> list[tuple[ReportStep, str]]:
    """The report's steps and those of the reports merged into it, in time order."""
    merged = select(Report.id).where(
        Report.linked_report_id == report.id, Report.link_type == "merged"
    )
    rows = await session.execute(
        select(ReportStep, Report.registration_number)
        .join(Report, col(Report.id) == col(ReportStep.report_id))
        .where((col(ReportStep.report_id) == report.id) | col(ReportStep.report_id).in_(merged))
        .order_by(col(ReportStep.at), col(ReportStep.id))
    )
    return [(step, number) for step, number in rows]


async def publish_link(
    *,
    session: AsyncSession,
    report: Report,
    linked_report_id: uuid.UUID,
    link: str,
    actor: Principal,
    at: datetime,
) -> None:
    linked = ReportLinked(
        **ref(report),
        linked_report_id=str(linked_report_id),
        link=link,
        linked_at=at,
        linked_by=actor.username,
    )
    await publish(session, linked, subject=str(report.id))
