"""The internship service's operation ids: generated from where each endpoint lives,
unique, stable (the web app's typed client calls them by name)."""

from __future__ import annotations

import re

from apik_testing.services import RunningService

FEATURES = (
    "alerting|alumni|applications|attendance|certificates|cohorts|evaluations|formats|learning"
    "|logbook|quotas"
    "|red_button|works"
)
OPERATION = re.compile(rf"^internship_({FEATURES})_[a-z_]+$")


async def test_operation_ids_name_service_feature_and_function(internship: RunningService):
    document = (await internship.client.get("/api/v1/internship/openapi.json")).json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == 105
    assert [i for i in ids if not OPERATION.match(i)] == []
    assert {
        "internship_applications_file_application",
        "internship_applications_application_status",
        "internship_applications_write_interview",
        "internship_applications_read_interview",
        "internship_red_button_raise_red_button",
        "internship_red_button_list_cases",
        "internship_red_button_send_intern_message",
        "internship_red_button_read_intern_thread",
        "internship_red_button_read_messages",
        "internship_red_button_send_officer_message",
        "internship_red_button_register_officer",
        "internship_red_button_replace_roster",
        "internship_red_button_read_roster",
        "internship_red_button_open_alerts",
        "internship_alerting_put_contact",
        "internship_alerting_list_contacts",
        "internship_alerting_remove_contact",
        "internship_formats_list_formats",
        "internship_formats_put_format",
        "internship_formats_print_in_format",
        "internship_applications_print_acceptance_letter",
        "internship_applications_check_acceptance_letter",
        "internship_certificates_complete_internship",
        "internship_certificates_check_certificate",
    } <= set(ids)
    # The public form documents its two parts.
    form = document["paths"]["/api/v1/internship/public/applications"]["post"]["requestBody"]
    parts = form["content"]["multipart/form-data"]["schema"]["properties"]
    assert set(parts) == {"application", "letter"}
    assert "applicant" in parts["application"]["properties"]
