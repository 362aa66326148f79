"""Settings of the gateway (`APIK_*` environment variables)."""

from __future__ import annotations

from pydantic import Field, IPvAnyNetwork

from apik_gateway.offices.schemas import OfficeCode, OfficeName, Timezone
from apik_shared.platform.settings import ServiceSettings

MIB = 1024 * 1024


class Settings(ServiceSettings):
    service_name: str = "gateway"
    # Where each service listens, by the prefix it owns: `/api/v1/<name>/...`.
    # APIK_SERVICE_URLS='{"intake":"http://127.0.0.1:8101"}'
    service_urls: dict[str, str] = Field(default_factory=dict)

    # The bootstrap administrator. When APIK_ADMIN_PASSWORD is set it is authoritative:
    # a start-up resets the stored hash if it no longer matches.
    admin_username: str = "admin"
    admin_password: str = ""
    # Checked like an office opened through the API: a mistyped zone (say `Asia/Bangkok`)
    # would otherwise become the office's deadline calendar unnoticed.
    bootstrap_office_code: OfficeCode = "PUSAT"
    bootstrap_office_name: OfficeName = "Ombudsman RI Kantor Pusat"
    bootstrap_office_timezone: Timezone = "Asia/Jakarta"

    token_ttl_seconds: int = Field(default=3600, ge=60)
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
