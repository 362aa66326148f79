"""Why consultation refuses a step the visit's state contradicts: the reasons of the
shared `transition-not-allowed` type that consultation names in the `code` member
(`params` fill the wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import TransitionNotAllowed


class VisitStepRefused(TransitionNotAllowed):
    """Consultation's reasons (`code`): `service_not_ended` (`status`: the final form
    is printed once the service has ended)."""

    reasons = ("service_not_ended",)
