"""The portals' use cases: their webhooks in (`inbound`) and applied to our reports
(`sync`, phase 3), phase 1, push (`push`), and phase 2, pull (`pull`), through one adapter per
portal (`adapter` is the interface, `lapor` the first)."""

from apik_integration.portals.service.deadlines import ReportDeadlines, list_deadlines
from apik_integration.portals.service.inbound import (
    WebhookForged,
    WebhookHeadersMissing,
    WebhookReplayed,
    WebhookStale,
    portal_keys,
    receive,
)
from apik_integration.portals.service.pull import (
    PullTimes,
    list_pulled,
    pull_due,
    pull_state,
    record_pulled,
    reports_of_pulled,
    request_catch_up,
)
from apik_integration.portals.service.push import (
    enqueue_push,
    get_send,
    list_sends,
    push_due,
    replay_send,
)
from apik_integration.portals.service.sync import Portals, apply_inbound

__all__ = [
    "Portals",
    "PullTimes",
    "ReportDeadlines",
    "WebhookForged",
    "WebhookHeadersMissing",
    "WebhookReplayed",
    "WebhookStale",
    "apply_inbound",
    "enqueue_push",
    "get_send",
    "list_deadlines",
    "list_pulled",
    "list_sends",
    "portal_keys",
    "pull_due",
    "pull_state",
    "push_due",
    "receive",
    "record_pulled",
    "replay_send",
    "reports_of_pulled",
    "request_catch_up",
]
