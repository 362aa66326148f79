"""An office's old records brought in by an import (`report.imported`): their closures.

Intake registers an old record as a report (its `report.registered` counts it in the
year received) and announces its history in `report.imported`. A record the old
application closed becomes a case fact keyed by the report's id (no examination case
will ever exist for it): opened when received, closed when the old application closed
it, with the outcome the import mapped its old status text to (None: closed, outcome
not kept). It then counts in `reports_closed` and the outcome breakdown of the year
of its closure, and was in process at the end of the years between; it has no SLA
state or working days, so the SLA share and the average duration leave it out. An
open or undated record writes nothing here. Replays converge (the upsert is keyed and
follows the latest closure), and the rebuild replays the event like any other.
"""

from __future__ import annotations

from apik_reporting.models import CASES
from apik_reporting.read_model.service.upserts import Calendars, Fields, on, upsert
from apik_reporting.read_model.service.writes import Writes
from apik_shared.platform.events.envelope import CloudEvent

EVENT = "report.imported"


async def imported_closure(writes: Writes, event: CloudEvent, f: Fields, s: Calendars) -> None:
    report_id = f.text("report_id") or event.subject
    received, closed = f.instant("registered_at"), f.instant("closed_at")
    if not report_id or received is None or closed is None:
        return
    office = f.text("office") or ""
    attrs = {
        "office": office,
        "report_id": report_id,
        **{name: f.text(name) for name in ("registration_number", "kind", "channel", "substance")},
    }
    closure = {
        "case_id": report_id,
        "opened_at": received,
        "opened_on": on(s, office, received),
        "closed_at": closed,
        "closed_on": on(s, office, closed),
        "outcome": f.text("outcome"),
    }
    await upsert(writes, CASES, closure, attrs=attrs, stage=2, latest_by="closed_at")
