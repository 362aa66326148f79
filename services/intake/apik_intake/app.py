"""The intake service's app (`uvicorn apik_intake.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_intake.api import router
from apik_intake.api_assignment import router as assignment_router
from apik_intake.api_attachments import router as attachments_router
from apik_intake.api_duplicates import router as duplicates_router
from apik_intake.api_public import router as public_router
from apik_intake.api_records import router as records_router
from apik_intake.api_reference import router as reference_router
from apik_intake.api_reporters import router as reporters_router
from apik_intake.api_steps import router as steps_router
from apik_intake.events import CONSUMERS, outbox
from apik_intake.identity import index_key
from apik_intake.sealing import SealedStore, name_key
from apik_intake.settings import Settings
from apik_intake.storage import LocalDirectoryStore
from apik_intake.tasks import deadline_job
from apik_intake.tracking import tracking_key
from apik_shared.app import create_service_app
from apik_shared.crypto import FieldCipher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Intake (PVL)",
        routers=[
            router,
            steps_router,
            assignment_router,
            reporters_router,
            public_router,
            attachments_router,
            duplicates_router,
            records_router,
            reference_router,
        ],
        outbox=outbox,
        consumers=CONSUMERS,
        background=[deadline_job(settings)],
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    app.state.index_key = index_key(settings.pii_index_key)
    app.state.tracking_key = tracking_key(settings.secret_key)
    # Attachments are personal data too: sealed with the identity's keyring.
    app.state.attachments = SealedStore(
        LocalDirectoryStore(settings.attachments_dir),
        app.state.cipher,
        name_key(settings.pii_index_key),
    )
    return app
