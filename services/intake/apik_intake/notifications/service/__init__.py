"""Notifications to reporters: queued with the step that causes them (`queue`), sent by
a job (`sending`) through a channel (`channels`), worded by the office (`templates`),
stopped on the reporter's request (`stopping`)."""

from apik_intake.notifications.rules import Template
from apik_intake.notifications.service.channels import Smtp, Unavailable, WhatsAppProvider
from apik_intake.notifications.service.queue import queue_following, registered_notification
from apik_intake.notifications.service.sending import Outlets, Sent, send_due
from apik_intake.notifications.service.stopping import opt_out
from apik_intake.notifications.service.templates import (
    FoundTemplate,
    notifications_of,
    save_template,
    template_for,
)

__all__ = [
    "FoundTemplate",
    "Outlets",
    "Sent",
    "Smtp",
    "Template",
    "Unavailable",
    "WhatsAppProvider",
    "notifications_of",
    "opt_out",
    "queue_following",
    "registered_notification",
    "save_template",
    "send_due",
    "template_for",
]
