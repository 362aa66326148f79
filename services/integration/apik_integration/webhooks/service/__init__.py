"""The webhook use cases: subscriptions (`subscriptions`), the deliveries the event
stream creates and the dead letters (`deliveries`), and sending them (`sending`)."""

from apik_integration.webhooks.service.deliveries import (
    enqueue,
    enqueue_many,
    get_delivery,
    list_deliveries,
    replay,
    subscribed_types,
)
from apik_integration.webhooks.service.sending import deliver_due
from apik_integration.webhooks.service.subscriptions import (
    check_target,
    create_subscription,
    disable,
    enable,
    get_subscription,
    list_subscriptions,
    rotate_secret,
    signing_keys,
)

__all__ = [
    "check_target",
    "create_subscription",
    "deliver_due",
    "disable",
    "enable",
    "enqueue",
    "enqueue_many",
    "get_delivery",
    "get_subscription",
    "list_deliveries",
    "list_subscriptions",
    "replay",
    "rotate_secret",
    "signing_keys",
    "subscribed_types",
]
