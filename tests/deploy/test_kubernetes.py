"""deploy/kubernetes/ checked offline: every manifest against the Kubernetes API's own
schemas (kubernetes-validate, strict: an unknown field fails), and the topology against
the code, as tests/deploy/test_compose.py does for compose.

CloudNativePG's `Cluster`, `Database` and `ScheduledBackup` are custom resources whose
schemas live in the operator's CRDs, not in Kubernetes, so kubernetes-validate has none.
Their fields that matter to APIK (three instances, a role and a database per component,
backups) are checked here; and where the operator's CRD files are at hand
(`APIK_CNPG_CRDS`: a folder of its `postgresql.cnpg.io_*.yaml`, as its release ships
them), the resources are validated against their schemas too, as strictly. Without it
that test is skipped, saying so: the CRDs are not copied into this repository.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from pydantic import ValidationError

from apik_shared.devstack.nats_access import permissions

from .topology import ROOT, Component, components

KUBERNETES = ROOT / "deploy/kubernetes"
# The oldest minor version still maintained upstream when this was written, and the newest
# the bundled schemas know: a manifest valid in both is valid on the clusters between.
VERSIONS = ["1.31.0", kubernetes_validate.latest_version()]
NOT_MANIFESTS = {"nats/values.yaml", "kustomization.yaml"}  # Helm values; Kustomize's own
CUSTOM = "postgresql.cnpg.io/"
# A folder of CloudNativePG's CRD files (config/crd/bases/postgresql.cnpg.io_*.yaml).
CNPG_CRDS = os.environ.get("APIK_CNPG_CRDS", "")
COMPONENTS = components()


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def manifest_files() -> list[Path]:
    return sorted(
        p for p in KUBERNETES.rglob("*.yaml") if str(p.relative_to(KUBERNETES)) not in NOT_MANIFESTS
    )


def resources() -> list[dict[str, Any]]:
    """Every resource `kubectl apply -k deploy/kubernetes` makes."""
    kustomization = documents(KUBERNETES / "kustomization.yaml")[0]
    return [doc for name in kustomization["resources"] for doc in documents(KUBERNETES / name)]


def find(kind: str, name: str) -> dict[str, Any]:
    matches = [r for r in resources() if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected one {kind} {name!r}, found {len(matches)}"
    return matches[0]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", manifest_files(), ids=lambda p: str(p.relative_to(KUBERNETES)))
def test_manifests_match_the_kubernetes_schemas(path: Path, version: str) -> None:
    validated = 0
    for doc in documents(path):
        if doc["apiVersion"].startswith(CUSTOM):
            continue  # no schema in kubernetes-validate: test_custom_resources_*
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(
                f"{path.name}: {doc['kind']} {doc['metadata'].get('name')}: "
                f"{exc.message} at {'/'.join(map(str, exc.path))}"
            )
        validated += 1
    assert validated or all(d["apiVersion"].startswith(CUSTOM) for d in documents(path))


def strict(schema: Any) -> Any:
    """`schema` with unknown fields refused wherever it lists an object's fields and does
    not say to keep unknown ones."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: strict(value) for key, value in schema.items()}
    if (
        schema.get("type") == "object"
        and "properties" in schema
        and "additionalProperties" not in schema
        and not schema.get("x-kubernetes-preserve-unknown-fields")
    ):
        schema["additionalProperties"] = False
    return schema


def crd_schema(kind: str) -> dict[str, Any]:
    """The v1 schema of CloudNativePG's CRD for `kind`, from `APIK_CNPG_CRDS`."""
    for path in Path(CNPG_CRDS).glob("postgresql.cnpg.io_*.yaml"):
        for crd in documents(path):
            if (
                crd.get("kind") == "CustomResourceDefinition"
                and crd["spec"]["names"]["kind"] == kind
            ):
                [version] = [v for v in crd["spec"]["versions"] if v["name"] == "v1"]
                return dict(version["schema"]["openAPIV3Schema"])
    raise LookupError(f"no CRD for {kind} in {CNPG_CRDS}")


