"""Typed settings shared by every component.

Each component subclasses `ServiceSettings`; values come from `APIK_*` environment
variables. Outside development the defaults that only make sense on a laptop (the
development secret, a missing database) are refused at start-up rather than discovered
in production.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"
# Where `make up` serves the gateway by default.
DEFAULT_PUBLIC_URL = "http://localhost:8000"


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class InsecureSettingsError(ValueError):
    """A setting that is only acceptable in development was used elsewhere."""


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APIK_", extra="ignore")

    env: Environment = Environment.development
    service_name: str = "apik"
    database_url: str = ""
    # One server, or a cluster's nodes separated by commas (each URL with the
    # component's credentials): the client reconnects to another node when one goes.
    nats_url: str = "nats://127.0.0.1:4222"
    # On how many servers of a NATS cluster the stream is kept (JetStream replicas: 3
    # survives the loss of one node), when the first component up creates it. 1 for a
    # single server (`make up`); an existing stream keeps its own (see events/bus.py).
    stream_replicas: int = Field(default=1, ge=1, le=5)
    jwks_url: str = ""
    # The address clients reach the gateway at (scheme, host and port, no path): the
    # base of the absolute links the platform publishes (OAuth discovery, event schemas)
    # and, unless APIK_JWT_ISSUER says otherwise, the tokens' issuer, which OAuth and
    # OpenID clients expect to be that URL. The same value for every component.
    public_url: str = Field(default=DEFAULT_PUBLIC_URL, pattern=r"^https?://[^/?#\s]+/?$")
    # The `iss` of access tokens; empty: `public_url`.
    jwt_issuer: str = ""
    jwt_audience: str = "apik"
    # Symmetric secret for things a service signs for itself (cursors, tracking links).
    secret_key: str = DEVELOPMENT_SECRET
    log_level: str = "INFO"
    # The most database connections a process holds (opened as needed, then kept).
    db_pool_size: int = Field(default=20, ge=1)
    # How often the outbox relay looks for unsent rows when no notification arrives.
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    # Published outbox rows are deleted (the stream keeps every event); set, they are
    # kept and marked sent, a copy of what the service emitted in its own database.
    outbox_keep_sent: bool = False
    # Set when several APIK deployments share one NATS server, so each consumes everything.
    consumer_group: str = Field(default="", pattern=r"^[A-Za-z0-9_-]*$")
    # How long a delivered event may stay unacknowledged before JetStream redelivers it,
    # e.g. after the consumer's process died mid-handling.
    consumer_ack_wait_seconds: float = Field(default=30, gt=0)
    # Where durable consumers created for the first time start reading the stream; unset,
    # from its beginning. A deployment joining a long-lived stream (or a test run on a
    # shared server) sets it to skip what happened before it existed.
    consumer_start_time: datetime | None = None
    # How often the event pipeline's gauges on /metrics (outbox backlog and age, each
    # consumer's pending and redelivered events, dead letters) are sampled; 0 turns the
    # sampling off. 15 s is Prometheus's usual scrape interval: sampling faster shows
    # nothing more, and costs two small queries and a request per consumer each time.
    metrics_sample_seconds: float = Field(default=15, ge=0)
    # An OpenTelemetry collector's OTLP/HTTP base URL (`http://collector:4318`): spans of
    # requests and handled events are exported there. Unset (the default), none are made.
    otlp_endpoint: str = ""

    @model_validator(mode="after")
    def _refuse_development_defaults(self) -> Self:
        self.public_url = self.public_url.rstrip("/")
        if not self.jwt_issuer:
            self.jwt_issuer = self.public_url
        if self.env is Environment.development:
            return self
        if self.secret_key == DEVELOPMENT_SECRET:
            raise InsecureSettingsError(
                f"APIK_SECRET_KEY must be set when APIK_ENV={self.env.value}"
            )
        if not self.database_url:
            raise InsecureSettingsError(
                f"APIK_DATABASE_URL must be set when APIK_ENV={self.env.value}"
            )
        return self

    @property
    def async_database_url(self) -> str:
        return to_asyncpg_url(self.database_url)


def to_asyncpg_url(url: str) -> str:
    """Accept plain `postgresql://` URLs as well as SQLAlchemy's asyncpg form."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def to_plain_postgres_url(url: str) -> str:
    """The libpq form (for asyncpg.connect and command-line tools)."""
    return to_asyncpg_url(url).replace("postgresql+asyncpg://", "postgresql://", 1)
