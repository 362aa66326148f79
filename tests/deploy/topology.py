"""The deployment files read as data: the components, docker-compose.yml, deploy/Dockerfile.

Only what tests/deploy needs: compose's variable interpolation, its two `ports` and
`environment` syntaxes, the Dockerfile's COPY and ENTRYPOINT, and `.dockerignore` patterns.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"


@dataclass(frozen=True)
class Component:
    """The gateway or one `services/<name>/`: a uv member that runs as one compose service."""

    name: str  # its compose service and its gateway prefix: "intake"
    directory: Path
    distribution: str  # the uv member: "apik-intake"
    package: str  # its import package: "apik_intake"


def _project_name(directory: Path) -> str:
    return str(tomllib.loads((directory / "pyproject.toml").read_text())["project"]["name"])


def components() -> list[Component]:
    """Found on disk, so a new `services/<name>/` is checked without editing the tests."""
    directories = [
        ROOT / "gateway",
        *sorted(p.parent for p in ROOT.glob("services/*/pyproject.toml")),
    ]
    return [
        Component(d.name, d, _project_name(d), _project_name(d).replace("-", "_"))
        for d in directories
    ]


def workspace_members() -> dict[str, Path]:
    """uv member name -> its directory, from the root `[tool.uv.workspace]`."""
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {
        _project_name(toml.parent): toml.parent
        for pattern in root["tool"]["uv"]["workspace"]["members"]
        for toml in ROOT.glob(f"{pattern}/pyproject.toml")
    }


def load_compose() -> dict[str, Any]:
    compose: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return compose


def example_variables() -> dict[str, str]:
    """deploy/env.example as compose reads it from `.env`; a blank value gets a stand-in."""
    variables = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            variables[key.strip()] = value.strip() or f"stand-in-{key.strip().lower()}"
    return variables


_REFERENCE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_]\w*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}"
    r"|(?P<named>[A-Za-z_]\w*))"
)


def referenced_variables(text: str) -> set[str]:
    return {m["braced"] or m["named"] for m in _REFERENCE.finditer(text) if not m["escaped"]}


def interpolate(text: str, variables: Mapping[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `${VAR:+alt}`, `$VAR`, `$$`."""

    def replace(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name, op, arg = match["braced"] or match["named"], match["op"] or "", match["arg"] or ""
        value = variables.get(name)
        is_set = value is not None and (value != "" or not op.startswith(":"))
        if op.endswith("+"):
            return arg if is_set else ""
        if is_set:
            return str(value)
        if op.endswith("?"):
            raise LookupError(f"compose requires ${name} ({arg}); deploy/env.example lacks it")
        return arg if op.endswith("-") else ""

    return _REFERENCE.sub(replace, text)


def raw_environment(service: Mapping[str, Any]) -> dict[str, str]:
    """A service's `environment:` (mapping or `KEY=value` list), before interpolation."""
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {key: "" if value is None else str(value) for key, value in environment.items()}


def environment(service: Mapping[str, Any], variables: Mapping[str, str]) -> dict[str, str]:
    return {key: interpolate(value, variables) for key, value in raw_environment(service).items()}


def published_ports(
    service: Mapping[str, Any], variables: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(host ip, host port, protocol) of each fixed host port, short or long syntax."""
    published = []
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            host_ip, protocol = entry.get("host_ip", ""), entry.get("protocol", "tcp")
            port = interpolate(str(entry.get("published", "")), variables)
        else:
            mapping, _, protocol = interpolate(str(entry), variables).partition("/")
            parts = mapping.rsplit(":", 2)  # [ip:]host:container; a container port alone
            if len(parts) == 1:  # gets a random host port, which cannot collide
                continue
            host_ip, port = (parts[0], parts[1]) if len(parts) == 3 else ("", parts[0])
        if port:
            published.append((host_ip or "0.0.0.0", port, protocol or "tcp"))
    return published


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction, continuation lines joined, comments dropped."""
    instructions, pending = [], ""
    for line in path.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1]
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def copies_from_context(instructions: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """(sources, destination) of each COPY/ADD that reads the build context."""
    copies = []
    for keyword, arguments in instructions:
        if keyword not in {"COPY", "ADD"} or "--from=" in arguments:
            continue
        if arguments.lstrip().startswith("["):
            *sources, destination = json.loads(arguments)
        else:
            *sources, destination = [a for a in arguments.split() if not a.startswith("--")]
        copies.append((sources, destination))
    return copies


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    wildcards = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(p, re.escape(p)) for p in parts))


def dockerignored(path: str, dockerignore: Path = ROOT / ".dockerignore") -> bool:
    """Whether `.dockerignore` keeps `path` (or a folder above it) out of the build context."""
    lines = dockerignore.read_text().splitlines() if dockerignore.exists() else []
    patterns = [p.strip() for p in lines if p.strip() and not p.lstrip().startswith("#")]
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
    ignored = False
    for pattern in patterns:  # the last matching pattern wins, as in Docker
        regex = _pattern_regex(pattern.lstrip("!"))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            ignored = not pattern.startswith("!")
    return ignored
