"""The pure pull and two-way rules, worked by hand, and the settings that switch the
phases on per office."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from apik_integration.portals import rules
from apik_integration.settings import PortalSettings, Settings
from apik_shared.platform.settings import InsecureSettingsError

NOW = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)
WINDOW = timedelta(hours=2)
WIB = timezone(timedelta(hours=7))


def test_a_poll_looks_back_from_the_last_good_one() -> None:
    # The first poll: the window before now.
    assert rules.pull_since(now=NOW, polled_at=None, window=WINDOW, catch_up=None) == NOW - WINDOW
    # Polled a minute ago: the window before that poll (the windows overlap).
    last = NOW - timedelta(minutes=1)
    assert rules.pull_since(now=NOW, polled_at=last, window=WINDOW, catch_up=None) == last - WINDOW
    # Down for three days: from the window before the last good poll, no gap.
    long_ago = NOW - timedelta(days=3)
    assert (
        rules.pull_since(now=NOW, polled_at=long_ago, window=WINDOW, catch_up=None)
        == long_ago - WINDOW
    )
    # The catch-up's day, whichever reaches further back.
    day = timedelta(hours=24)
    assert rules.pull_since(now=NOW, polled_at=last, window=WINDOW, catch_up=day) == NOW - day
    assert (
        rules.pull_since(now=NOW, polled_at=long_ago, window=WINDOW, catch_up=day)
        == long_ago - WINDOW
    )


def test_when_a_poll_and_the_catch_up_are_due() -> None:
    assert rules.poll_due(now=NOW, polled_at=None, every=300)
    assert not rules.poll_due(now=NOW, polled_at=NOW - timedelta(seconds=299), every=300)
    assert rules.poll_due(now=NOW, polled_at=NOW - timedelta(seconds=300), every=300)
    night = datetime(2026, 12, 6, 1, 5, tzinfo=WIB)
    assert rules.catch_up_due(local_now=night, caught_up_on=date(2026, 12, 5), hour=1)
    assert not rules.catch_up_due(local_now=night, caught_up_on=date(2026, 12, 6), hour=1)
    before = datetime(2026, 12, 6, 0, 55, tzinfo=WIB)
    assert not rules.catch_up_due(local_now=before, caught_up_on=date(2026, 12, 5), hour=1)
    assert rules.catch_up_due(local_now=before, caught_up_on=None, hour=0)


def test_an_assignment_webhook_names_a_tracking_id() -> None:
    body = {"type": "complaint.assigned", "data": {"tracking_id": "LPR-1"}}
    assert rules.parse_assigned(body) == "LPR-1"
    assert rules.parse_assigned({"type": "complaint.updated", "data": {"tracking_id": "x"}}) is None
    assert rules.parse_assigned({"type": "complaint.assigned", "data": {"tracking_id": ""}}) is None
    assert rules.parse_assigned({"type": "complaint.assigned", "data": "LPR-1"}) is None


def test_only_an_applied_update_of_a_mapped_status_asks_for_a_step() -> None:
    inbound = {"dicabut": "withdraw"}
    applied, older = rules.Effect.applied, rules.Effect.older
    assert rules.status_step(effect=applied, status="dicabut", inbound_map=inbound) == "withdraw"
    assert rules.status_step(effect=older, status="dicabut", inbound_map=inbound) is None
    unchanged = rules.Effect.unchanged
    assert rules.status_step(effect=unchanged, status="dicabut", inbound_map=inbound) is None
    assert rules.status_step(effect=applied, status="proses", inbound_map=inbound) is None


def test_a_pulled_report_is_recognised_by_its_portal() -> None:
    data = {"portal": "lapor", "external_id": "LPR-1"}
    assert rules.pulled_from(data, "lapor")
    assert not rules.pulled_from(data, "span")
    assert not rules.pulled_from({"portal": "lapor"}, "lapor")
    assert not rules.pulled_from({}, "lapor")


def test_the_status_maps_are_the_portals_with_the_offices_entries_on_top() -> None:
    portal = PortalSettings(
        url="https://portal.example",
        office_status_maps={"KAB": {"case.closed": "selesai"}},
        office_inbound_status_maps={"KAB": {"ditutup": "withdraw"}},
    )
    assert portal.status_map_for("KAB")["case.closed"] == "selesai"
    assert portal.status_map_for("KAB")["report.verified"] == "verified"
    assert portal.status_map_for("KOTA")["case.closed"] == "closed"
    assert portal.inbound_map_for("KAB") == {"dicabut": "withdraw", "ditutup": "withdraw"}
    assert portal.inbound_map_for("KOTA") == {"dicabut": "withdraw"}


def test_pulling_in_production_needs_the_transfer_keyring() -> None:
    common: dict[str, Any] = {
        "env": "production",
        "secret_key": "s" * 40,
        "pii_keys": "k1:" + "A" * 43 + "=",
        "database_url": "postgresql+asyncpg://u:p@db/integration",
    }
    pulling = {"lapor": {"url": "https://portal.example", "pull_offices": ["KAB"]}}
    with pytest.raises((InsecureSettingsError, ValueError), match="APIK_TRANSFER_KEYS"):
        Settings(**common, portals=pulling)
    keys = "t1:" + "B" * 43 + "="
    assert Settings(**common, portals=pulling, transfer_keys=keys).transfer_keys == keys
    pushing = {"lapor": {"url": "https://portal.example", "push_offices": ["KAB"]}}
    # Not needed to push, and never derived outside development.
    assert Settings(**common, portals=pushing).transfer_keys == ""
