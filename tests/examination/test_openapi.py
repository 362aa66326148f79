"""Examination's OpenAPI document: every operation id generated, unique, and named
`examination_<feature>_<function>` (the web app's typed client is generated from them)."""

from __future__ import annotations

import re

from apik_examination.app import create_app

FEATURES = (
    "cases",
    "sla",
    "assignment",
    "activities",
    "closure",
    "followup",
    "survey",
    "privacy",
)


def test_operation_ids_are_unique_and_name_their_feature() -> None:
    document = create_app().openapi()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    pattern = re.compile(rf"^examination_({'|'.join(FEATURES)})_[a-z][a-z_]*$")
    assert [i for i in ids if not pattern.match(i)] == []
    assert "examination_cases_list_cases" in ids
    assert "examination_activities_record_activity" in ids
