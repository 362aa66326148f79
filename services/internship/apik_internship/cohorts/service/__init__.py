"""Cohorts: made from the office's accepted applications with their units' places and
supervisors (`making`), allocated and adjusted phase by phase with every change kept
(`planning`), and the intern's own rotation and preferences (`interns`)."""

from apik_internship.cohorts.service.interns import own_rotation, set_preferences
from apik_internship.cohorts.service.making import (
    create_cohort,
    get_cohort,
    list_cohorts,
    members_of,
    set_unit,
    units_of,
)
from apik_internship.cohorts.service.planning import (
    UnitFull,
    adjust,
    allocate,
    history,
    placements_of,
)

__all__ = [
    "UnitFull",
    "adjust",
    "allocate",
    "create_cohort",
    "get_cohort",
    "history",
    "list_cohorts",
    "members_of",
    "own_rotation",
    "placements_of",
    "set_preferences",
    "set_unit",
    "units_of",
]
