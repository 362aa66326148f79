"""The web app words what the API can answer by its codes: each list it keeps is the
API's own, so a code added to the API fails here until the web app catalogues it
(frontend/src/i18n/api.test.ts and pages/kpi/cells.test.ts then check both languages)."""

from __future__ import annotations

import importlib
import json
from typing import Any

from apik_reporting.kpis.rules import INDICATORS
from apik_shared.devstack.components import COMPONENTS
from apik_shared.platform.openapi import PROBLEM_TYPES
from apik_shared.platform.problem_types import problem_classes

from .topology import ROOT

I18N = ROOT / "frontend" / "src" / "i18n"


def _document(package: str) -> dict[str, Any]:
    app = importlib.import_module(f"{package}.app").create_app()
    return dict(getattr(app, "api", app).openapi())


def test_the_web_app_knows_every_problem_type_any_component_answers() -> None:
    answered = {slug for c in COMPONENTS for slug in _document(c.package).get(PROBLEM_TYPES, {})}
    kept = json.loads((I18N / "problemTypes.json").read_text())
    assert kept == sorted(answered)


def test_the_web_app_knows_every_specific_reason_a_problem_names() -> None:
    # The components' problem classes are loaded with their apps; each lists the codes
    # it may name in its `code` member (i18n/problems.ts words them, problems.test.ts
    # checks both languages).
    for c in COMPONENTS:
        _document(c.package)
    named = {f"{cls.slug}.{code}" for cls in problem_classes() for code in cls.reasons}
    kept = json.loads((I18N / "problemReasons.json").read_text())
    assert "agreement-not-activatable.no_document" in named
    assert kept == sorted(named)


def test_the_web_app_knows_every_kpi_indicator_reporting_returns() -> None:
    kept = json.loads((I18N / "kpiIndicators.json").read_text())
    assert kept == [indicator.code for indicator in INDICATORS]
