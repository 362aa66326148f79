"""How a message reaches a phone: the WhatsApp Business Cloud API (a pre-approved template)
or a generic HTTP SMS gateway (a URL template and a token, the way many Indonesian SMS
gateways work), chosen by the `APIK_PHONE_*` settings.

A provider returns once the gateway accepted the message. It raises `Refused` when the
gateway turned it down for good (a 4xx: a wrong number, a template that does not exist,
a token that is not valid — sending it again brings the same answer), and any other
exception when trying again may work (a 5xx, 408, 425 or 429, a timeout, no connection):
the caller records the first as failed and tries the second again later.

Where the messages go is checked at start-up (`check_phone_settings`): https only, unless
the deployment is a development one or the gateway listens on this machine's loopback (a
local relay: nothing crosses a network in the clear)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol
from urllib.parse import quote, urlsplit

import httpx

from apik_shared.platform.settings import Environment, InsecureSettingsError

# A status that may pass: the gateway's timeout, "too early" and rate limit.
RETRYABLE_4XX = frozenset({408, 425, 429})
ProviderName = Literal["", "whatsapp", "sms"]


class Refused(Exception):
    """The gateway refused the message for good: trying again sends the same refusal."""


class Unaccepted(Exception):
    """The gateway did not take the message this time (5xx, 408, 425, 429): try again."""


class PhoneProvider(Protocol):
    """A phone-message gateway. `parameters`: the message's facts one by one, for gateways
    that fill a pre-approved template (WhatsApp); the others send `text`."""

    async def send(self, to: str, text: str, parameters: Sequence[str] = ()) -> None: ...


def raise_for_answer(answer: httpx.Response, reason: str = "") -> None:
    """Classifies a gateway's answer (see the module's docstring)."""
    status = answer.status_code
    if 200 <= status < 300:
        return
    said = f"HTTP {status}" + (f": {reason}" if reason else "")
    if status >= 500 or status in RETRYABLE_4XX:
        raise Unaccepted(said)
    raise Refused(said)


def _msisdn(number: str) -> str:
    """`+6281234567890` → `6281234567890`: how gateways want the number."""
    return number.removeprefix("+")


@dataclass(frozen=True)
class WhatsAppCloud:
    """The WhatsApp Business Cloud API: `POST {api_url}/{phone_number_id}/messages` with a
    bearer token, sending a template Meta approved beforehand (an alert starts a
    conversation, which only a template may do). The template's body takes the
    `parameters` in order ({{1}}, {{2}}, …), or the whole text as {{1}} when none are given."""

    api_url: str
    phone_number_id: str
    token: str
    template: str
    language: str
    timeout: float

    async def send(self, to: str, text: str, parameters: Sequence[str] = ()) -> None:
        values = list(parameters) or [text]
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": _msisdn(to),
            "type": "template",
            "template": {
                "name": self.template,
                "language": {"code": self.language},
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": v} for v in values]}
                ],
            },
        }
        url = f"{self.api_url.rstrip('/')}/{self.phone_number_id}/messages"
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            answer = await client.post(
                url, json=body, headers={"Authorization": f"Bearer {self.token}"}
            )
        raise_for_answer(answer, _graph_error(answer))


def _graph_error(answer: httpx.Response) -> str:
    """The Graph API's own code and message (`(#132001) Template name does not exist`),
    for the head to see why; never the request, which holds the number."""
    if answer.is_success:
        return ""
    try:
        error = answer.json().get("error", {})
    except ValueError:
        return answer.reason_phrase
    if not isinstance(error, dict):
        return answer.reason_phrase
    return f"({error.get('code', '?')}) {error.get('message', '')}"[:200]


@dataclass(frozen=True)
class HttpSms:
    """A generic SMS gateway over HTTP: `url` with `{to}` (+62…), `{msisdn}` (62…) and
    `{text}` in it, each filled percent-encoded, requested with `method`; a POST also
    carries `to` and `text` as a form. The token goes in `token_header` (`Authorization`
    as `Bearer <token>`, any other header as the bare token)."""

    url: str
    method: Literal["GET", "POST"]
    token: str
    token_header: str
    timeout: float

    def filled(self, to: str, text: str) -> str:
        return (
            self.url.replace("{to}", quote(to, safe=""))
            .replace("{msisdn}", quote(_msisdn(to), safe=""))
            .replace("{text}", quote(text, safe=""))
        )

    async def send(self, to: str, text: str, parameters: Sequence[str] = ()) -> None:
        headers: dict[str, str] = {}
        if self.token:
            bearer = self.token_header.lower() == "authorization"
            headers[self.token_header] = f"Bearer {self.token}" if bearer else self.token
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            if self.method == "GET":
                answer = await client.get(self.filled(to, text), headers=headers)
            else:
                form = {"to": to, "text": text}
                answer = await client.post(self.filled(to, text), data=form, headers=headers)
        raise_for_answer(answer, answer.reason_phrase)


class PhoneSettings(Protocol):
    """The `APIK_PHONE_*`, `APIK_WHATSAPP_*` and `APIK_SMS_*` settings a service declares."""

    env: Environment
    phone_provider: ProviderName
    phone_timeout_seconds: float
    whatsapp_api_url: str
    whatsapp_phone_number_id: str
    whatsapp_token: str
    whatsapp_template: str
    whatsapp_language: str
    sms_url: str
    sms_method: Literal["GET", "POST"]
    sms_token: str
    sms_token_header: str


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, env: Environment, setting: str) -> None:
    """Refuses a gateway URL that would carry the token in the clear over a network."""
    parts = urlsplit(url)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ValueError(f"{setting}: an absolute http(s) URL, not {url!r}")
    if parts.username or parts.password:
        raise ValueError(f"{setting}: credentials go in the token setting, not the URL")
    plain = parts.scheme == "http"
    if plain and env is not Environment.development and not _loopback(parts.hostname):
        raise InsecureSettingsError(f"{setting} must be https when APIK_ENV={env}")


def check_phone_settings(settings: PhoneSettings) -> None:
    """At start-up: the chosen provider has what it needs, and its URL is safe."""
    if settings.phone_provider == "whatsapp":
        needed = {
            "APIK_WHATSAPP_PHONE_NUMBER_ID": settings.whatsapp_phone_number_id,
            "APIK_WHATSAPP_TOKEN": settings.whatsapp_token,
            "APIK_WHATSAPP_TEMPLATE": settings.whatsapp_template,
        }
        missing = [name for name, value in needed.items() if not value]
        if missing:
            raise ValueError(f"APIK_PHONE_PROVIDER=whatsapp needs {', '.join(missing)}")
        check_url(settings.whatsapp_api_url, settings.env, "APIK_WHATSAPP_API_URL")
    elif settings.phone_provider == "sms":
        if not settings.sms_url:
            raise ValueError("APIK_PHONE_PROVIDER=sms needs APIK_SMS_URL")
        names_number = "{to}" in settings.sms_url or "{msisdn}" in settings.sms_url
        if settings.sms_method == "GET" and not names_number:
            raise ValueError("APIK_SMS_URL: a GET needs {to} or {msisdn} in the URL")
        check_url(settings.sms_url, settings.env, "APIK_SMS_URL")


def phone_provider(settings: PhoneSettings) -> PhoneProvider | None:
    """The deployment's provider, or None when `APIK_PHONE_PROVIDER` is empty."""
    check_phone_settings(settings)
    if settings.phone_provider == "whatsapp":
        return WhatsAppCloud(
            api_url=settings.whatsapp_api_url,
            phone_number_id=settings.whatsapp_phone_number_id,
            token=settings.whatsapp_token,
            template=settings.whatsapp_template,
            language=settings.whatsapp_language,
            timeout=settings.phone_timeout_seconds,
        )
    if settings.phone_provider == "sms":
        return HttpSms(
            url=settings.sms_url,
            method=settings.sms_method,
            token=settings.sms_token,
            token_header=settings.sms_token_header,
            timeout=settings.phone_timeout_seconds,
        )
    return None
