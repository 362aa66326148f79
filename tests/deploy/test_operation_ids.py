"""Every operation of every component is named `<component>_<feature>_<function>`, once:
the web app's typed client is generated from these ids (docs/layout.md)."""

from __future__ import annotations

import importlib
import re
from collections import Counter
from typing import Any

import pytest

from apik_shared.devstack.components import COMPONENTS

from .topology import ROOT


def openapi_of(package: str) -> dict[str, Any]:
    app = importlib.import_module(f"{package}.app").create_app()
    # The gateway fronts its own FastAPI app (`Gateway.api`); services are that app.
    api = getattr(app, "api", app)
    return dict(api.openapi())


def features_of(package: str) -> set[str]:
    name = package.removeprefix("apik_")
    root = ROOT / ("gateway" if name == "gateway" else f"services/{name}") / package
    return {p.parent.name for p in root.glob("*/__init__.py") if p.parent.name != "migrations"}


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_operation_ids_name_component_feature_and_function(component: Any) -> None:
    package = component.package
    document = openapi_of(package)
    ids = [
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert ids, f"{package} documents no operation"
    repeated = [name for name, count in Counter(ids).items() if count > 1]
    assert not repeated, f"{package}: ids used twice: {repeated}"
    service = package.removeprefix("apik_")
    feature = "|".join(sorted(features_of(package), key=len, reverse=True))
    pattern = re.compile(rf"^{service}_({feature})_[a-z0-9_]+$")
    strays = [name for name in ids if not pattern.match(name)]
    assert not strays, f"{package}: ids not <{service}>_<feature>_<function>: {strays}"
