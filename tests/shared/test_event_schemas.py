"""A JSON Schema per event type and the AsyncAPI 3 document, from the payload classes
(pure), and the envelope's `dataschema` as the CloudEvents SDK reads it."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, datetime
from typing import Any

import jsonschema_rs
import pytest
from cloudevents.core.formats.json import JSONFormat

from apik_shared.platform.events import payloads
from apik_shared.platform.events.envelope import CloudEvent, dataschema_for
from apik_shared.platform.events.payloads.intake import ReportRegistered
from apik_shared.platform.events.schemas import asyncapi_document, event_classes, event_schema

PUBLIC = "https://apik.example.go.id"


def _listed_types() -> set[str]:
    """What each producer module lists in its EVENT_TYPES."""
    listed: set[str] = set()
    for info in pkgutil.iter_modules(payloads.__path__):
        module = importlib.import_module(f"{payloads.__name__}.{info.name}")
        listed |= set(getattr(module, "EVENT_TYPES", {}))
    return listed


def test_every_event_type_of_every_producer_is_found() -> None:
    found = event_classes()
    assert _listed_types() <= set(found)
    producers = {cls.producer for cls in found.values()}
    assert {"intake", "examination", "consultation", "internship", "gateway"} <= producers
    assert found["report.registered"] is ReportRegistered


@pytest.mark.parametrize("event_type", sorted(event_classes()))
def test_each_type_has_a_valid_schema_naming_its_url(event_type: str) -> None:
    cls = event_classes()[event_type]
    schema = event_schema(cls, public_url=PUBLIC)
    assert jsonschema_rs.meta.is_valid(schema)
    assert schema["$id"] == f"{PUBLIC}/api/schemas/events/{event_type}.json"
    assert schema["x-apik-event-type"] == event_type
    assert schema["type"] == "object"
    # Consumers ignore what they do not know: new fields may appear.
    assert schema.get("additionalProperties", True) is not False


def test_a_payload_validates_and_a_broken_one_does_not() -> None:
    schema = event_schema(ReportRegistered, public_url=PUBLIC)
    event = ReportRegistered(
        report_id="r-1",
        registration_number="0001/LM/XII/2026/BKL",
        office="BKL",
        kind="report",
        channel="walk_in",
        registered_at=datetime(2026, 12, 5, 3, 0, tzinfo=UTC),
    )
    data = event.model_dump(mode="json")
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid(data)
    assert validator.is_valid({**data, "added_later": 1})
    assert not validator.is_valid({k: v for k, v in data.items() if k != "office"})
    assert not validator.is_valid({**data, "registered_at": 5})


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_the_asyncapi_document_has_every_type_and_its_refs_resolve() -> None:
    document = asyncapi_document(public_url=PUBLIC)
    assert document["asyncapi"] == "3.0.0"
    types = event_classes()
    messages = document["components"]["messages"]
    assert sorted(m["name"] for m in messages.values()) == sorted(types)
    for event_type, cls in types.items():
        key = f"{cls.producer}.{event_type}"
        channel = document["channels"][key]
        assert channel["address"] == f"apik.{cls.producer}.{event_type}"
        operation = document["operations"][f"{key}.send"]
        assert operation["action"] == "send"
        envelope = messages[key]["payload"]["properties"]
        assert envelope["type"] == {"const": event_type}
        assert envelope["dataschema"]["const"] == dataschema_for(PUBLIC, event_type)
    refs = _refs(document)
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        assert _resolve(document, ref) is not None, ref


def test_an_envelope_with_its_dataschema_parses_with_the_cloudevents_sdk() -> None:
    envelope = CloudEvent(
        source="/apik/intake",
        type="report.registered",
        subject="r-1",
        dataschema=dataschema_for(PUBLIC, "report.registered"),
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        data={"report_id": "r-1"},
    )
    parsed = JSONFormat().read(None, envelope.to_json())
    assert parsed.get_dataschema() == f"{PUBLIC}/api/schemas/events/report.registered.json"
    assert parsed.get_type() == "report.registered"
    assert parsed.get_extension("traceparent") == envelope.traceparent
    assert parsed.get_data() == {"report_id": "r-1"}
    assert CloudEvent.from_json(envelope.to_json()) == envelope
