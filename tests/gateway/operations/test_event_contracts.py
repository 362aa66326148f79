"""`/api/asyncapi.json` and `/api/schemas/events/<type>.json`: every event type's
schema is served where its events' `dataschema` (and the AsyncAPI document) point."""

from __future__ import annotations

from urllib.parse import urlsplit

import jsonschema_rs

from apik_shared.platform.events.schemas import event_classes, event_schema
from tests.gateway.builders import GatewayUnderTest


async def test_the_asyncapi_document_links_a_served_schema_for_every_type(
    gateway: GatewayUnderTest,
) -> None:
    response = await gateway.client.get("/api/asyncapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["asyncapi"] == "3.0.0"
    public = gateway.settings.public_url
    linked = {}
    for message in document["components"]["messages"].values():
        url = message["payload"]["properties"]["dataschema"]["const"]
        assert url == message["externalDocs"]["url"]
        assert url.startswith(public + "/")
        linked[message["name"]] = urlsplit(url).path
    types = event_classes()
    assert set(linked) == set(types)
    for event_type, path in linked.items():
        served = await gateway.client.get(path)
        assert served.status_code == 200, event_type
        assert served.headers["content-type"] == "application/schema+json"
        schema = served.json()
        assert schema == event_schema(types[event_type], public_url=public)
        assert jsonschema_rs.meta.is_valid(schema)


async def test_an_unknown_event_type_is_a_404_problem(gateway: GatewayUnderTest) -> None:
    response = await gateway.client.get("/api/schemas/events/report.exploded.json")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
