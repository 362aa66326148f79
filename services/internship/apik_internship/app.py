"""The internship service's app (`uvicorn apik_internship.app:create_app --factory`)."""

from __future__ import annotations

from fastapi import FastAPI

from apik_internship.alerting.router import router as alerting
from apik_internship.alumni.router import router as alumni
from apik_internship.applications.router import interview as applications_interview
from apik_internship.applications.router import letter as applications_letter
from apik_internship.applications.router import public as applications_public
from apik_internship.applications.router import review as applications_review
from apik_internship.attendance.router import router as attendance
from apik_internship.certificates.router import router as certificates
from apik_internship.cohorts.router import router as cohorts
from apik_internship.deps import code_key
from apik_internship.evaluations.router import router as evaluations
from apik_internship.formats.router import router as formats
from apik_internship.jobs import jobs
from apik_internship.learning.router import router as learning
from apik_internship.logbook.router import router as logbook
from apik_internship.quotas.router import router as quotas
from apik_internship.red_button.router import router as red_button
from apik_internship.settings import Settings
from apik_internship.works.router import router as works
from apik_shared.platform.app import create_service_app
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.phone import PhoneProvider


def create_app(settings: Settings | None = None, phone: PhoneProvider | None = None) -> FastAPI:
    """`phone`: a WhatsApp/SMS provider other than the `APIK_PHONE_PROVIDER` one."""
    settings = settings or Settings()
    # Nothing consumed yet; its jobs escalate unacknowledged Red Button alerts, send them
    # off-screen, and record logbook reminders.
    app = create_service_app(
        settings=settings,
        title="APIK Internship (MORI)",
        routers=[
            applications_public,
            applications_review,
            applications_interview,
            quotas,
            red_button,
            alerting,
            cohorts,
            attendance,
            logbook,
            works,
            applications_letter,
            certificates,
            formats,
            learning,
            evaluations,
            alumni,
        ],
        background=jobs(settings, phone),
    )
    app.state.cipher = FieldCipher(settings.pii_keys)
    app.state.code_key = code_key(settings.secret_key)
    return app
