"""What intake consumes from the event stream.

`case.closed` from examination puts the outcome on the reporter's tracking page;
`community_member.status_changed` from prevention keeps the copy of Sahabat Ombudsman
members a `community` report is checked against;
`import.row_ready` from integration registers an office's old record (`imports/`), and
its `complaint.pulled` registers a portal's complaint as a report (`portals/`), both only
when the keyring shared with integration is set (`APIK_TRANSFER_KEYS`: their personal
data travels sealed with it); its `portal.status_changed` moves or annotates a report.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.imports.service import register_imported, register_imported_many
from apik_intake.portals.service import PortalIntake
from apik_intake.public.service import record_case_outcome
from apik_intake.reporters.rules import index_key
from apik_intake.reports.service.community import record_member_status
from apik_intake.settings import Settings
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads.examination import CaseClosed
from apik_shared.platform.events.payloads.integration import (
    ComplaintPulled,
    ImportRowReady,
    PortalStatusChanged,
)
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged


def imports_spec(settings: Settings) -> ConsumerSpec:
    transfer = FieldCipher(settings.transfer_keys)
    cipher = FieldCipher(settings.pii_keys)
    key = index_key(settings.pii_index_key)

    async def on_row(session: AsyncSession, row: ImportRowReady, envelope: CloudEvent) -> None:
        await register_imported(
            session=session, row=row, transfer=transfer, cipher=cipher, index_key=key
        )

    async def on_rows(
        session: AsyncSession, rows: Sequence[tuple[ImportRowReady, CloudEvent]]
    ) -> None:
        await register_imported_many(
            session=session,
            rows=[row for row, _ in rows],
            transfer=transfer,
            cipher=cipher,
            index_key=key,
        )

    # Batches of an import's rows, each batch one transaction.
    return consumer("intake-imports", On(ImportRowReady, on_row, on_rows), batch=200)


def consumers(settings: Settings) -> list[ConsumerSpec]:
    portals = PortalIntake(settings, index_key(settings.pii_index_key))
    specs = [
        consumer("intake-case-closed", On(CaseClosed, record_case_outcome)),
        consumer("intake-portal-status", On(PortalStatusChanged, portals.status_changed)),
        consumer(
            "intake-community-members",
            On(CommunityMemberStatusChanged, record_member_status),
        ),
    ]
    if settings.transfer_keys:
        # Without the keyring neither event could be opened: they wait in the stream.
        specs.append(consumer("intake-portal-pull", On(ComplaintPulled, portals.register)))
        specs.append(imports_spec(settings))
    return specs
