"""The gateway's image carries the web app: deploy/Dockerfile and compose, read as text.

Docker is not needed: the Dockerfile's stages are parsed, and the wiring checked end to
end, from `npm ci` on the committed lock to the directory the gateway's `Settings` serve.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from apik_gateway.settings import Settings

from .stages import SERVICES, STAGES, lineage, target, web_copy
from .topology import ROOT, dockerignored, environment, example_variables


def test_the_gateway_image_copies_the_web_build() -> None:
    gateway = target("gateway")
    assert gateway in STAGES, f"compose's gateway target {gateway!r} is no stage"
    found = web_copy(target("gateway"))
    assert found, "the gateway's image copies nothing from a node stage"
    node, source, _ = found
    node_20 = re.fullmatch(r"node:(2\d|[3-9]\d)(\D.*)?", node.image)
    assert node_20, f"Node 20 or later, not {node.image}"
    workdir = node.all("WORKDIR")[-1]
    vite = (ROOT / "frontend" / "vite.config.ts").read_text()
    out_dir = re.search(r'outDir:\s*"([^"]+)"', vite)
    assert out_dir, "vite.config.ts names its outDir"
    assert source.rstrip("/") == f"{workdir.rstrip('/')}/{out_dir.group(1)}", (
        f"the image copies {source}, but vite builds into {workdir}/{out_dir.group(1)}"
    )


def test_the_node_stage_installs_from_the_lock_then_builds() -> None:
    found = web_copy(target("gateway"))
    assert found
    node = found[0]
    runs = node.all("RUN")
    installs = [n for n, run in enumerate(runs) if re.search(r"\bnpm ci\b", run)]
    builds = [n for n, run in enumerate(runs) if re.search(r"\bnpm run build\b", run)]
    assert installs and builds and installs[0] < builds[0], runs
    assert not any(re.search(r"\bnpm (install|i)\b", run) for run in runs), "npm ci, never install"
    copied = " ".join(node.all("COPY"))
    for needed in ("frontend/package-lock.json", "frontend/.npmrc"):
        assert needed in copied, f"the node stage does not copy {needed}"
        assert (ROOT / needed).is_file()
        assert not dockerignored(needed), f".dockerignore keeps out {needed}"
    assert '"build": "tsc -b && vite build"' in (ROOT / "frontend" / "package.json").read_text()


def test_the_web_lock_records_no_address() -> None:
    """Names, versions and hashes only: `.npmrc` drops `resolved`, and the funding links
    npm writes for some packages are taken out by hand, so every machine installs from
    the registry it is configured for and the lock names no host."""
    text = (ROOT / "frontend" / "package-lock.json").read_text()
    assert "://" not in text, "frontend/package-lock.json names an address (resolved, funding)"
    assert '"resolved"' not in text
    assert "omit-lockfile-registry-resolved=true" in (ROOT / "frontend" / ".npmrc").read_text()


def test_the_gateway_serves_the_copied_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the gateway's Settings make of the image's and compose's environment."""
    found = web_copy(target("gateway"))
    assert found
    _, _, destination = found
    given = {k: v for stage in reversed(lineage(target("gateway"))) for k, v in stage.env().items()}
    given |= environment(SERVICES["gateway"], example_variables())  # compose's wins
    for key in list(os.environ):
        if key.upper().startswith("APIK_"):
            monkeypatch.delenv(key)
    for key, value in given.items():
        monkeypatch.setenv(key, value)
    settings = Settings(_env_file=None, _secrets_dir=None)
    assert settings.web_dir == Path(destination), (
        f"the gateway serves {settings.web_dir}, the image has the web app at {destination}"
    )


BUILT = [s for s in SERVICES if s != "gateway" and "build" in SERVICES[s]]


@pytest.mark.parametrize("service", BUILT)
def test_services_images_have_no_web_app(service: str) -> None:
    assert target(service) in STAGES
    assert web_copy(target(service)) is None, f"{service}'s image carries the web app too"


def test_the_build_context_leaves_local_builds_out() -> None:
    local = (
        "frontend/node_modules",
        "frontend/node_modules/react/index.js",
        "frontend/dist/index.html",
    )
    for path in local:
        assert dockerignored(path), f".dockerignore lets {path} into the build context"
    sources = (
        "frontend/src/main.tsx",
        "frontend/index.html",
        "frontend/package.json",
        "frontend/vite.config.ts",
    )
    for path in sources:
        assert not dockerignored(path), f".dockerignore keeps {path} out of the web build"
