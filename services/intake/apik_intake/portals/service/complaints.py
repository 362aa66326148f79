"""Complaints from a portal, through integration (issue 20, phases 2 and 3).

`complaint.pulled` registers a report on the `portal` channel, once per portal and
tracking id (`portal_origin`, its primary key: a complaint announced twice, or an event
redelivered, registers nothing more). The complainant and the text arrive sealed with
the transfer keyring shared with integration (`APIK_TRANSFER_KEYS`; events carry no
personal data in clear); opened here, they are sealed again at rest as every reporter's
identity is.

`portal.status_changed` takes the step the office's map names when the state machine
allows it now; otherwise the update is a note on the report's timeline.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import PortalOrigin, Report, ReportStep
from apik_intake.portals import rules
from apik_intake.portals.service.files import file_refs_added
from apik_intake.reports.schemas import ReportCreate
from apik_intake.reports.service.registration import register_report
from apik_intake.settings import Settings
from apik_intake.steps.service import apply_step
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.integration import ComplaintPulled, PortalStatusChanged

log = logging.getLogger("apik.intake.portals")


def portal_actor(portal: str, office: str) -> Principal:
    """Who registers and moves a portal's complaint: the portal, through integration."""
    return Principal(
        subject=f"service:integration:{portal}", username=f"portal:{portal}", office=office
    )


def transfer_context(portal: str, external_id: str) -> str:
    # The same binding as integration's (`portals.rules.transfer_context` there).
    return f"portal-complaint:{portal}:{external_id}"


class PortalIntake:
    """What the consumers need: the keyrings, the index key and the settings. Without
    the transfer keyring (`APIK_TRANSFER_KEYS`) only the status consumer is registered."""

    def __init__(self, settings: Settings, index_key: bytes) -> None:
        self.settings = settings
        self.cipher = FieldCipher(settings.pii_keys)
        self.transfer = FieldCipher(settings.transfer_keys) if settings.transfer_keys else None
        self.index_key = index_key

    def _data(self, pulled: ComplaintPulled, content: dict[str, Any]) -> ReportCreate:
        def body(minimal: bool) -> dict[str, Any]:
            return rules.report_body(
                content,
                portal=pulled.portal,
                external_id=pulled.external_id,
                substances=self.settings.portal_substances,
                received_at=min(pulled.assigned_at, datetime.now(UTC)),
                minimal=minimal,
            )

        try:
            return ReportCreate.model_validate(body(minimal=False))
        except ValidationError:
            # A contact our rules refuse: registered without it (it stays at the portal).
            return ReportCreate.model_validate(body(minimal=True))

    async def register(
        self, session: AsyncSession, pulled: ComplaintPulled, envelope: CloudEvent
    ) -> None:
        if self.transfer is None:  # not registered without it (`consumers.py`)
            raise RuntimeError("APIK_TRANSFER_KEYS is needed to open a pulled complaint")
        origin = await session.execute(
            pg_insert(PortalOrigin)
            .values(
                portal=pulled.portal,
                external_id=pulled.external_id,
                office=pulled.office,
                pulled_id=pulled.pulled_id,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["portal", "external_id"])
            .returning(col(PortalOrigin.external_id))
        )
        if origin.first() is None:
            return  # registered already: announced twice
        content = json.loads(
            self.transfer.decrypt(
                pulled.sealed, context=transfer_context(pulled.portal, pulled.external_id)
            )
        )
        registration = await register_report(
            session=session,
            cipher=self.cipher,
            index_key=self.index_key,
            data=self._data(pulled, content if isinstance(content, dict) else {}),
            actor=portal_actor(pulled.portal, pulled.office),
            duplicate_window_days=self.settings.duplicate_window_days,
            age_limit_years=self.settings.age_limit_years,
            cross_office_similarity=self.settings.cross_office_similarity,
            external=(pulled.portal, pulled.external_id),
        )
        row = await session.get(PortalOrigin, (pulled.portal, pulled.external_id))
        if row is not None:
            row.report_id = registration.row["id"]
        await session.flush()
        # Its files are fetched after (`files.py`): the report never waits for them.
        await file_refs_added(
            session=session,
            report_id=registration.report.id,
            content=content if isinstance(content, dict) else {},
            limit=rules.MAX_FILES,
        )

    async def status_changed(
        self, session: AsyncSession, changed: PortalStatusChanged, envelope: CloudEvent
    ) -> None:
        report = await _report_of(session, changed)
        if report is None:
            log.warning("portal.status_changed for an unknown report")
            return
        details = {
            "portal": changed.portal,
            "external_id": changed.external_id,
            "update_id": changed.update_id,
            "portal_status": changed.portal_status,
            "effect": changed.effect,
            "at": changed.at.isoformat(),
        }
        step = rules.portal_step(changed.apik_step, kind=report.kind, status=report.status)
        if step is not None:
            await apply_step(
                session=session,
                report=report,
                step=step,
                actor=portal_actor(changed.portal, report.office),
                details={**details, "closed_reason": "withdrawn_at_portal"},
            )
            return
        session.add(
            ReportStep(
                report_id=report.id,
                step=rules.NOTE,
                from_status=report.status,
                to_status=report.status,
                actor=f"portal:{changed.portal}",
                details={**details, "requested_step": changed.apik_step},
                at=changed.at,
            )
        )
        await session.flush()


async def _report_of(session: AsyncSession, changed: PortalStatusChanged) -> Report | None:
    query = select(Report).with_for_update()
    if changed.report_id:
        query = query.where(col(Report.id) == uuid.UUID(changed.report_id))
    else:
        query = query.where(Report.registration_number == changed.registration_number)
    return (await session.execute(query)).scalar_one_or_none()
