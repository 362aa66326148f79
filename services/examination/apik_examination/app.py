"""The examination service's app (`uvicorn apik_examination.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_examination.activities.router import router as activities_router
from apik_examination.assignment.router import router as assignment_router
from apik_examination.cases.router import router as cases_router
from apik_examination.closure.router import router as closure_router
from apik_examination.consumers import consumers
from apik_examination.followup.router import router as followup_router
from apik_examination.jobs import monitoring_scan, sla_scan
from apik_examination.privacy.router import router as privacy_router
from apik_examination.settings import Settings
from apik_examination.sla.router import router as sla_router
from apik_examination.survey.router import router as survey_router
from apik_shared.platform.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Examination",
        routers=[
            cases_router,
            sla_router,
            assignment_router,
            activities_router,
            closure_router,
            followup_router,
            survey_router,
            privacy_router,
        ],
        consumers=consumers(settings),
        background=[sla_scan(settings), monitoring_scan(settings)],
    )
    return app
