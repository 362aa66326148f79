"""Rubric evaluations and the final report: supervisors evaluate an intern of their
office, the intern evaluates their unit and the programme and uploads the report.
Comments and the report are sealed (`FieldCipher`), bound to their row."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications.rules import ApplicationStatus
from apik_internship.evaluations import rules
from apik_internship.evaluations.rules import Subject
from apik_internship.evaluations.schemas import EvaluationCreate
from apik_internship.models import Application, Evaluation, FinalReport
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound, field_error
from apik_shared.platform.uploads import check_file


class AlreadyEvaluated(Conflict):
    slug, title = "already-evaluated", "This evaluator already evaluated it for this internship"


def comment_context(evaluation_id: uuid.UUID) -> str:
    return f"evaluation:{evaluation_id}:comment"


def report_context(application_id: uuid.UUID) -> str:
    return f"application:{application_id}:final-report"


async def accepted_intern(
    *, session: AsyncSession, application_id: uuid.UUID, actor: Principal
) -> Application:
    """An accepted intern of the caller's office (the same 404 otherwise)."""
    application = await session.get(Application, application_id)
    if (
        application is None
        or not actor.can_see_office(application.office)
        or application.status != ApplicationStatus.accepted
    ):
        raise NotFound(f"No accepted intern {application_id}.")
    return application


async def evaluate(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    application: Application,
    subject: Subject,
    data: EvaluationCreate,
    rubric: Sequence[str],
    evaluator: str,
) -> Evaluation:
    """Files a filled rubric (422 naming each criterion wrong; 409 when this evaluator
    already filled this one for this internship)."""
    problems = rules.unfilled(rubric, data.scores)
    if problems:
        said = "; ".join(why.message() for _, why in problems)
        raise InvalidInput(
            f"The rubric is not filled as the office set it: {said}.",
            errors=[field_error(f"#/body/scores/{c}", why) for c, why in problems],
        )
    evaluation_id = uuid.uuid4()
    target = {Subject.intern: "intern", Subject.programme: "programme"}.get(
        subject, application.unit or "-"
    )
    evaluation = Evaluation(
        id=evaluation_id,
        office=application.office,
        application_id=application.id,
        subject=subject.value,
        target=target,
        evaluator=evaluator,
        scores=dict(data.scores),
        score=rules.score(data.scores),
        comment=(
            cipher.encrypt(data.comment.encode(), context=comment_context(evaluation_id))
            if data.comment
            else None
        ),
        submitted_at=datetime.now(UTC),
    )
    session.add(evaluation)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise AlreadyEvaluated(f"{evaluator} already evaluated the {subject}.") from exc
    return evaluation


async def evaluations_of(
    *, session: AsyncSession, application: Application, subjects: Sequence[Subject]
) -> Sequence[Evaluation]:
    rows = await session.scalars(
        select(Evaluation)
        .where(
            Evaluation.application_id == application.id,
            col(Evaluation.subject).in_([s.value for s in subjects]),
        )
        .order_by(col(Evaluation.submitted_at))
    )
    return rows.all()


def comment_of(cipher: FieldCipher, evaluation: Evaluation) -> str | None:
    if evaluation.comment is None:
        return None
    return cipher.decrypt(evaluation.comment, context=comment_context(evaluation.id)).decode()


async def final_score(*, session: AsyncSession, application: Application) -> int | None:
    """The supervisors' final evaluation of the intern (`rules.final_score`)."""
    rows = await evaluations_of(session=session, application=application, subjects=[Subject.intern])
    return rules.final_score(e.score for e in rows)


async def feedback(
    *,
    session: AsyncSession,
    office: str,
    subject: Subject,
    rubric: Sequence[str],
    min_count: int,
) -> list[rules.Feedback]:
    """The interns' feedback of the office per unit (or on the programme), withheld for
    a target fewer than `min_count` interns evaluated."""
    rows = await session.execute(
        select(Evaluation.target, Evaluation.scores).where(
            Evaluation.office == office, Evaluation.subject == subject.value
        )
    )
    by_target: dict[str, list[Mapping[str, int]]] = {}
    for target, scores in rows:
        by_target.setdefault(target, []).append(scores)
    return [
        rules.feedback(target, filled, rubric, min_count)
        for target, filled in sorted(by_target.items())
    ]


async def upload_report(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    intern: Application,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
) -> tuple[FinalReport, bool]:
    """The intern's final report, sealed; a later upload replaces it (its version
    counts the uploads). Returns it and whether it is the first."""
    checked = check_file(filename=filename, data=data, allowed=allowed, max_bytes=max_bytes)
    sealed = cipher.encrypt(checked.data, context=report_context(intern.id))
    report = await session.get(FinalReport, intern.id, with_for_update=True)
    first = report is None
    fields: dict[str, Any] = {
        "filename": checked.name,
        "media_type": checked.media_type,
        "size": len(checked.data),
        "sha256": checked.sha256,
        "content": sealed,
        "uploaded_at": datetime.now(UTC),
    }
    if report is None:
        report = FinalReport(application_id=intern.id, office=intern.office, **fields)
    else:
        report.sqlmodel_update(fields)
        report.version += 1
    session.add(report)
    await session.flush()
    return report, first


async def get_report(
    *, session: AsyncSession, cipher: FieldCipher, application: Application
) -> tuple[FinalReport, bytes]:
    report = await session.get(FinalReport, application.id)
    if report is None:
        raise NotFound(f"Intern {application.id} has not uploaded a final report.")
    return report, cipher.decrypt(report.content, context=report_context(application.id))
