"""The integration service's app (`uvicorn apik_integration.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_integration.consumers import consumers
from apik_integration.imports.router import router as imports
from apik_integration.jobs import jobs
from apik_integration.peers.router import router as peers
from apik_integration.portals.router import router as portals
from apik_integration.settings import Settings
from apik_integration.webhooks.router import router as webhooks
from apik_shared.platform.app import create_service_app
from apik_shared.platform.crypto import FieldCipher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Integration",
        routers=[webhooks, portals, imports, peers],
        consumers=consumers(settings),
        background=jobs(settings),
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    return app
