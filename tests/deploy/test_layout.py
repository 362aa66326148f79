"""The workspace's shape: members, the committed lock, one file layout for every service,
and the two commands of the README (`make up`, `make test`) that CI runs too."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from apik_shared.devstack.components import COMPONENTS

from .topology import ROOT, components, workspace_members

# The skeleton of every component (docs/layout.md): service-wide files at the package
# root, and a folder per feature holding only files of these names.
ROOT_FILES = {
    "__init__.py",
    "app.py",
    "settings.py",
    "models.py",
    "deps.py",
    "consumers.py",
    "jobs.py",
    "refusals.py",
}
REQUIRED_ROOT_FILES = ("app.py", "settings.py", "models.py", "deps.py", "migrations/env.py")
FEATURE_FILES = {"__init__", "router", "service", "schemas", "rules", "views"}
SERVICES = sorted(p.parent for p in ROOT.glob("services/*/pyproject.toml"))
LOCK = ROOT / "requirements.lock"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = _NAME.match(requirement.strip())
    assert match, f"not a requirement: {requirement!r}"
    return normalised(match.group(0))


def pyproject(directory: Path) -> dict:
    return tomllib.loads((directory / "pyproject.toml").read_text())


def _file_or_grown(path: Path) -> bool:
    """`models.py`, or `models/` with an `__init__.py` (the file, grown into a package)."""
    return path.is_file() or (path.with_suffix("") / "__init__.py").is_file()


def layout_problems(package: Path) -> list[str]:
    """What breaks the folder rule in one component's package (empty when none)."""
    problems = [
        f"lacks {name}" for name in REQUIRED_ROOT_FILES if not _file_or_grown(package / name)
    ]
    for entry in sorted(package.iterdir()):
        allowed = ROOT_FILES | ROOT_EXCEPTIONS.get(package.name, set())
        if entry.name in {"migrations", "__pycache__"} or entry.name in allowed:
            continue
        if entry.is_dir() and f"{entry.name}.py" in allowed:
            # A root file grown into a package of the same name (`models/`): its modules
            # are the file's parts, named for what they hold.
            if not (entry / "__init__.py").is_file():
                problems.append(f"{entry.name}/: a grown file is a package")
            continue
        if entry.is_file():
            if entry.suffix == ".py":
                problems.append(f"{entry.name}: only service-wide files live at the root")
            continue
        if not (entry / "__init__.py").is_file():
            problems.append(f"{entry.name}/: a feature folder is a package")
            continue
        for part in sorted(entry.iterdir()):
            name = part.stem if part.is_file() else part.name
            if part.name == "__pycache__" or (part.is_file() and part.suffix != ".py"):
                continue
            if name not in FEATURE_FILES:
                problems.append(
                    f"{entry.name}/{part.name}: a feature holds {sorted(FEATURE_FILES)}"
                )
            elif part.is_dir() and not (part / "__init__.py").is_file():
                problems.append(f"{entry.name}/{part.name}/: a grown file is a package")
    return problems


COMPONENT_PACKAGES = [ROOT / "gateway" / "apik_gateway", *(p / f"apik_{p.name}" for p in SERVICES)]
# Documented exceptions to ROOT_FILES (docs/layout.md): the gateway's start-up work that
# spans its features (signing key, bootstrap office, administrator).
ROOT_EXCEPTIONS = {"apik_gateway": {"bootstrap.py"}}


@pytest.mark.parametrize("package", COMPONENT_PACKAGES, ids=lambda p: p.name)
def test_every_service_has_the_same_skeleton(package: Path) -> None:
    assert not layout_problems(package), f"{package.relative_to(ROOT)}: {layout_problems(package)}"
    revisions = list((package / "migrations" / "versions").glob("*.py"))
    assert revisions, f"{package.name} has no Alembic revision"


def test_the_layout_rule_catches_a_prefix_file_and_a_stray_feature_file(tmp_path: Path) -> None:
    package = tmp_path / "apik_demo"
    for name in ("__init__.py", *REQUIRED_ROOT_FILES, "cases/__init__.py", "cases/router.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).touch()
    assert layout_problems(package) == []
    (package / "api_cases.py").touch()
    (package / "cases" / "helpers.py").touch()
    assert layout_problems(package) == [
        "api_cases.py: only service-wide files live at the root",
        f"cases/helpers.py: a feature holds {sorted(FEATURE_FILES)}",
    ]


def test_a_root_file_may_grow_into_a_package_of_its_name(tmp_path: Path) -> None:
    package = tmp_path / "apik_demo"
    for name in ("__init__.py", *REQUIRED_ROOT_FILES):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).touch()
    (package / "models.py").unlink()
    (package / "models").mkdir()
    (package / "models" / "cases.py").touch()
    assert layout_problems(package) == ["lacks models.py", "models/: a grown file is a package"]
    (package / "models" / "__init__.py").touch()
    assert layout_problems(package) == []


