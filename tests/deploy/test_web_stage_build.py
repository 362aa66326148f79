"""The gateway image's web stage, built for real without Docker (`--slow`: about two
minutes, most of it `npm run build`).

`test_web_image.py` reads deploy/Dockerfile as text. This replays its Node stage on this
machine's Node, as BuildKit would run it: the build context is the checkout's tracked
files less `.dockerignore`, each COPY of the stage copies from that context into a
scratch directory standing for the stage's WORKDIR, and each RUN runs there, in order.
It catches what text cannot: a file the build needs that the stage does not copy (or
that `.dockerignore` keeps out), a step that only works inside a developer's checkout
(a local node_modules, a stale build, a file outside frontend/).

Not replayed: the base image itself (Debian's Node 20 there, whatever Node is here) and
BuildKit's cache mounts (here npm uses the user's cache).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .stages import Stage, target, web_copy
from .topology import ROOT, copies_from_context, dockerignored

pytestmark = pytest.mark.slow


def build_context() -> list[str]:
    """What `docker build .` sends from a clean clone: tracked files, less .dockerignore."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode()
    return [path for path in listed.split("\0") if path and not dockerignored(path)]


def copy_into(context: list[str], source: str, destination: Path) -> None:
    """COPY <source> <destination>: a file into the directory, a directory's contents."""
    source = source.rstrip("/")
    files = [p for p in context if p == source or p.startswith(source + "/")]
    assert files, f"COPY {source}: nothing in the build context"
    for path in files:
        relative = Path(path).name if path == source else Path(path).relative_to(source)
        target_path = destination / relative
        target_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, target_path)


def run_stage(stage: Stage, scratch: Path) -> Path:
    """Runs the stage's COPY and RUN instructions with its WORKDIR at `scratch`; returns
    that directory."""
    workdir = stage.all("WORKDIR")[-1].rstrip("/")
    at_workdir = re.compile(rf"(?<![\w.]){re.escape(workdir)}(?=/|\s|$)")
    context = build_context()
    for keyword, arguments in stage.instructions:
        if keyword in {"COPY", "ADD"} and "--from=" not in arguments:
            [(sources, destination)] = copies_from_context([(keyword, arguments)])
            for source in sources:
                copy_into(context, source, Path(at_workdir.sub(str(scratch), destination)))
        elif keyword == "RUN":
            command = re.sub(r"^(--\S+\s+)+", "", arguments)  # BuildKit's --mount flags
            command = at_workdir.sub(str(scratch), command)
            done = subprocess.run(
                ["sh", "-c", command], cwd=scratch, capture_output=True, text=True, timeout=900
            )
            assert done.returncode == 0, (
                f"RUN {arguments}\nfailed ({done.returncode}):\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
    return scratch


def test_the_web_stage_builds_from_the_build_context(tmp_path: Path) -> None:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the web stage cannot be replayed")
    found = web_copy(target("gateway"))
    assert found, "the gateway's image copies nothing from a node stage"
    stage, source, _ = found
    workdir = stage.all("WORKDIR")[-1].rstrip("/")
    scratch = run_stage(stage, tmp_path / "web")
    built = scratch / Path(source).relative_to(workdir)
    index = (built / "index.html").read_text()
    # Every script and stylesheet the page names is in what the gateway's image copies.
    named = re.findall(r'(?:src|href)="/(assets/[^"]+)"', index)
    assert any(n.endswith(".js") for n in named), index
    for asset in named:
        assert (built / asset).is_file(), f"index.html names {asset}, not in the build"
