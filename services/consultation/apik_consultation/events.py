"""The consultation desk's side of the event stream: its outbox (it consumes nothing)."""

from __future__ import annotations

from apik_shared.events.outbox import Outbox

outbox = Outbox("consultation")
