"""The events' contract: a JSON Schema per event type and the AsyncAPI 3 document.

Built from the payload classes themselves (`apik_shared.platform.events.payloads`,
every module, every class with an `event_type`), so a new event or field is in the
contract the moment it exists. Each published event's `dataschema` names its type's
schema (`envelope.dataschema_for`), which the gateway serves at
`/api/schemas/events/<type>.json`; the AsyncAPI document is at `/api/asyncapi.json`.
Pure: nothing here does I/O.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

from pydantic.json_schema import models_json_schema

from apik_shared.platform.events import payloads
from apik_shared.platform.events.envelope import (
    SPEC_VERSION,
    STREAM_NAME,
    dataschema_for,
    source_of,
    subject_for,
)
from apik_shared.platform.events.payloads.base import Event

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ASYNCAPI_VERSION = "3.0.0"
# Events travel as structured-mode CloudEvents: the whole envelope is the message body.
CLOUDEVENTS_JSON = "application/cloudevents+json"


class DuplicateEventType(ValueError):
    """Two payload classes claim one event type: consumers could not tell them apart."""


def event_classes() -> dict[str, type[Event]]:
    """Every event type and its class, from every module of the payloads package."""
    found: dict[str, type[Event]] = {}
    for info in sorted(pkgutil.iter_modules(payloads.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{payloads.__name__}.{info.name}")
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, Event)):
                continue
            if cls.__module__ != module.__name__ or not hasattr(cls, "event_type"):
                continue
            other = found.setdefault(cls.event_type, cls)
            if other is not cls:
                raise DuplicateEventType(
                    f"{cls.event_type}: {other.__qualname__} and {cls.__qualname__}"
                )
    return dict(sorted(found.items()))


def _doc(cls: type[Any]) -> str:
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def event_schema(cls: type[Event], *, public_url: str) -> dict[str, Any]:
    """The JSON Schema of `data` for the event `cls` (what its `dataschema` names).

    Serialization mode: what a producer writes (`model_dump(mode="json")`). Members not
    listed may appear (fields are added over time, and consumers ignore them)."""
    schema = cls.model_json_schema(mode="serialization")
    described = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": dataschema_for(public_url, cls.event_type),
        "title": cls.__name__,
        "description": _doc(cls) or f"The data of `{cls.event_type}` events.",
        "x-apik-event-type": cls.event_type,
        "x-apik-producer": cls.producer,
    }
    return {**schema, **described}


def _envelope(cls: type[Event], data: dict[str, Any], *, public_url: str) -> dict[str, Any]:
    """The CloudEvent carrying `cls`'s data, as a JSON Schema."""
    return {
        "type": "object",
        "required": ["specversion", "id", "source", "type", "time", "data"],
        "properties": {
            "specversion": {"const": SPEC_VERSION},
            "id": {"type": "string", "description": "Unique per event: consumers dedupe on it."},
            "source": {"const": source_of(cls.producer)},
            "type": {"const": cls.event_type},
            "subject": {
                "type": "string",
                "description": "The aggregate's id: events of one subject are in order.",
            },
            "time": {"type": "string", "format": "date-time"},
            "datacontenttype": {"const": "application/json"},
            "dataschema": {
                "const": dataschema_for(public_url, cls.event_type),
                "description": "The JSON Schema of `data`.",
            },
            "traceparent": {
                "type": "string",
                "description": "W3C trace context of the work that published the event.",
            },
            "data": data,
        },
    }


def asyncapi_document(*, public_url: str, version: str = "1") -> dict[str, Any]:
    """Every event as an AsyncAPI 3.0 channel (its NATS subject), a `send` operation of
    its producer, and a message whose payload is the CloudEvent carrying it."""
    classes = event_classes()
    refs, definitions = models_json_schema(
        [(cls, "serialization") for cls in classes.values()],
        ref_template="#/components/schemas/{model}",
    )
    schemas: dict[str, Any] = dict(definitions.get("$defs", {}))
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for event_type, cls in classes.items():
        key = f"{cls.producer}.{event_type}"
        doc = _doc(cls)
        messages[key] = {
            "name": event_type,
            "title": cls.__name__,
            "summary": doc.split("\n\n")[0] if doc else f"A `{event_type}` event.",
            "contentType": CLOUDEVENTS_JSON,
            "payload": _envelope(cls, refs[(cls, "serialization")], public_url=public_url),
            "externalDocs": {
                "description": "The JSON Schema of `data`",
                "url": dataschema_for(public_url, event_type),
            },
        }
        channels[key] = {
            "address": subject_for(cls.producer, event_type),
            "title": f"{cls.producer}: {event_type}",
            "messages": {cls.__name__: {"$ref": f"#/components/messages/{key}"}},
        }
        operations[f"{key}.send"] = {
            "action": "send",
            "title": f"{cls.producer} publishes {event_type}",
            "channel": {"$ref": f"#/channels/{key}"},
            "messages": [{"$ref": f"#/channels/{key}/messages/{cls.__name__}"}],
        }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": "urn:apik:events",
        "info": {
            "title": "APIK events",
            "version": version,
            "description": (
                "Every event APIK's components publish, as CloudEvents 1.0 in structured "
                f"JSON on NATS JetStream (stream `{STREAM_NAME}`, subject "
                "`apik.<producer>.<type>`). Payloads carry references, never personal "
                "data; they change only by adding optional fields (a breaking change is a "
                "new type); consumers ignore members they do not know. Each event's "
                "`dataschema` links to the JSON Schema of its `data`."
            ),
        },
        "defaultContentType": CLOUDEVENTS_JSON,
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }
