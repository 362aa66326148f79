"""Why the gateway refuses a request the record's state contradicts: the reasons of the
shared `conflict` and `transition-not-allowed` types that the gateway names in the
`code` member (`params` fill the wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import Conflict, TransitionNotAllowed


class GatewayConflict(Conflict):
    """The gateway's reasons (`code`): `office_exists` (`code`), `notify_first` (a
    breach closes once the authority and the subjects are told), `breach_dismissed` (a
    dismissed breach is told to no one)."""

    reasons = ("office_exists", "notify_first", "breach_dismissed")


class GatewayStepRefused(TransitionNotAllowed):
    """The gateway's reasons (`code`): `not_access_request` (`kind`: an export answers
    an access request)."""

    reasons = ("not_access_request",)
