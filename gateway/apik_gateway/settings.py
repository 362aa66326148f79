"""Settings of the gateway (`APIK_*` environment variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, IPvAnyNetwork, field_validator, model_validator

from apik_gateway.forwarding.rules import replica_urls, replicas_by_service
from apik_gateway.offices.schemas import Letterhead, OfficeCode, OfficeName, Timezone
from apik_shared.platform.crypto import development_keyring
from apik_shared.platform.sessions import REPLAY_SECONDS
from apik_shared.platform.settings import Environment, InsecureSettingsError, ServiceSettings
from apik_shared.vocabulary.inputs import Line

MIB = 1024 * 1024
# The source checkout this package runs from (an editable install), for the web app.
_CHECKOUT = Path(__file__).resolve().parents[2]


class Settings(ServiceSettings):
    service_name: str = "gateway"
    # Where each service listens, by the prefix it owns: `/api/v1/<name>/...`; a list
    # names the replicas of a service, taken in turn (forwarding/rules.py).
    # APIK_SERVICE_URLS='{"intake":"http://127.0.0.1:8101"}'
    # APIK_SERVICE_URLS='{"intake":["http://10.0.0.5:8101","http://10.0.0.6:8101"]}'
    service_urls: dict[str, str | list[str]] = Field(default_factory=dict)

    # The bootstrap administrator, created by the first start with APIK_ADMIN_PASSWORD
    # (generated and logged once when empty). Later starts keep the stored password,
    # so a password changed through the API survives restarts.
    admin_username: str = "admin"
    admin_password: str = ""
    # Checked like an office opened through the API: a mistyped zone (say `Asia/Bangkok`)
    # would otherwise become the office's deadline calendar unnoticed.
    bootstrap_office_code: OfficeCode = "PUSAT"
    bootstrap_office_name: OfficeName = "Ombudsman RI Kantor Pusat"
    bootstrap_office_timezone: Timezone = "Asia/Jakarta"
    # What its documents print until an admin sets the office's own (PATCH
    # /auth/offices/PUSAT): a kop surat and the signing title; the head's name and the
    # address are left for the admin (an unnamed head prints a line to sign on).
    bootstrap_office_letterhead: Letterhead = Field(
        default_factory=lambda: ["OMBUDSMAN REPUBLIK INDONESIA", "KANTOR PUSAT"]
    )
    bootstrap_office_head_title: Annotated[Line, Field(max_length=200)] | None = (
        "Ketua Ombudsman Republik Indonesia"
    )

    # Access tokens are short: a revoked session is refused at once from the services'
    # memory, but a short life bounds what a stolen token is worth. At most as long as
    # services replay revocations at start (`apik_shared.platform.sessions`).
    token_ttl_seconds: int = Field(default=300, ge=60, le=REPLAY_SECONDS)
    # A login session: each refresh token lasts this long unused, and rotates on use;
    # the session ends after `session_max_seconds` whatever the refreshing.
    refresh_token_ttl_seconds: int = Field(default=8 * 3600, ge=60)
    session_max_seconds: int = Field(default=12 * 3600, ge=60)
    # Ended sessions are kept this long (who was signed in when, for an investigation),
    # then forgotten with their refresh tokens by the purge (jobs.py), run this often.
    ended_sessions_kept_days: int = Field(default=30, ge=1)
    purge_every_seconds: float = Field(default=3600.0, gt=0)

    # Failed sign-ins, counted per account (the name typed, existing or not) and per
    # client address, in the database so every replica counts together. After the free
    # failures each further one locks the account or address for twice as long as the
    # last, from `login_lock_base_seconds` up to `login_lock_max_seconds`; failures are
    # forgotten after a quiet `login_failures_forgotten_seconds`.
    login_account_free_failures: int = Field(default=5, ge=1)
    # An office behind one address (NAT) shares this: many more than one person's.
    login_address_free_failures: int = Field(default=50, ge=1)
    login_lock_base_seconds: float = Field(default=5.0, gt=0)
    login_lock_max_seconds: float = Field(default=900.0, gt=0)
    login_failures_forgotten_seconds: float = Field(default=3600.0, gt=0)
    max_body_bytes: int = Field(default=25 * MIB, ge=1)
    # The gateway's own routes (token form, user and client JSON) take small bodies.
    own_max_body_bytes: int = Field(default=64 * 1024, ge=1024)

    # The limit per client on `/api/v1/<service>/public/...`, shared by every replica
    # through the database (forwarding/service/ratelimit.py).
    public_rate_per_second: float = Field(default=5.0, gt=0)
    public_rate_burst: int = Field(default=20, ge=1)
    # The proxies whose X-Forwarded-For is believed: addresses or CIDRs, say
    # APIK_TRUSTED_PROXIES='["10.0.0.0/8"]' for the load balancer in front. Empty (the
    # default): the connection's peer is the client, whatever the header says.
    trusted_proxies: list[IPvAnyNetwork] = Field(default_factory=list)

    upstream_connect_timeout: float = Field(default=1.0, gt=0)
    upstream_read_timeout: float = Field(default=30.0, gt=0)
    # Idle keep-alive connections kept per service; busier moments open more.
    upstream_max_idle: int = Field(default=64, ge=0)
    # Must stay below the services' keep-alive timeout (uvicorn: 5 s), so we never
    # reuse a connection the service is about to close.
    upstream_idle_seconds: float = Field(default=4.0, gt=0)
    # An access-log line for every forwarded request. Off by default: each service logs
    # the requests it answers under the same request id, and the gateway always logs
    # what it answers itself (429, 413, 502, 504); the line would cost ~20% throughput.
    forward_access_log: bool = False

    # Keys for personal data the gateway keeps at rest (who made a data subject's request,
    # what they asked, the answer): `kid:<base64 32 bytes>,…`, the active key first.
    # The gateway's own keyring, never a service's (compose: GATEWAY_PII_KEYS).
    pii_keys: str = ""

    # The built web app served at `/` (`make up` builds it into the checkout's
    # frontend/dist; an image sets APIK_WEB_DIR). No index.html there: no web app, and
    # the API answers as before.
    web_dir: Path | None = Field(default_factory=lambda: _CHECKOUT / "frontend" / "dist")

    @field_validator("service_urls")
    @classmethod
    def _replicas(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        for urls in value.values():
            replica_urls(urls)  # at least one URL each
        return value

    @property
    def service_replicas(self) -> dict[str, tuple[str, ...]]:
        """Each service's replicas' base URLs."""
        return replicas_by_service(self.service_urls)

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        return self
