"""What the prevention service consumes: nothing yet (the office registry comes with
every service). The suffix's follow-up is recorded through the API until examination
publishes its corrective actions' follow-up (see README)."""

from __future__ import annotations

from apik_prevention.settings import Settings
from apik_shared.platform.events.consumer import ConsumerSpec


def consumers(settings: Settings) -> list[ConsumerSpec]:
    return []
