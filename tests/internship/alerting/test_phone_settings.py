"""The internship's phone settings (`APIK_PHONE_PROVIDER` and the provider's own): refused
at start-up when the chosen provider lacks what it needs or would send over plain http."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from apik_internship.settings import Settings
from apik_shared.platform.phone import HttpSms, WhatsAppCloud, phone_provider


def settings(**values: Any) -> Settings:
    return Settings(
        env="test",
        secret_key="s",
        database_url="postgresql+asyncpg://x/y",
        pii_keys="k:" + "A" * 43 + "=",
        **values,
    )


def test_no_provider_unless_one_is_chosen():
    assert phone_provider(settings()) is None


def test_whatsapp_needs_its_number_token_and_template():
    with pytest.raises(ValidationError, match="APIK_WHATSAPP_TOKEN, APIK_WHATSAPP_TEMPLATE"):
        settings(phone_provider="whatsapp", whatsapp_phone_number_id="1")
    made = phone_provider(
        settings(
            phone_provider="whatsapp",
            whatsapp_phone_number_id="1",
            whatsapp_token="t",
            whatsapp_template="alert",
        )
    )
    assert isinstance(made, WhatsAppCloud) and made.api_url.startswith("https://")


def test_sms_needs_a_url_that_names_the_number_for_a_get():
    with pytest.raises(ValidationError, match="APIK_SMS_URL"):
        settings(phone_provider="sms")
    with pytest.raises(ValidationError, match=r"\{to\} or \{msisdn\}"):
        settings(phone_provider="sms", sms_method="GET", sms_url="https://sms.example.id/x")
    with pytest.raises(ValidationError, match="must be https"):
        settings(phone_provider="sms", sms_url="http://sms.example.id/x?to={to}")
    made = phone_provider(settings(phone_provider="sms", sms_url="https://sms.example.id/x"))
    assert isinstance(made, HttpSms)
