"""How a subscription is answered: its fields, never its secrets, and what the caller
may do to it now."""

from __future__ import annotations

from apik_integration.models import Subscription
from apik_integration.webhooks.rules import subscription_actions
from apik_integration.webhooks.schemas import SubscriptionPublic


def public(subscription: Subscription) -> SubscriptionPublic:
    fields = {
        name: getattr(subscription, name)
        for name in SubscriptionPublic.model_fields
        if name != "allowed_actions"
    }
    actions = subscription_actions(subscription.status)
    return SubscriptionPublic.model_validate({**fields, "allowed_actions": actions})
