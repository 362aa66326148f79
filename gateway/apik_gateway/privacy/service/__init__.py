"""The registers' use cases: data subjects' requests and personal-data breaches.

Functions only add and flush; the request boundary commits, so a request opened and
the audit of that opening commit together or not at all.
"""

from apik_gateway.privacy.service.breaches import (
    get_breach,
    list_breaches,
    notifications_of,
    record_breach,
    record_notification,
    update_breach,
)
from apik_gateway.privacy.service.export import access_export
from apik_gateway.privacy.service.requests import (
    get_request,
    list_reads,
    list_requests,
    open_request,
    record_request,
    update_request,
)
from apik_gateway.privacy.service.scope import listed_office

__all__ = [
    "access_export",
    "get_breach",
    "get_request",
    "list_breaches",
    "list_reads",
    "list_requests",
    "listed_office",
    "notifications_of",
    "open_request",
    "record_breach",
    "record_notification",
    "record_request",
    "update_breach",
    "update_request",
]
