"""Merging the services' OpenAPI documents into the gateway's (pure)."""

from __future__ import annotations

from typing import Any

from apik_gateway.operations.rules import merge_documents


def _doc(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


class TestMergeDocuments:
    def test_identical_schemas_are_shared_and_different_ones_prefixed(self) -> None:
        problem = {"type": "object"}
        own = _doc({"/api/v1/auth/me": {}}, {"Problem": problem, "Item": {"type": "string"}})
        service = _doc(
            {"/api/v1/intake/items": {"get": {"schema": {"$ref": "#/components/schemas/Item"}}}},
            {"Problem": problem, "Item": {"type": "integer"}},
        )
        merged = merge_documents(own, {"intake": service}, {})
        schemas = merged["components"]["schemas"]
        assert set(schemas) == {"Problem", "Item", "intake_Item"}
        item_ref = merged["paths"]["/api/v1/intake/items"]["get"]["schema"]["$ref"]
        assert item_ref == "#/components/schemas/intake_Item"
        assert "x-apik-unavailable" not in merged
        assert "/api/v1/auth/me" in merged["paths"]

    def test_a_wrapper_of_a_renamed_schema_is_renamed_too(self) -> None:
        # Both services answer `Page[CasePublic]` with their own CasePublic: the pages
        # read the same until the reference inside is followed.
        page = {"properties": {"items": {"$ref": "#/components/schemas/CasePublic"}}}
        own = _doc({}, {})
        examination = _doc(
            {"/api/v1/examination/cases": {"get": {"$ref": "#/components/schemas/Page"}}},
            {"Page": page, "CasePublic": {"title": "a case"}},
        )
        internship = _doc(
            {"/api/v1/internship/cases": {"get": {"$ref": "#/components/schemas/Page"}}},
            {"Page": page, "CasePublic": {"title": "a Red Button case"}},
        )
        merged = merge_documents(own, {"examination": examination, "internship": internship}, {})
        schemas = merged["components"]["schemas"]
        assert merged["paths"]["/api/v1/internship/cases"]["get"]["$ref"].endswith(
            "/internship_Page"
        )
        assert schemas["internship_Page"]["properties"]["items"]["$ref"].endswith(
            "/internship_CasePublic"
        )
        assert schemas["Page"]["properties"]["items"]["$ref"].endswith("/CasePublic")
        assert schemas["CasePublic"] == {"title": "a case"}
