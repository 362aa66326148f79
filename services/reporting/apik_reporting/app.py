"""The reporting service's app (`uvicorn apik_reporting.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_reporting.annual_report.router import router as annual_report_router
from apik_reporting.breakdowns.router import router as breakdowns_router
from apik_reporting.consumers import consumers
from apik_reporting.internship.router import router as internship_router
from apik_reporting.jobs import fold_job
from apik_reporting.kpis.router import router as kpis_router
from apik_reporting.prevention.router import router as prevention_router
from apik_reporting.settings import Settings
from apik_reporting.staff.router import router as staff_router
from apik_shared.platform.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings=settings,
        title="APIK Reporting",
        routers=[
            kpis_router,
            breakdowns_router,
            staff_router,
            annual_report_router,
            internship_router,
            prevention_router,
        ],
        consumers=consumers(settings),
        background=[fold_job(settings)],
    )
