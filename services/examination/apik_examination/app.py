"""The examination service's app (`uvicorn apik_examination.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_examination.api import router
from apik_examination.events import HANDOFF, outbox
from apik_examination.settings import Settings
from apik_shared.app import create_service_app


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or Settings(),
        title="APIK Examination",
        routers=[router],
        outbox=outbox,
        consumers=[HANDOFF],
    )
