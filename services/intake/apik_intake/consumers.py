"""What intake consumes from the event stream.

`case.closed` from examination puts the outcome on the reporter's tracking page;
`community_member.status_changed` from prevention keeps the copy of Sahabat Ombudsman
members a `community` report is checked against.
"""

from __future__ import annotations

from apik_intake.public.service import record_case_outcome
from apik_intake.reports.service.community import record_member_status
from apik_intake.settings import Settings
from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads.examination import CaseClosed
from apik_shared.platform.events.payloads.prevention import CommunityMemberStatusChanged


def consumers(settings: Settings) -> list[ConsumerSpec]:
    return [
        consumer("intake-case-closed", On(CaseClosed, record_case_outcome)),
        consumer(
            "intake-community-members",
            On(CommunityMemberStatusChanged, record_member_status),
        ),
    ]
