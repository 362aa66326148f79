"""The record of processing activities (UU 27/2022), built from the code's declarations.

Each component declares, at the end of its `models.py`, what personal data its tables
hold and why: `PROCESSING: tuple[Processing, ...]`. This module collects them, renders
the record (`docs/processing.md`, Bahasa Indonesia beside English), checks that every
column whose name says it holds personal data is declared, and merges the answers of the
services' subject-access routes into one export.

    python -m apik_shared.platform.processing            # writes docs/processing.md
    python -m apik_shared.platform.processing --check    # fails when it is stale
    APIK_TOKEN=… python -m apik_shared.platform.processing subject-access \\
        --gateway http://127.0.0.1:8000 --reference DSR-2026-001 --nik 1771…

Components are found by name at run time (`importlib`), the way `make up` starts them:
the platform still imports no component.
"""

from apik_shared.platform.processing.access import (
    DELIBERATION,
    OTHER_PERSON,
    SUBJECT_ACCESS,
    Reason,
    SubjectAccessRequest,
    Withheld,
    ask_services,
    merge_access,
    subject_access,
)
from apik_shared.platform.processing.cli import main
from apik_shared.platform.processing.declarations import Bilingual, LegalBasis, Processing
from apik_shared.platform.processing.record import (
    PERSONAL_NAMES,
    PERSONAL_SUFFIXES,
    RECORD_PATH,
    declarations,
    is_personal,
    models_of,
    render,
    tables_of,
    undeclared,
)

__all__ = [
    "DELIBERATION",
    "OTHER_PERSON",
    "PERSONAL_NAMES",
    "PERSONAL_SUFFIXES",
    "RECORD_PATH",
    "SUBJECT_ACCESS",
    "Bilingual",
    "LegalBasis",
    "Processing",
    "Reason",
    "SubjectAccessRequest",
    "Withheld",
    "ask_services",
    "declarations",
    "is_personal",
    "main",
    "merge_access",
    "models_of",
    "render",
    "subject_access",
    "tables_of",
    "undeclared",
]
