"""deploy/Dockerfile's stages, read as data: what each builds FROM, its instructions,
and where the gateway's image takes the web app from (tests/deploy)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from .topology import ROOT, dockerfile_instructions, load_compose

DOCKERFILE = ROOT / "deploy" / "Dockerfile"
SERVICES = load_compose()["services"]


@dataclass
class Stage:
    name: str
    image: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [arguments for k, arguments in self.instructions if k == keyword]

    def env(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for arguments in self.all("ENV"):
            for pair in shlex.split(arguments):
                key, _, value = pair.partition("=")
                found[key] = value
        return found

    def copies_from(self) -> list[tuple[str, str, str]]:
        """(stage, source, destination) of each COPY --from=<stage>."""
        found = []
        for arguments in self.all("COPY"):
            words = arguments.split()
            origin = [w.removeprefix("--from=") for w in words if w.startswith("--from=")]
            paths = [w for w in words if not w.startswith("--")]
            if origin and len(paths) == 2:
                found.append((origin[0], paths[0], paths[1]))
        return found


def stages() -> dict[str, Stage]:
    parsed: dict[str, Stage] = {}
    current = None
    for keyword, arguments in dockerfile_instructions(DOCKERFILE):
        if keyword == "FROM":
            image, _, name = re.sub(r"--\S+\s+", "", arguments).partition(" AS ")
            current = Stage(name.strip() or str(len(parsed)), image.strip())
            parsed[current.name] = current
        elif current is not None:
            current.instructions.append((keyword, arguments))
    return parsed


STAGES = stages()


def lineage(name: str) -> list[Stage]:
    """The stage and those it is built FROM, nearest first."""
    chain = [STAGES[name]]
    while chain[-1].image in STAGES:
        chain.append(STAGES[chain[-1].image])
    return chain


def target(service: str) -> str:
    build = SERVICES[service]["build"]
    # No target builds the last stage, as `docker build` does.
    return build.get("target") or list(STAGES)[-1]


def web_copy(name: str) -> tuple[Stage, str, str] | None:
    """The Node stage the image's web app comes from, its source and destination."""
    for stage in lineage(name):
        for origin, source, destination in stage.copies_from():
            if origin in STAGES and STAGES[origin].image.startswith("node:"):
                return STAGES[origin], source, destination
    return None
