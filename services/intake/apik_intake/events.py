"""Intake's side of the event stream: its outbox (consumers come with the tracking page)."""

from __future__ import annotations

from apik_shared.events.outbox import Outbox

outbox = Outbox("intake")
