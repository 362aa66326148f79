"""What the read model's durable consumer still has to deliver, from NATS itself."""

from __future__ import annotations

import nats

from apik_reporting.consumers import inbox_name
from apik_shared.platform.events.envelope import STREAM_NAME
from apik_testing.services import RunningService


async def pending(service: RunningService) -> int:
    """Messages not yet delivered plus those delivered and not yet acknowledged."""
    settings = service.app.state.settings
    nc = await nats.connect(settings.nats_url)
    try:
        info = await nc.jetstream().consumer_info(STREAM_NAME, inbox_name(settings))
        return int(info.num_pending or 0) + int(info.num_ack_pending or 0)
    finally:
        await nc.close()
