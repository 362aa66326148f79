"""Work the prevention service does on its own clock: none yet."""

from __future__ import annotations

from apik_prevention.settings import Settings
from apik_shared.platform.app import Background


def jobs(settings: Settings) -> list[Background]:
    return []
