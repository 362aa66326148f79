"""The integration service's document: operation ids generated from where each
endpoint lives, and the problems each route can answer declared as problem+json."""

from __future__ import annotations

import re

from apik_testing.services import RunningService

OPERATION = re.compile(r"^integration_(webhooks|portals|imports|peers)_[a-z_]+$")


async def test_operation_ids_and_declared_problems(integration: RunningService) -> None:
    document = (await integration.client.get("/api/v1/integration/openapi.json")).json()
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == 21
    assert [i for i in ids if not OPERATION.match(i)] == []
    assert {
        "integration_webhooks_create_subscription",
        "integration_webhooks_list_deliveries",
        "integration_webhooks_replay_delivery",
        "integration_portals_receive_webhook",
        "integration_imports_check_import",
        "integration_imports_run_import",
        "integration_imports_get_import",
        "integration_portals_list_pulled",
        "integration_portals_get_pull_state",
        "integration_portals_request_catch_up",
        "integration_peers_receive_signal",
        "integration_peers_list_shared_cases",
    } <= set(ids)
    signals = document["paths"]["/api/v1/integration/peers/{peer}/signals"]["post"]
    assert {"400", "401", "404", "409", "422"} <= set(signals["responses"])
    catch_up = document["paths"]["/api/v1/integration/portals/{portal}/catch-up"]["post"]
    assert {"401", "403", "404", "409"} <= set(catch_up["responses"])
    inbound = document["paths"]["/api/v1/integration/portals/{portal}/inbound"]["post"]
    assert {"400", "401", "404", "409", "422"} <= set(inbound["responses"])
    assert "application/problem+json" in inbound["responses"]["401"]["content"]
    create = document["paths"]["/api/v1/integration/webhooks/subscriptions"]["post"]
    assert {"401", "403", "409", "422"} <= set(create["responses"])
    upload = document["paths"]["/api/v1/integration/imports"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"401", "403", "413", "415", "422"} <= set(upload["responses"])
    run = document["paths"]["/api/v1/integration/imports/{import_id}/run"]["post"]
    assert {"404", "409", "412"} <= set(run["responses"])
