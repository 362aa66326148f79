"""The Red Button's use cases: a case raised, read and acknowledged by the office's
protection officers (`cases`), escalated on the clock while nobody has (`escalation`),
and the protective actions taken against its deadline (`protection`)."""

from apik_internship.red_button.service.cases import (
    acknowledge,
    check_mode,
    get_case,
    list_cases,
    raise_case,
    shown,
)
from apik_internship.red_button.service.escalation import escalate_due
from apik_internship.red_button.service.protection import take_action

__all__ = [
    "acknowledge",
    "check_mode",
    "escalate_due",
    "get_case",
    "list_cases",
    "raise_case",
    "shown",
    "take_action",
]
