"""Answers shaped from rows: whether each is overdue is decided at one `now`."""

from __future__ import annotations

from datetime import datetime

from apik_gateway.models import BreachNotification, DataSubjectRequest, PersonalDataBreach
from apik_gateway.privacy import rules
from apik_gateway.privacy.schemas import (
    BreachDetail,
    BreachPublic,
    NotificationPublic,
    Requester,
    RequestOpened,
    RequestSummary,
)


def request_summary(row: DataSubjectRequest, now: datetime) -> RequestSummary:
    return RequestSummary.model_validate(
        {
            **_fields(row, RequestSummary),
            "overdue": rules.request_overdue(row.status, row.due_at, now),
        }
    )


def request_opened(
    row: DataSubjectRequest,
    requester: Requester,
    details: str | None,
    answer: str | None,
    now: datetime,
) -> RequestOpened:
    summary = request_summary(row, now)
    return RequestOpened(
        **summary.model_dump(), requester=requester, details=details, answer=answer
    )


def breach(row: PersonalDataBreach, now: datetime) -> BreachPublic:
    return BreachPublic.model_validate(_breach_fields(row, now))


def breach_detail(
    row: PersonalDataBreach, notifications: list[BreachNotification], now: datetime
) -> BreachDetail:
    return BreachDetail.model_validate(
        {
            **_breach_fields(row, now),
            "notifications": [NotificationPublic.model_validate(n) for n in notifications],
        }
    )


def _breach_fields(row: PersonalDataBreach, now: datetime) -> dict[str, object]:
    return {
        **_fields(row, BreachPublic),
        "specific_data": bool(rules.SPECIFIC_DATA.intersection(row.data_classes)),
        "overdue": rules.breach_overdue(
            row.status,
            row.notification_due_at,
            row.authority_notified_at,
            row.subjects_notified_at,
            now,
        ),
    }


def _fields(row: object, model: type[RequestSummary] | type[BreachPublic]) -> dict[str, object]:
    return {name: getattr(row, name) for name in model.model_fields if hasattr(row, name)}
