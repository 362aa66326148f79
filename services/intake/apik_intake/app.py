"""The intake service's app (`uvicorn apik_intake.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_intake.assignment.router import router as assignment_router
from apik_intake.attachments.router import router as attachments_router
from apik_intake.attachments.service import LocalDirectoryStore, SealedStore, name_key
from apik_intake.consumers import consumers
from apik_intake.drafts.router import router as drafts_router
from apik_intake.duplicates.router import router as duplicates_router
from apik_intake.jobs import jobs
from apik_intake.notifications.router import router as notifications_router
from apik_intake.notifications.service import WhatsAppProvider
from apik_intake.open311.router import router as open311_router
from apik_intake.privacy.router import router as privacy_router
from apik_intake.public.router import router as public_router
from apik_intake.public.rules import tracking_key
from apik_intake.records.router import router as records_router
from apik_intake.reference.router import router as reference_router
from apik_intake.regions.router import router as regions_router
from apik_intake.reporters.router import router as reporters_router
from apik_intake.reporters.rules import index_key
from apik_intake.reports.router import router as reports_router
from apik_intake.routing.router import router as routing_router
from apik_intake.settings import Settings
from apik_intake.steps.router import router as steps_router
from apik_shared.platform.app import create_service_app
from apik_shared.platform.crypto import FieldCipher


def create_app(
    settings: Settings | None = None, whatsapp: WhatsAppProvider | None = None
) -> FastAPI:
    """`whatsapp`: the deployment's WhatsApp provider; without one, WhatsApp notifications
    are recorded as skipped."""
    settings = settings or Settings()
    app = create_service_app(
        settings=settings,
        title="APIK Intake (PVL)",
        routers=[
            reports_router,
            steps_router,
            assignment_router,
            routing_router,
            reporters_router,
            public_router,
            drafts_router,
            attachments_router,
            duplicates_router,
            records_router,
            reference_router,
            regions_router,
            privacy_router,
            notifications_router,
            # Last: its catch-all answers any other path under its prefix.
            open311_router,
        ],
        consumers=consumers(settings),
        background=jobs(settings, whatsapp),
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
