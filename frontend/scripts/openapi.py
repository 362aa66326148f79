"""Print the gateway's merged OpenAPI document without starting anything.

The typed client (`src/api/schema.d.ts`) is generated from this: the same merge the
gateway does at `/api/openapi.json` (`operations.rules.merge_documents`), over the
documents each app builds in memory, so `make client` needs no database, broker or port.
Run with the project's virtualenv: `.venv/bin/python frontend/scripts/openapi.py`.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import Any

from apik_gateway.operations.rules import merge_documents
from apik_shared.devstack.components import GATEWAY, SERVICES


def _document(package: str) -> dict[str, Any]:
    app = importlib.import_module(f"{package}.app").create_app()
    # The gateway's Gateway wrapper holds the FastAPI app as `.api`.
    api = getattr(app, "api", app)
    document: dict[str, Any] = api.openapi()
    return document


def main() -> None:
    os.environ.setdefault("APIK_ENV", "development")
    own = _document(GATEWAY.package)
    services = {s.name: _document(s.package) for s in SERVICES}
    merged = merge_documents(own, services, {})
    json.dump(merged, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
