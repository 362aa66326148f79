"""The office's register of protection officers for the conflict-of-interest rule.

How a report's names are matched to staff: the intern writes a person's name as they
know it; the head registers each protection officer's name (as interns would write it)
and the unit where they supervise interns, keyed to their username. Both sides go
through `rules.normalise_name` and the same keyed hash, so "Pak Budi Santoso, S.H." in a
report matches "Budi Santoso" in the register; the name itself is not kept. A case whose
person hash or unit hash matches an officer's is hidden from them (`cases.hidden_from`).
An officer with no register entry cannot be matched: the head registers every one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.models import RedButtonStaff
from apik_internship.red_button import rules
from apik_internship.red_button.schemas import StaffRegister
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput


async def register(
    *,
    session: AsyncSession,
    code_key: bytes,
    username: str,
    data: StaffRegister,
    units: Sequence[str],
    actor: Principal,
) -> RedButtonStaff:
    """Sets (or replaces) an officer's entry in the head's own office."""
    if data.unit is not None and data.unit not in units:
        raise InvalidInput.field(
            "#/body/unit",
            f"Not a unit of the office: one of {', '.join(units)}.",
            code="unknown_unit",
            units=", ".join(units),
        )
    entry = await session.get(RedButtonStaff, username, with_for_update=True)
    if entry is None:
        entry = RedButtonStaff(username=username, office=actor.office, name_hash="", set_by="")
    elif entry.office != actor.office:
        raise InvalidInput.field(
            "#/path/username", "Registered by another office.", code="registered_elsewhere"
        )
    entry.name_hash = rules.matching_hash(code_key, "person", rules.normalise_name(data.name))
    entry.unit = data.unit
    unit = data.unit
    entry.unit_hash = None if unit is None else rules.matching_hash(code_key, "unit", unit)
    entry.set_by, entry.set_at = actor.username, datetime.now(UTC)
    session.add(entry)
    await session.flush()
    return entry
