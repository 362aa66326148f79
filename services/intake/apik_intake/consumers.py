"""What intake consumes from the event stream.

`case.closed` from examination puts the outcome on the reporter's tracking page.
"""

from __future__ import annotations

from apik_intake.public.service import record_case_outcome
from apik_intake.settings import Settings
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads.examination import CaseClosed


def consumers(settings: Settings) -> list[ConsumerSpec]:
    return [consumer("intake-case-closed", On(CaseClosed, record_case_outcome))]
