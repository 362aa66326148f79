"""Reporters: sealing a new one, recognising a repeat reporter, audited identity reads
(`identity`), and the retention that anonymises what has expired (`retention`)."""

from apik_intake.reporters.service.identity import (
    LINK,
    add_reporter,
    audit_links,
    identity_read,
    link_summaries,
    list_identity_reads,
    read_identity,
)
from apik_intake.reporters.service.retention import Anonymised, anonymise_expired

__all__ = [
    "LINK",
    "Anonymised",
    "add_reporter",
    "anonymise_expired",
    "audit_links",
    "identity_read",
    "link_summaries",
    "list_identity_reads",
    "read_identity",
]
