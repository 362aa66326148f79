"""The examination service's app (`uvicorn apik_examination.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_examination.api import router
from apik_examination.api_activities import router as activities_router
from apik_examination.api_assignment import router as assignment_router
from apik_examination.api_closure import router as closure_router
from apik_examination.api_sla import router as sla_router
from apik_examination.api_survey import router as survey_router
from apik_examination.consumers import consumers
from apik_examination.jobs import sla_scan
from apik_examination.settings import Settings
from apik_shared.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Examination",
        routers=[
            router,
            sla_router,
            assignment_router,
            activities_router,
            closure_router,
            survey_router,
        ],
        consumers=consumers(settings),
        background=[sla_scan(settings)],
    )
    return app
