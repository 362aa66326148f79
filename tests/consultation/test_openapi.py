"""The desk's operation ids: generated from where each endpoint lives, unique, stable."""

from __future__ import annotations

import re

from apik_testing.services import RunningService

OPERATION = re.compile(
    r"^consultation_(visits|live|objections|analysis|forms|risks|visitors|privacy)_[a-z_]+$"
)


async def test_operation_ids_name_service_feature_and_function(desk: RunningService):
    document = (await desk.client.get("/api/v1/consultation/openapi.json")).json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == 27
    assert [i for i in ids if not OPERATION.match(i)] == []
    # The web app's client calls these by name: renaming one is a breaking change.
    assert {
        "consultation_visits_check_in",
        "consultation_risks_update_risk",
        "consultation_visitors_list_visitor_reads",
        "consultation_privacy_subject_access",
    } <= set(ids)
