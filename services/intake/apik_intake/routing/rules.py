"""When a report may move to another office (pure)."""

from __future__ import annotations

from apik_intake.reports.rules import OPEN_AT_INTAKE

# A report still open at intake may be routed to another office, which carries on from
# the same status (routing is not a transition: the status stays).
ROUTABLE = OPEN_AT_INTAKE
