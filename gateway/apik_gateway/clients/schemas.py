"""Bodies of the API client routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from apik_gateway.offices.schemas import OfficeCode
from apik_gateway.users.schemas import Roles
from apik_shared.vocabulary.inputs import Input, Line

ClientName = Annotated[Line, Field(min_length=1, max_length=200)]


class ClientCreate(Input):
    name: ClientName
    office: OfficeCode
    roles: Roles = Field(default_factory=list)


class ClientUpdate(Input):
    """What an admin changes on a client: switching it off (a leaked secret, a retired
    system) or on again. Its roles are not changed here: register a new client."""

    disabled: bool


class ClientPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    office: str
    roles: list[str]
    disabled: bool
    created_at: datetime


class ClientCreated(ClientPublic):
    """The only response that carries the secret: it is stored hashed."""

    client_secret: str
