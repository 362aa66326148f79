"""What intake consumes from the event stream.

`case.closed` from examination puts the outcome on the reporter's tracking page;
integration's `complaint.pulled` registers a portal's complaint as a report, and its
`portal.status_changed` moves or annotates one (`portals/`).
"""

from __future__ import annotations

from apik_intake.portals.service import PortalIntake
from apik_intake.public.service import record_case_outcome
from apik_intake.reporters.rules import index_key
from apik_intake.settings import Settings
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads.examination import CaseClosed
from apik_shared.platform.events.payloads.integration import ComplaintPulled, PortalStatusChanged


def consumers(settings: Settings) -> list[ConsumerSpec]:
    portals = PortalIntake(settings, index_key(settings.pii_index_key))
    return [
        consumer("intake-case-closed", On(CaseClosed, record_case_outcome)),
        consumer("intake-portal-pull", On(ComplaintPulled, portals.register)),
        consumer("intake-portal-status", On(PortalStatusChanged, portals.status_changed)),
    ]
