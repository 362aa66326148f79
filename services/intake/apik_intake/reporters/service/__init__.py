"""Reporters: sealing a new one, recognising a repeat reporter, audited identity reads
(`identity`), and the retention that anonymises what has expired (`retention`)."""

from apik_intake.reporters.service.identity import (
    INSERT_REPORTER,
    LINK,
    NewReporter,
    add_reporter,
    audit_links,
    identity_read,
    link_summaries,
    list_identity_reads,
    read_identity,
    recognise_reporter,
)
from apik_intake.reporters.service.retention import Anonymised, anonymise_expired

__all__ = [
    "INSERT_REPORTER",
    "LINK",
    "Anonymised",
    "NewReporter",
    "add_reporter",
    "anonymise_expired",
    "audit_links",
    "identity_read",
    "link_summaries",
    "list_identity_reads",
    "read_identity",
    "recognise_reporter",
]
