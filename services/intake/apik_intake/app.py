"""The intake service's app (`uvicorn apik_intake.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_intake.api import router
from apik_intake.events import outbox
from apik_intake.settings import Settings
from apik_shared.app import create_service_app
from apik_shared.crypto import FieldCipher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Intake (PVL)",
        routers=[router],
        outbox=outbox,
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    return app
