"""Events captured from a real flow keep their contract: each parses with the CloudEvents
SDK, names its schema in `dataschema`, and its `data` validates against that schema as
the gateway serves it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
import jsonschema_rs
import nats
import pytest
from cloudevents.core.formats.json import JSONFormat
from nats.js.api import DeliverPolicy

from apik_shared.devstack.stack import Stack
from apik_shared.platform.events.envelope import SUBJECT_ROOT
from apik_shared.platform.events.schemas import event_classes
from apik_testing.infra import TestInfra
from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import accepted_reports, staff_office

pytestmark = pytest.mark.e2e
# What the flow below makes the gateway, intake and examination publish, at least.
EXPECTED = {"office.registered", "report.registered", "report.verified", "case.opened"}


async def captured_since(nats_url: str, since: datetime) -> list[tuple[str, bytes]]:
    """(subject, raw message) of every event on the stream published since `since`."""
    connection = await nats.connect(nats_url)
    try:
        subscription = await connection.jetstream().subscribe(
            f"{SUBJECT_ROOT}.>", ordered_consumer=True, deliver_policy=DeliverPolicy.ALL
        )
        found = []
        while True:
            try:
                message = await subscription.next_msg(timeout=2)
            except (TimeoutError, nats.errors.TimeoutError):
                break
            if message.metadata.timestamp >= since:
                found.append((message.subject, message.data))
        return found
    finally:
        await connection.close()


async def test_events_of_a_real_flow_parse_and_validate_against_their_schemas(
    gateway: httpx.AsyncClient, stack: Stack, infra: TestInfra
) -> None:
    since = datetime.now(UTC)
    office = await staff_office(gateway, ADMIN_PASSWORD, code=f"EV{uuid.uuid4().hex[:6].upper()}")
    report_ids = await accepted_reports(office, 1)
    await office.wait_for_cases(report_ids)
    captured = await captured_since(infra.nats_url, since)
    known = event_classes()
    schemas: dict[str, jsonschema_rs.Validator] = {}
    seen = set()
    for subject, raw in captured:
        if subject.startswith(f"{SUBJECT_ROOT}.deadletter."):
            continue
        event = JSONFormat().read(None, raw)  # the SDK validates the attributes
        event_type = event.get_type()
        assert event_type in known, subject
        dataschema = event.get_dataschema()
        assert dataschema is not None, subject
        assert dataschema.startswith(stack.url + "/"), dataschema
        if event_type not in schemas:
            served = await gateway.get(urlsplit(dataschema).path)
            assert served.status_code == 200, dataschema
            schemas[event_type] = jsonschema_rs.validator_for(served.json())
        data = event.get_data()
        errors = [e.message for e in schemas[event_type].iter_errors(data)]
        assert not errors, (event_type, errors)
        seen.add(event_type)
    assert seen >= EXPECTED, sorted(seen)
