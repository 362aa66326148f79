"""Desk visitors: read unsealed, masked for who does not serve them, every full read
audited (`reading`); anonymised when their retention period ends (`retention`)."""

from apik_consultation.visitors.service.reading import (
    VisitorAccess,
    VisitorAnonymised,
    list_visitor_reads,
    read_in_full,
    shown,
    visitor_read,
)
from apik_consultation.visitors.service.retention import anonymise_expired

__all__ = [
    "VisitorAccess",
    "VisitorAnonymised",
    "anonymise_expired",
    "list_visitor_reads",
    "read_in_full",
    "shown",
    "visitor_read",
]
