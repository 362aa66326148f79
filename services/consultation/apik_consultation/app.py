"""The consultation desk's app (`uvicorn apik_consultation.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_consultation import api, api_analysis, api_desk, api_forms, api_risks
from apik_consultation.events import outbox
from apik_consultation.settings import Settings
from apik_shared.app import create_service_app
from apik_shared.crypto import FieldCipher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Consultation desk (AMER)",
        routers=[
            api.router,
            api_desk.router,
            api_analysis.router,
            api_forms.router,
            api_risks.router,
        ],
        outbox=outbox,
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    return app
