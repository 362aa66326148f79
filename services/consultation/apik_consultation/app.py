"""The consultation desk's app (`uvicorn apik_consultation.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_consultation.analysis.router import router as analysis
from apik_consultation.forms.router import router as forms
from apik_consultation.jobs import jobs
from apik_consultation.live.router import router as live
from apik_consultation.objections.router import router as objections
from apik_consultation.privacy.router import router as privacy
from apik_consultation.risks.router import router as risks
from apik_consultation.settings import Settings
from apik_consultation.visitors.router import router as visitors
from apik_consultation.visits.router import router as visits
from apik_shared.platform.app import create_service_app
from apik_shared.platform.crypto import FieldCipher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # The desk consumes no events; its one job erases visitors past their retention.
    app = create_service_app(
        settings=settings,
        title="APIK Consultation desk (AMER)",
        routers=[visits, live, objections, analysis, forms, risks, visitors, privacy],
        background=jobs(settings),
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    return app
