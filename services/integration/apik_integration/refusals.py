"""Why integration refuses a request the record's state contradicts: the reasons of the
shared `conflict` type that integration names in the `code` member (`params` fill the
wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import Conflict


class IntegrationConflict(Conflict):
    """Integration's reasons (`code`): `subscription_already_disabled`,
    `subscription_already_active`, `delivery_pending` (it is being sent: no replay),
    `subscription_disabled` (enable it before a replay), `send_not_failed` (`status`:
    only a failed send is replayed), `pull_off` (`portal`: pulling is not switched on
    for the office)."""

    reasons = (
        "subscription_already_disabled",
        "subscription_already_active",
        "delivery_pending",
        "subscription_disabled",
        "send_not_failed",
        "pull_off",
    )
