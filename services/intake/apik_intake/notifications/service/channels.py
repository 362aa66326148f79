"""How a message leaves: the platform's channels (`apik_shared.platform.mail`), email over
SMTP and WhatsApp behind a provider of the deployment's choosing, under intake's names.

A channel raises `Unavailable` when it is not configured (the message is recorded as
skipped, with the reason) and any other exception when the server did not accept the
message (it is tried again later)."""

from __future__ import annotations

from apik_shared.platform.mail import Smtp, Unavailable, WhatsAppProvider

__all__ = ["Smtp", "Unavailable", "WhatsAppProvider"]
