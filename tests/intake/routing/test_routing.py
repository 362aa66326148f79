"""Routing a report to another office: its reporter goes along, its status stays."""

from __future__ import annotations

import uuid

from tests.intake.builders import FORMALLY_COMPLETE, REPORTS, register

REPORTER = {"name": "Siti Aminah", "nik": "1771015203850002", "phone": "0812 7000 1001"}


async def test_a_report_is_routed_to_another_office_with_its_reporter(intake, tokens):
    here = tokens.headers("intake_officer", office="RTA" + uuid.uuid4().hex[:3].upper())
    target = "RTB" + uuid.uuid4().hex[:3].upper()
    there = tokens.headers("intake_officer", office=target)
    report = await register(intake, here, reporter=REPORTER)
    url = f"{REPORTS}/{report['id']}/route"
    same = await intake.client.post(
        url, json={"office": report["office"], "reason": "x"}, headers=here
    )
    assert same.status_code == 422 and same.json()["errors"][0]["pointer"] == "#/body/office"
    bad = await intake.client.post(url, json={"office": "no such!", "reason": "x"}, headers=here)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/body/office"
    routed = await intake.client.post(
        url, json={"office": target, "reason": "Terlapor di wilayah lain"}, headers=here
    )
    assert routed.status_code == 200, routed.text
    assert routed.json()["office"] == target and routed.json()["status"] == "registered"
    assert (await intake.client.get(f"{REPORTS}/{report['id']}", headers=here)).status_code == 404
    mine = await intake.client.get(f"{REPORTS}/{report['id']}", headers=there)
    assert mine.status_code == 200
    assert mine.json()["timeline"][-1]["details"]["to_office"] == target
    [event] = await intake.outbox_events("report.routed", subject=report["id"])
    assert event.data["office"] == target and event.data["from_office"] == report["office"]
    # The reporter went along: the receiving office recognises them next time.
    again = await register(intake, there, reporter=REPORTER)
    assert again["reporter"]["person_id"] == report["reporter"]["person_id"]
    accepted = await register(intake, there)
    for path, body in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        await intake.client.post(f"{REPORTS}/{accepted['id']}/{path}", json=body, headers=there)
    late = await intake.client.post(
        f"{REPORTS}/{accepted['id']}/route", json={"office": "RTX", "reason": "x"}, headers=there
    )
    assert late.status_code == 409
    assert late.json()["code"] == "report_not_routed"
    assert late.json()["params"] == {"status": "accepted"}


async def test_the_list_names_what_each_report_allows_and_a_retry_is_not_applied_twice(
    intake, tokens
):
    """The verification queue previews a bulk routing from `allowed_actions`; a bulk
    retry after a lost answer carries the version it read, so it is refused, not doubled."""
    office = "RTL" + uuid.uuid4().hex[:3].upper()
    here = tokens.headers("intake_officer", office=office)
    waiting = await register(intake, here)
    accepted = await register(intake, here)
    for path, body in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        await intake.client.post(f"{REPORTS}/{accepted['id']}/{path}", json=body, headers=here)
    # What the status allows, among what the caller's roles may do: the officer routes,
    # the head assigns (`APIK_ASSIGN_ROLES`), the analyst does neither.
    offered = {"intake_officer": ["route"], "head": ["assign"], "analyst": []}
    for role, expected in offered.items():
        headers = tokens.headers(role, office=office)
        listed = await intake.client.get(REPORTS, headers=headers)
        actions = {r["id"]: r["allowed_actions"] for r in listed.json()["items"]}
        assert actions == {waiting["id"]: expected, accepted["id"]: []}, role

    read = f'"{waiting["version"]}"'
    body = {"office": "RTZ" + uuid.uuid4().hex[:3].upper(), "reason": "Wilayah terlapor"}
    url = f"{REPORTS}/{waiting['id']}/route"
    first = await intake.client.post(url, json=body, headers={**here, "If-Match": read})
    assert first.status_code == 200, first.text
    retry = await intake.client.post(url, json=body, headers={**here, "If-Match": read})
    assert retry.status_code in (404, 412), retry.text
    assert len(await intake.outbox_events("report.routed", subject=waiting["id"])) == 1