needs_crds = pytest.mark.skipif(
    not CNPG_CRDS,
    reason="CloudNativePG's CRDs are not in this repository: set APIK_CNPG_CRDS to a folder "
    "of its postgresql.cnpg.io_*.yaml to validate Cluster, Database and ScheduledBackup",
)


def custom_resource_errors(doc: dict[str, Any]) -> list[str]:
    schema = crd_schema(doc["kind"])
    validator = jsonschema.Draft7Validator(strict(schema))
    return [f"{e.message} at {'/'.join(map(str, e.path))}" for e in validator.iter_errors(doc)]


@needs_crds
def test_custom_resources_match_cloudnativepgs_schemas() -> None:
    custom = [r for r in resources() if r["apiVersion"].startswith(CUSTOM)]
    assert {r["kind"] for r in custom} == {"Cluster", "Database", "ScheduledBackup"}
    for doc in custom:
        assert doc["apiVersion"] == "postgresql.cnpg.io/v1"
        errors = custom_resource_errors(doc)
        assert not errors, f"{doc['kind']} {doc['metadata']['name']}: {errors}"


@needs_crds
def test_the_custom_resources_validation_refuses_an_unknown_field() -> None:
    cluster = json.loads(json.dumps(find("Cluster", "apik-postgres")))
    cluster["spec"]["instance"] = 3  # not `instances`
    assert any("instance" in error for error in custom_resource_errors(cluster))


def test_the_validation_refuses_an_unknown_field() -> None:
    deployment = json.loads(json.dumps(find("Deployment", "intake")))
    deployment["spec"]["template"]["spec"]["containers"][0]["envFrom2"] = []
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


