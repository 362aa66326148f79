"""The architecture's import contracts (pyproject's [tool.importlinter]), checked by
`make test` with import-linter: kept by the tree, and broken by a copy of one service
with one violation of each rule, so that a contract that cannot fail is noticed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .topology import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(*, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    if pythonpath is not None:
        # Ahead of the editable installs: the copy shadows the real package.
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tree_keeps_every_contract() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_each_contract_fails_on_a_violation(tmp_path: Path) -> None:
    package = tmp_path / "apik_consultation"
    shutil.copytree(
        ROOT / "services/consultation/apik_consultation",
        package,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    feature = package / "violations"
    feature.mkdir()
    (feature / "__init__.py").write_text("")
    (feature / "service.py").write_text("import apik_intake.app\n")
    (feature / "rules.py").write_text("import sqlalchemy\n")
    (feature / "router.py").write_text("from apik_consultation import models\n")
    result = lint_imports(pythonpath=tmp_path)
    assert result.returncode != 0
    broken = {
        line.removesuffix(" BROKEN").strip()
        for line in result.stdout.splitlines()
        if line.endswith("BROKEN")
    }
    assert broken == {
        "Components never import each other (they talk through events and the gateway)",
        "Domain rules do no I/O (no web framework, database, broker or HTTP client)",
        "Routers do not import the tables (rows reach them through deps and services)",
    }, result.stdout
    assert "apik_consultation.violations.rules is not allowed to import sqlalchemy" in (
        result.stdout
    )
