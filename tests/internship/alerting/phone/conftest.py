"""Internship services that send their Red Button alerts by phone to a simulated gateway
(a real HTTP server the test starts): one as the WhatsApp Cloud API, one as an SMS gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from apik_internship.app import create_app
from apik_internship.settings import Settings
from apik_testing.infra import TestInfra
from apik_testing.phone_gateway import PhoneGateway, phone_gateway
from apik_testing.services import RunningService, running, service_settings, test_keyring
from apik_testing.tokens import TestTokens


@pytest.fixture(scope="module")
def gateway() -> Iterator[PhoneGateway]:
    with phone_gateway() as started:
        yield started


async def _settings(infra: TestInfra, **phone: Any) -> Settings:
    return await service_settings(
        Settings,
        infra,
        "apik_internship",
        pii_keys=test_keyring(),
        public_url="https://apik.example.id",
        alert_retry_seconds=[30, 60],
        alert_scan_seconds=0.2,
        phone_timeout_seconds=5,
        **phone,
    )


@pytest.fixture(scope="module")
async def internship(
    infra: TestInfra, tokens: TestTokens, gateway: PhoneGateway
) -> AsyncIterator[RunningService]:
    """Alerts by WhatsApp: the gateway is the Graph API, on loopback (http allowed there)."""
    settings = await _settings(
        infra,
        phone_provider="whatsapp",
        whatsapp_api_url=f"{gateway.url}/v21.0",
        whatsapp_phone_number_id="1234567890",
        whatsapp_token="wa-token",
        whatsapp_template="tombol_merah_alert",
    )
    async with running(create_app(settings), tokens) as service:
        yield service


@pytest.fixture(scope="module")
async def sms_internship(
    infra: TestInfra, tokens: TestTokens, gateway: PhoneGateway
) -> AsyncIterator[RunningService]:
    """Alerts by SMS: the gateway takes a form POST with a token header of its own."""
    settings = await _settings(
        infra,
        phone_provider="sms",
        sms_url=f"{gateway.url}/sms/send?dest={{msisdn}}",
        sms_token="sms-token",
        sms_token_header="X-Api-Key",
    )
    async with running(create_app(settings), tokens) as service:
        yield service
