"""The web app's typed client (`frontend/src/api/schema.d.ts`) is generated from the
gateway's merged OpenAPI document: an API change without `make client` fails here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FRONTEND = Path(__file__).parents[3] / "frontend"


def test_the_checked_in_client_types_are_current() -> None:
    if shutil.which("node") is None:
        pytest.skip("Node.js 20+ is not installed (the web app's only extra requirement)")
    if not (FRONTEND / "node_modules" / "openapi-typescript").is_dir():
        pytest.skip("frontend/node_modules is missing: `make webtest` (or `npm ci` in frontend/)")
    check = subprocess.run(
        ["node", "scripts/client.mjs", "--check"],
        cwd=FRONTEND,
        env={"PATH": os.environ.get("PATH", ""), "APIK_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
