"""The Red Button's use cases: a case raised, read and acknowledged by the office's
protection officers (`cases`), escalated on the clock while nobody has (`escalation`),
the protective actions taken against its deadline (`protection`), and a confidential
reporter opened by two officers (`identity`), and the messages between the intern and
the officers (`messages`), and the on-duty roster with its alerts (`alerts`)."""

from apik_internship.red_button.service.alerts import open_alerts, replace_roster, roster
from apik_internship.red_button.service.cases import (
    acknowledge,
    check_mode,
    get_case,
    list_cases,
    raise_case,
    shown,
)
from apik_internship.red_button.service.conflicts import register
from apik_internship.red_button.service.escalation import escalate_due
from apik_internship.red_button.service.identity import (
    NothingSealed,
    SecondOfficerRequired,
    approve,
    read_identity,
    request_identity,
)
from apik_internship.red_button.service.messages import (
    case_by_receipt,
    intern_thread,
    officer_thread,
    send,
)
from apik_internship.red_button.service.protection import take_action
from apik_internship.red_button.service.statistics import monthly

__all__ = [
    "NothingSealed",
    "SecondOfficerRequired",
    "acknowledge",
    "approve",
    "case_by_receipt",
    "check_mode",
    "escalate_due",
    "get_case",
    "intern_thread",
    "list_cases",
    "monthly",
    "officer_thread",
    "open_alerts",
    "raise_case",
    "read_identity",
    "register",
    "replace_roster",
    "request_identity",
    "roster",
    "send",
    "shown",
    "take_action",
]
