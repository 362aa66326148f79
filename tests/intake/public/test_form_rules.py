"""The public form's limits, stated by the API for the page to say in words."""

from __future__ import annotations

from apik_testing.services import RunningService


async def test_the_form_states_the_office_s_limits(intake: RunningService):
    response = await intake.client.get("/api/v1/intake/public/form")
    assert response.status_code == 200
    settings = intake.app.state.settings
    assert response.json() == {
        "max_files": settings.public_form_max_files,
        "max_file_bytes": settings.attachment_max_bytes,
        "file_types": settings.attachment_types,
        "draft_days": settings.public_draft_days,
    }