def test_kustomization_applies_every_manifest_but_the_secrets_example() -> None:
    kustomization = documents(KUBERNETES / "kustomization.yaml")[0]
    listed = set(kustomization["resources"])
    on_disk = {str(p.relative_to(KUBERNETES)) for p in manifest_files()}
    assert listed <= on_disk, f"missing files: {sorted(listed - on_disk)}"
    assert on_disk - listed == {"secrets.example.yaml"}, "a manifest nobody applies"
    assert kustomization["namespace"] == "apik"
    images = {image["name"] for image in kustomization["images"]}
    assert images == {f"apik-{c.name}" for c in COMPONENTS}


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_every_component_runs_two_replicas_behind_a_service(component: Component) -> None:
    deployment = find("Deployment", component.name)
    spec = deployment["spec"]
    assert spec["replicas"] >= 2
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0, "a rollout never drops one"
    [container] = spec["template"]["spec"]["containers"]
    assert container["image"] == f"apik-{component.name}:0.1.0"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    annotations = spec["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    service = find("Service", component.name)
    assert service["spec"]["selector"] == spec["selector"]["matchLabels"]
    assert [p["port"] for p in service["spec"]["ports"]] == [8000]
    budget = find("PodDisruptionBudget", component.name)
    assert budget["spec"]["minAvailable"] == 1


def environment_of(component: Component) -> dict[str, str]:
    """The container's environment as Kubernetes gives it: secrets as stand-ins, the
    shared ConfigMap, and `$(VAR)` references expanded."""
    [container] = find("Deployment", component.name)["spec"]["template"]["spec"]["containers"]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env.update(find("ConfigMap", source["configMapRef"]["name"])["data"])
    for item in container["env"]:
        if "valueFrom" in item:
            ref = item["valueFrom"]["secretKeyRef"]
            value = f"stand-in-{ref['name']}-{ref['key']}"
        else:
            value = re.sub(r"\$\((\w+)\)", lambda m: env[m[1]], item["value"])
        env[item["name"]] = value
    return env


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_settings_accept_the_manifests_environment(
    component: Component, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = environment_of(component)
    for key in list(os.environ):
        if key.upper().startswith("APIK_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings_cls = importlib.import_module(f"{component.package}.settings").Settings
    try:
        settings = settings_cls(_env_file=None, _secrets_dir=None)  # the environment alone
    except ValidationError as exc:
        pytest.fail(f"{component.name}'s Settings refuse the manifest's environment: {exc}")
    assert settings.env == "production"
    assert settings.database_url.endswith(f"@apik-postgres-rw:5432/{component.name}")
    assert settings.nats_url.startswith(f"nats://{component.name}:")
    assert settings.otlp_endpoint == ""  # traces off until an endpoint is given


def test_the_gateway_routes_to_every_service() -> None:
    gateway = next(c for c in COMPONENTS if c.name == "gateway")
    urls = json.loads(environment_of(gateway)["APIK_SERVICE_URLS"])
    assert urls == {c.name: f"http://{c.name}:8000" for c in COMPONENTS if c.name != "gateway"}


def test_postgres_is_a_cloudnativepg_cluster_with_a_database_per_component() -> None:
    cluster = find("Cluster", "apik-postgres")
    assert cluster["apiVersion"] == "postgresql.cnpg.io/v1"
    assert cluster["spec"]["instances"] == 3
    roles = {role["name"]: role for role in cluster["spec"]["managed"]["roles"]}
    names = {c.name for c in COMPONENTS}
    assert set(roles) == names
    for name, role in roles.items():
        assert role["login"] and role["passwordSecret"]["name"] == f"apik-{name}-db"
    databases = [r for r in resources() if r["kind"] == "Database"]
    assert {(d["spec"]["name"], d["spec"]["owner"]) for d in databases} == {(n, n) for n in names}
    assert all(d["spec"]["cluster"]["name"] == "apik-postgres" for d in databases)
    # Enough connections for every pool: two replicas of each component, 20 each.
    assert int(cluster["spec"]["postgresql"]["parameters"]["max_connections"]) >= 2 * 20 * len(
        names
    )


def test_postgres_is_backed_up_continuously_and_nightly() -> None:
    cluster = find("Cluster", "apik-postgres")
    store = cluster["spec"]["backup"]["barmanObjectStore"]
    assert store["wal"]["compression"]  # WAL archived as it is written: point-in-time
    scheduled = find("ScheduledBackup", "apik-postgres-nightly")
    assert scheduled["spec"]["cluster"]["name"] == "apik-postgres"
    assert len(scheduled["spec"]["schedule"].split()) == 6  # CloudNativePG's cron has seconds


def test_nats_is_the_official_chart_with_three_jetstream_servers() -> None:
    values = documents(KUBERNETES / "nats/values.yaml")[0]
    assert values["config"]["cluster"] == {"enabled": True, "replicas": 3}
    assert values["config"]["jetstream"]["enabled"] is True
    assert "pvc" in values["config"]["jetstream"]["fileStore"]
    users = {u["user"]: u for u in values["config"]["merge"]["authorization"]["users"]}
    assert set(users) == {"apik_admin"} | {c.name for c in COMPONENTS}
    env = values["container"]["env"]
    for name, user in users.items():
        match = re.fullmatch(r"<< \$(\w+) >>", user["password"])
        assert match, f"{name}'s password must come from the environment"
        variable = match[1]
        assert variable in env, f"{name}'s password variable is not in the server's environment"
        if name != "apik_admin":
            assert user["permissions"] == permissions(name), f"{name}: not nats.conf's rules"
            assert env[variable]["valueFrom"]["secretKeyRef"]["name"] == f"apik-{name}"


def test_the_stream_is_made_with_three_replicas_before_the_services() -> None:
    job = find("Job", "apik-stream")
    [container] = job["spec"]["template"]["spec"]["containers"]
    script = container["args"][0]
    assert "--replicas 3" in script and "--subjects 'apik.>'" in script
    assert "--dupe-window 2m" in script  # bus.STREAM_CONFIG's duplicate window, 120 s
