"""One OpenAPI document for the whole platform, merged from the services' documents.

Each service serves its document at `/api/v1/<service>/openapi.json` with paths already
carrying their prefix, so merging is a union of `paths`; schema names that two
components use for different shapes get the service's name as a prefix. Pure: the
documents are fetched by `service.fetch_service_documents`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from apik_shared.platform.openapi import PROBLEM_TYPES, problems_everywhere
from apik_shared.platform.problem_types import merge_catalogues

OAUTH2_SCHEME: dict[str, Any] = {
    "type": "oauth2",
    "flows": {
        "password": {"tokenUrl": "/api/v1/auth/token", "scopes": {}},
        "clientCredentials": {"tokenUrl": "/api/v1/auth/token", "scopes": {}},
    },
}
_REF_PREFIX = "#/components/schemas/"


def _rename_refs(node: Any, renamed: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_REF_PREFIX):
                name = value[len(_REF_PREFIX) :]
                out[key] = _REF_PREFIX + renamed.get(name, name)
            else:
                out[key] = _rename_refs(value, renamed)
        return out
    if isinstance(node, list):
        return [_rename_refs(item, renamed) for item in node]
    return node


def _colliding(service: str, theirs: Mapping[str, Any], ours: Mapping[str, Any]) -> dict[str, str]:
    """The service's schemas to rename `<service>_<name>`: those whose name is taken by a
    different shape. Same name and shape (the problem schema...) is shared. A schema that
    refers to a renamed one differs once its reference is followed (`Page_CasePublic_`
    wraps examination's `CasePublic` in one service and the internship's in another), so
    renaming repeats until nothing more collides."""
    renamed: dict[str, str] = {}
    while True:
        more = {
            name: f"{service}_{name}"
            for name, schema in theirs.items()
            if name not in renamed and name in ours and ours[name] != _rename_refs(schema, renamed)
        }
        if not more:
            return renamed
        renamed |= more


def merge_documents(
    own: dict[str, Any], services: Mapping[str, dict[str, Any]], unavailable: Mapping[str, str]
) -> dict[str, Any]:
    merged = copy.deepcopy(own)
    paths: dict[str, Any] = merged.setdefault("paths", {})
    components: dict[str, Any] = merged.setdefault("components", {})
    schemas: dict[str, Any] = components.setdefault("schemas", {})
    tags: list[dict[str, Any]] = merged.setdefault("tags", [])
    for service, document in sorted(services.items()):
        theirs: dict[str, Any] = document.get("components", {}).get("schemas", {})
        renamed = _colliding(service, theirs, schemas)
        document = _rename_refs(document, renamed)
        for name, schema in document.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(renamed.get(name, name), schema)
        for path, item in document.get("paths", {}).items():
            paths.setdefault(path, item)  # a service cannot shadow the gateway's own paths
        known_tags = {t.get("name") for t in tags}
        tags.extend(t for t in document.get("tags", []) if t.get("name") not in known_tags)
    merged[PROBLEM_TYPES] = merge_catalogues(
        [own.get(PROBLEM_TYPES, {}), *(d.get(PROBLEM_TYPES, {}) for d in services.values())]
    )
    components.setdefault("securitySchemes", {})["oauth2"] = OAUTH2_SCHEME
    merged.setdefault("security", [{"oauth2": []}])
    if unavailable:
        merged["x-apik-unavailable"] = [
            {"service": name, "reason": reason} for name, reason in sorted(unavailable.items())
        ]
    if not tags:
        del merged["tags"]
    # What a service's older release still declares as plain JSON is a problem all the same.
    return problems_everywhere(merged)
