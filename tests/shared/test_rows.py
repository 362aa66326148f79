"""The row dependencies `row_loaders` makes: the route's path parameter reaches the
service's loader by its own name, a locked row is loaded for update and checked against
`If-Match`, and the lock for children leaves `If-Match` to them. The loader is a fake
(pure routing logic); every service's own tests run the real ones against PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from httpx import ASGITransport, AsyncClient

from apik_shared.platform import db
from apik_shared.platform.auth import Principal, current_principal
from apik_shared.platform.problems import NotFound, install_problem_handlers
from apik_shared.platform.rows import row_loaders

KNOWN = uuid.uuid4()


@dataclass
class Row:
    id: uuid.UUID
    version: int
    for_update: bool


async def get_thing(
    *, session: Any, thing_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Row:
    if thing_id != KNOWN:
        raise NotFound("No such thing.")
    return Row(thing_id, 3, for_update)


things = row_loaders(get_thing, "thing_id")
CurrentThing = Annotated[Row, Depends(things.current)]
LockedThing = Annotated[Row, Depends(things.locked)]
ThingOfChildren = Annotated[Row, Depends(things.under_lock)]


def app() -> FastAPI:
    made = FastAPI()
    install_problem_handlers(made)

    async def no_session() -> None:
        return None

    async def someone() -> Principal:
        return Principal(subject="u", username="u", office="KAB", roles=frozenset())

    made.dependency_overrides[db.request_session] = no_session
    made.dependency_overrides[current_principal] = someone

    @made.get("/things/{thing_id}")
    async def read(thing: CurrentThing) -> dict[str, Any]:
        return {"id": str(thing.id), "locked": thing.for_update}

    @made.patch("/things/{thing_id}")
    async def change(thing: LockedThing) -> dict[str, Any]:
        return {"locked": thing.for_update}

    @made.post("/things/{thing_id}/children")
    async def add_child(thing: ThingOfChildren) -> dict[str, Any]:
        return {"locked": thing.for_update}

    return made


def client() -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app=app()), base_url="http://test")


async def test_the_path_parameter_reaches_the_loader_by_its_name() -> None:
    async with client() as http:
        found = await http.get(f"/things/{KNOWN}")
        missing = await http.get(f"/things/{uuid.uuid4()}")
        malformed = await http.get("/things/not-an-id")
    assert found.json() == {"id": str(KNOWN), "locked": False}
    assert missing.status_code == 404
    assert malformed.status_code == 422
    assert "thing_id" in malformed.text


async def test_a_locked_row_is_loaded_for_update_and_checked_against_if_match() -> None:
    async with client() as http:
        current = await http.patch(f"/things/{KNOWN}", headers={"If-Match": '"3"'})
        stale = await http.patch(f"/things/{KNOWN}", headers={"If-Match": '"2"'})
    assert current.json() == {"locked": True}
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")


async def test_the_lock_for_children_leaves_if_match_to_them() -> None:
    async with client() as http:
        added = await http.post(f"/things/{KNOWN}/children", headers={"If-Match": '"1"'})
    assert added.json() == {"locked": True}


def test_the_openapi_names_the_path_parameter_once() -> None:
    operation = app().openapi()["paths"]["/things/{thing_id}"]["patch"]
    names = [p["name"] for p in operation.get("parameters", [])]
    assert names.count("thing_id") == 1
