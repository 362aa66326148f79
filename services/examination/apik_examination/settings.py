"""Settings of the examination service (`APIK_*` environment variables)."""

from __future__ import annotations

from apik_shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "examination"
