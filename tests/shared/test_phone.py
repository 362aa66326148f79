"""The phone providers' rules without a service: which answers are tried again, which URLs
a deployment may send its token to, what a provider needs to start."""

from __future__ import annotations

import httpx
import pytest

from apik_shared.platform.phone import (
    HttpSms,
    Refused,
    Unaccepted,
    check_url,
    raise_for_answer,
)
from apik_shared.platform.settings import Environment, InsecureSettingsError


@pytest.mark.parametrize("status", [500, 502, 503, 408, 425, 429])
def test_a_server_error_or_a_passing_4xx_is_tried_again(status: int):
    with pytest.raises(Unaccepted, match=f"HTTP {status}"):
        raise_for_answer(httpx.Response(status))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422, 301])
def test_any_other_refusal_is_for_good(status: int):
    with pytest.raises(Refused, match=f"HTTP {status}"):
        raise_for_answer(httpx.Response(status))


@pytest.mark.parametrize("status", [200, 201, 202, 204])
def test_a_2xx_is_accepted(status: int):
    raise_for_answer(httpx.Response(status))


@pytest.mark.parametrize(
    ("url", "env"),
    [
        ("https://sms.example.id/send", Environment.production),
        ("http://127.0.0.1:9000/send", Environment.production),
        ("http://localhost/send", Environment.test),
        ("http://[::1]:8080/send", Environment.production),
        ("http://sms.example.id/send", Environment.development),
    ],
)
def test_https_or_loopback_or_development_is_allowed(url: str, env: Environment):
    check_url(url, env, "APIK_SMS_URL")


@pytest.mark.parametrize("env", [Environment.production, Environment.test])
def test_plain_http_over_a_network_is_refused_outside_development(env: Environment):
    with pytest.raises(InsecureSettingsError, match="APIK_SMS_URL must be https"):
        check_url("http://sms.example.id/send", env, "APIK_SMS_URL")


@pytest.mark.parametrize(
    "url", ["ftp://sms.example.id/", "sms.example.id/send", "https://u:p@x.id"]
)
def test_a_url_that_is_not_one_is_refused(url: str):
    with pytest.raises(ValueError, match="APIK_SMS_URL"):
        check_url(url, Environment.development, "APIK_SMS_URL")


def test_the_sms_url_is_filled_percent_encoded():
    sms = HttpSms(
        url="https://sms.example.id/send?to={to}&n={msisdn}&m={text}",
        method="GET",
        token="",
        token_header="Authorization",
        timeout=5,
    )
    assert sms.filled("+6281234", "a b&c/d") == (
        "https://sms.example.id/send?to=%2B6281234&n=6281234&m=a%20b%26c%2Fd"
    )
