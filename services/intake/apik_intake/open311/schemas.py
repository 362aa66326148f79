"""The GeoReport v2 shapes: the form an app posts, and what each method answers.

Field names are the spec's (`long`, `service_request_id`), not ours: the facade is read
by Open311 clients that know only the spec.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from apik_intake.reports.schemas import OptionalEmail, OptionalPhone
from apik_shared.vocabulary.inputs import FreeText, Input, Line, PersonName

OFFICE_CODE = r"^[A-Z0-9_-]{2,32}$"


class Open311Request(Input):
    """`POST requests` as the spec defines it (form-encoded; `api_key` is the gateway's,
    which turns it into a token before the form reaches intake)."""

    jurisdiction_id: str | None = Field(default=None, pattern=OFFICE_CODE)
    service_code: str = Field(min_length=1, max_length=64)
    lat: float | None = Field(default=None, ge=-90, le=90)
    long: float | None = Field(default=None, ge=-180, le=180)
    address_string: Line | None = Field(default=None, max_length=500)
    address_id: Line | None = Field(default=None, max_length=100)
    email: OptionalEmail = None
    device_id: Line | None = Field(default=None, max_length=200)
    account_id: Line | None = Field(default=None, max_length=200)
    first_name: PersonName | None = None
    last_name: PersonName | None = None
    phone: OptionalPhone = None
    description: FreeText | None = Field(default=None, max_length=4000)
    media_url: Line | None = Field(default=None, max_length=1000, pattern=r"^https?://")
    attribute: dict[str, str | list[str]] = Field(default_factory=dict)


class Endpoint(BaseModel):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class Discovery(BaseModel):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Endpoint]


class Service(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[dict[str, Any]]


class Receipt(BaseModel):
    """`POST requests`'s answer: the number is known at once; the `token` is given too,
    for clients that wait on one (`GET tokens/{token}` names the same number)."""

    service_request_id: str
    service_notice: str
    account_id: str | None = None
    token: str


class ServiceRequest(BaseModel):
    """One report as the public may see it: what the tracking page shows, nothing
    personal. `description`, the address, the coordinates and the media link are
    withheld (always null): an app's free text may hold anyone's personal data."""

    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str | None
    description: None = None
    agency_responsible: str
    service_notice: None = None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: None = None
    address: None = None
    address_id: None = None
    zipcode: None = None
    lat: None = None
    long: None = None
    media_url: None = None