_TEST_IMPORT = re.compile(
    r"^\s*(?:from|import)\s+(?:tests(?:\.\w+)*\.)?\.*(?:conftest|test_\w+)\b", re.M
)


def test_no_test_module_imports_another_test_module() -> None:
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if _TEST_IMPORT.search(path.read_text())
    ]
    assert not offenders, f"shared test helpers belong in builders.py: {offenders}"


def test_the_workspace_members_are_shared_gateway_and_every_service() -> None:
    members = {path.relative_to(ROOT).as_posix() for path in workspace_members().values()}
    expected = {"shared", "gateway"} | {f"services/{s.name}" for s in SERVICES}
    assert members == expected


@pytest.mark.parametrize("member", sorted(workspace_members().values()), ids=lambda p: p.name)
def test_every_member_declares_its_own_dependencies(member: Path) -> None:
    project = pyproject(member)["project"]
    assert project["requires-python"] == ">=3.11"
    dependencies = project.get("dependencies")
    assert isinstance(dependencies, list) and dependencies, f"{member.name} declares nothing"
    if member.name != "shared":
        assert "apik-shared" in {requirement_name(d) for d in dependencies}


def locked_versions() -> dict[str, str]:
    """Package name -> pinned version, from requirements.lock."""
    pins = {}
    for line in LOCK.read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name, _, rest = line.partition("==")
            pins[normalised(name.strip())] = rest.split()[0] if rest else ""
    return pins


def test_the_committed_lock_records_no_download_address() -> None:
    text = LOCK.read_text()
    assert "://" not in text, "requirements.lock must not name an index or a download URL"
    options = {line.split()[0] for line in text.splitlines() if line.startswith("-")}
    assert not options, f"requirements.lock must hold only requirements, not {options}"
    entries = re.split(r"\n(?=[^\s#])", text.split("\n", 2)[-1].strip())
    for entry in entries:
        if entry.startswith("#"):
            continue
        assert re.match(r"^[A-Za-z0-9._-]+==\S+", entry), f"not pinned: {entry.splitlines()[0]}"
        assert "--hash=sha256:" in entry, f"no hash: {entry.splitlines()[0]}"


def test_the_lock_covers_every_declared_dependency() -> None:
    """A dependency added to a pyproject without `make lock` would not be installed."""
    pins = locked_versions()
    root = pyproject(ROOT)
    own = {normalised(root["project"]["name"])} | {normalised(n) for n in workspace_members()}
    declared = list(root["project"]["dependencies"])
    declared += [d for group in root.get("dependency-groups", {}).values() for d in group]
    for member in workspace_members().values():
        project = pyproject(member)["project"]
        declared += project.get("dependencies", [])
        declared += [
            d for extra in project.get("optional-dependencies", {}).values() for d in extra
        ]
    missing = sorted({requirement_name(d) for d in declared} - own - set(pins))
    assert not missing, f"not in requirements.lock (run `make lock`): {missing}"


def test_the_uv_lock_and_the_state_folder_stay_out_of_git() -> None:
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()}
    assert "uv.lock" in ignored, "uv.lock records download addresses: it is never committed"
    assert ".apik/" in ignored or ".apik" in ignored, "make up's data folder must be ignored"


def test_make_up_starts_every_component() -> None:
    on_disk = {c.name: c.package for c in components()}
    assert {c.name: c.package for c in COMPONENTS} == on_disk, (
        "apik_shared.devstack.components must list every member `make up` starts"
    )


def test_the_readme_quick_start_is_make_up_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text()
    first_section = re.search(r"^## (.+)$", readme, re.MULTILINE)
    assert first_section and first_section.group(1) == "Quick start"
    block = re.search(r"## Quick start\s+```\w*\n(.*?)```", readme, re.DOTALL)
    assert block, "the Quick start has no command block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert [c for c in commands if c] == ["make up", "make test"]


def test_make_and_ci_run_what_the_readme_promises() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = dict(re.findall(r"^([a-z]+):([^\n]*)", makefile, re.MULTILINE))
    assert {"lint", "typecheck", "pytest"} <= set(targets["test"].split())
    assert "apik_shared.devstack up" in makefile.split("\nup:", 1)[1].split("\n\n", 1)[0]
    assert "--require-hashes requirements.lock" in makefile
    assert "pip install --quiet uv" in makefile, "uv comes through pip when it is missing"
    ci = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()]
    assert "make test" in ci
