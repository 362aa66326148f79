"""Request and response bodies of the gateway's own API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from apik_gateway.offices.schemas import OfficeCode, Timezone
from apik_shared.auth import Role

__all__ = ["OfficeCode", "Timezone"]  # users and settings name offices the registry's way

Username = Annotated[str, Field(pattern=r"^[a-z0-9._-]{3,80}$", examples=["siti.rahma"])]
Password = Annotated[str, Field(min_length=1, max_length=200)]
FullName = Annotated[str, Field(min_length=1, max_length=200)]


def _no_duplicates(roles: list[Role]) -> list[Role]:
    if len(set(roles)) != len(roles):
        raise ValueError("each role may be listed once")
    return roles


Roles = Annotated[list[Role], AfterValidator(_no_duplicates)]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class Me(BaseModel):
    subject: str
    username: str
    office: str
    roles: list[str]
    kind: str


class Jwks(BaseModel):
    keys: list[dict[str, Any]]


class RotatedKey(BaseModel):
    kid: str


class UserCreate(BaseModel):
    username: Username
    password: Password
    full_name: FullName
    office: OfficeCode
    roles: Roles = Field(default_factory=list)


class UserUpdate(BaseModel):
    """Only the fields sent are changed."""

    full_name: FullName | None = None
    office: OfficeCode | None = None
    roles: Roles | None = None
    disabled: bool | None = None
    password: Password | None = None


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    username: str
    full_name: str
    office: str
    roles: list[str]
    disabled: bool
    version: int
    created_at: datetime
    updated_at: datetime


class UserCreated(BaseModel):
    id: str


class ClientCreate(BaseModel):
    name: FullName
    office: OfficeCode
    roles: Roles = Field(default_factory=list)


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
