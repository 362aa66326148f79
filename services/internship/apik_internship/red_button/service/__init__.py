"""The Red Button's use cases: a case raised, read and acknowledged by the office's
protection officers (`cases`), escalated on the clock while nobody has (`escalation`),
the protective actions taken against its deadline (`protection`), and a confidential
reporter opened by two officers (`identity`)."""

from apik_internship.red_button.service.cases import (
    acknowledge,
    check_mode,
    get_case,
    list_cases,
    raise_case,
    shown,
)
from apik_internship.red_button.service.escalation import escalate_due
from apik_internship.red_button.service.identity import (
    NothingSealed,
    SecondOfficerRequired,
    approve,
    read_identity,
    request_identity,
)
from apik_internship.red_button.service.protection import take_action

__all__ = [
    "NothingSealed",
    "SecondOfficerRequired",
    "acknowledge",
    "approve",
    "check_mode",
    "escalate_due",
    "get_case",
    "list_cases",
    "raise_case",
    "read_identity",
    "request_identity",
    "shown",
    "take_action",
]
