"""Prometheus and Grafana in deploy/: every component scraped, every series a dashboard
draws is one the code exports, and compose runs both with the files they need."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

import apik_gateway.forwarding.service.proxy  # noqa: F401  (registers the gateway's series)
import apik_shared.platform.events.metrics  # the event pipeline's series
import apik_shared.platform.middleware  # noqa: F401  (every component's HTTP series)

from .topology import ROOT, components, load_compose

PROMETHEUS = ROOT / "deploy/prometheus"
GRAFANA = ROOT / "deploy/grafana"
PIPELINE_SERIES = {
    "apik_outbox_backlog",
    "apik_outbox_oldest_unsent_seconds",
    "apik_relay_publish_seconds_bucket",
    "apik_consumer_pending",
    "apik_consumer_redelivered",
    "apik_dead_letters",
}


def yaml_file(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def targets(config: dict[str, Any]) -> dict[str, str]:
    """Scraped address -> its job's name."""
    return {
        target: job["job_name"]
        for job in config.get("scrape_configs") or []
        for static in job.get("static_configs") or []
        for target in static.get("targets") or []
    }


def exported_series() -> set[str]:
    """The sample names the code's metrics can produce."""
    suffixes = {
        "counter": ("_total",),
        "gauge": ("",),
        "histogram": ("_bucket", "_count", "_sum"),
    }
    return {
        family.name + suffix
        for family in REGISTRY.collect()
        if family.name.startswith("apik_")
        for suffix in suffixes.get(family.type, ("",))
    }


def dashboards() -> list[Path]:
    return sorted((GRAFANA / "dashboards").glob("*.json"))


def test_prometheus_scrapes_every_service_on_its_private_port() -> None:
    config = yaml_file(PROMETHEUS / "prometheus.yml")
    scraped = targets(config)
    for component in components():
        if component.name == "gateway":
            continue
        assert f"{component.name}:8000" in scraped, (
            f"prometheus.yml does not scrape {component.name}"
        )
    for job in config["scrape_configs"]:
        assert job.get("metrics_path", "/metrics") == "/metrics", job["job_name"]


def test_the_gateway_is_scraped_with_an_api_clients_token() -> None:
    config = yaml_file(PROMETHEUS / "prometheus.yml")
    assert config["scrape_config_files"] == ["/etc/prometheus/scrape.d/*.yml"]
    [job] = yaml_file(PROMETHEUS / "scrape.d/gateway.yml.example")["scrape_configs"]
    assert targets({"scrape_configs": [job]}) == {"gateway:8000": "apik-gateway"}
    # The gateway's /metrics answers administrators only (apik_gateway/operations/router.py).
    assert job["oauth2"]["token_url"] == "http://gateway:8000/api/v1/auth/token"
    # The filled-in copy holds a secret: never committed.
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "deploy/prometheus/scrape.d/*.yml" in ignored


def test_every_series_a_dashboard_draws_is_exported() -> None:
    exported = exported_series()
    assert exported >= PIPELINE_SERIES
    drawn: set[str] = set()
    for path in dashboards():
        dashboard = json.loads(path.read_text())
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                drawn |= set(re.findall(r"\bapik_\w+", target["expr"]))
    assert drawn >= PIPELINE_SERIES, "the dashboard must show the event pipeline"
    assert drawn <= exported, f"no code exports {sorted(drawn - exported)}"


@pytest.mark.parametrize("path", dashboards(), ids=lambda p: p.name)
def test_dashboards_use_the_provisioned_data_source(path: Path) -> None:
    [source] = yaml_file(GRAFANA / "provisioning/datasources/prometheus.yml")["datasources"]
    assert source["url"] == "http://prometheus:9090"
    dashboard = json.loads(path.read_text())
    assert dashboard["uid"] and dashboard["title"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    for panel in dashboard["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == source["uid"], panel["title"]


def test_compose_runs_prometheus_and_grafana_with_these_files() -> None:
    services = load_compose()["services"]
    prometheus, grafana = services["prometheus"], services["grafana"]
    assert "--config.file=/etc/prometheus/prometheus.yml" in prometheus["command"]
    assert (
        "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"
        in prometheus["volumes"]
    )
    assert "./deploy/prometheus/scrape.d:/etc/prometheus/scrape.d:ro" in prometheus["volumes"]
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in grafana["volumes"]
    provider = yaml_file(GRAFANA / "provisioning/dashboards/apik.yml")["providers"][0]
    mounted = f"./deploy/grafana/dashboards:{provider['options']['path']}:ro"
    assert mounted in grafana["volumes"]
    # Prometheus must reach every service: they share compose's default network.
    for name, service in services.items():
        assert not service.get("networks"), f"{name}: a network of its own hides it"
