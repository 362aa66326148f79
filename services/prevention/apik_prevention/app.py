"""The prevention service's app (`uvicorn apik_prevention.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_prevention.agreements.router import router as agreements
from apik_prevention.articles.router import router as articles
from apik_prevention.assessments.router import router as assessments
from apik_prevention.clinics.router import router as clinics
from apik_prevention.community.router import router as community
from apik_prevention.consumers import consumers
from apik_prevention.fieldwork.router import router as fieldwork
from apik_prevention.focal_points.router import router as focal_points
from apik_prevention.follow_up.router import router as follow_up
from apik_prevention.innovations.router import router as innovations
from apik_prevention.jobs import jobs
from apik_prevention.publication.router import router as publication
from apik_prevention.rapor.router import router as rapor
from apik_prevention.reports.router import router as reports
from apik_prevention.schemes.router import router as schemes
from apik_prevention.schemes.service import load_shipped
from apik_prevention.settings import Settings
from apik_prevention.social_media.router import router as social_media
from apik_prevention.studies.router import router as studies
from apik_prevention.subject_requests.router import router as subject_requests
from apik_prevention.villages.router import router as villages
from apik_shared.platform.app import create_service_app
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import Database


async def _load_schemes(app: FastAPI) -> None:
    """The shipped schemes, added once (every replica may run this at once)."""
    database: Database = app.state.database
    async with database.sessions() as session, session.begin():
        await load_shipped(session)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Prevention (Cegah)",
        routers=[
            schemes,
            assessments,
            fieldwork,
            follow_up,
            publication,
            rapor,
            agreements,
            clinics,
            focal_points,
            studies,
            articles,
            social_media,
            innovations,
            villages,
            community,
            subject_requests,
            reports,
        ],
        consumers=consumers(settings),
        on_startup=[_load_schemes],
        background=jobs(settings),
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    return app
