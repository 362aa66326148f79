"""Bodies of the user administration routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from apik_gateway.offices.schemas import OfficeCode
from apik_shared.platform.auth import Role
from apik_shared.vocabulary.inputs import Input, PersonName, invalid

Username = Annotated[str, Field(pattern=r"^[a-z0-9._-]{3,80}$", examples=["siti.rahma"])]
# A password is taken as typed: `Input` strips the surrounding whitespace of other texts,
# and a stripped password would not be the one its owner chose.
Password = Annotated[
    str, StringConstraints(strip_whitespace=False), Field(min_length=1, max_length=200)
]


def _no_duplicates(roles: list[Role]) -> list[Role]:
    if len(set(roles)) != len(roles):
        raise invalid("duplicate_items", "each role may be listed once")
    return roles


Roles = Annotated[list[Role], AfterValidator(_no_duplicates)]


class UserCreate(Input):
    username: Username
    password: Password
    full_name: PersonName
    office: OfficeCode
    roles: Roles = Field(default_factory=list)


class UserUpdate(Input):
    """Only the fields sent are changed."""

    full_name: PersonName | None = None
    office: OfficeCode | None = None
    roles: Roles | None = None
    disabled: bool | None = None
    password: Password | None = None


class RoleProposal(Input):
    """The roles the account should hold, all of them: applied when a second admin approves."""

    roles: Roles


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
