"""Through the gateway, with every process real: a walk-in visit from check-in to the form."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from apik_testing.pdf import check_structure, text_of
from apik_testing.stack import ADMIN_PASSWORD
from tests.consultation.builders import png_base64, visit_body
from tests.e2e.office import create_user, login

pytestmark = pytest.mark.e2e
VISITS = "/api/v1/consultation/visits"


async def desk_staff(gateway: httpx.AsyncClient) -> tuple[dict, dict]:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    tag = uuid.uuid4().hex[:6]
    supervisor = await create_user(gateway, admin, f"penyelia{tag}", "PUSAT", "desk_supervisor")
    officer = await create_user(gateway, admin, f"amer{tag}", "PUSAT", "desk_officer")
    return supervisor, officer


async def test_check_in_assign_serve_rate_and_take_the_form_home(gateway):
    supervisor, officer = await desk_staff(gateway)
    created = await gateway.post(VISITS, json=visit_body(), headers=officer)
    assert created.status_code == 201, created.text
    visit = created.json()
    url = f"{VISITS}/{visit['id']}"
    slip = await gateway.get(f"{url}/slip.pdf", headers=officer)
    assert slip.status_code == 200 and slip.headers["content-type"] == "application/pdf"
    check_structure(slip.content)

    # The desk's screen: the live queue streams through the gateway.
    stream = "/api/v1/consultation/queue/stream"
    async with gateway.stream("GET", stream, headers=supervisor) as live:
        assert live.status_code == 200
        assert live.headers["content-type"].startswith("text/event-stream")
        lines = live.aiter_lines()
        next_line = ""
        while not next_line.startswith("data: "):
            next_line = await anext(lines)
        queue = json.loads(next_line.removeprefix("data: "))
    assert visit["id"] in [v["id"] for v in queue["items"]]

    me = (await gateway.get("/api/v1/auth/me", headers=officer)).json()
    assigned = await gateway.post(
        f"{url}/assign", json={"officer": me["username"]}, headers=supervisor
    )
    assert assigned.status_code == 200, assigned.text
    for path, body in (
        ("start", None),
        ("end", {"outcome": "Syarat kualifikasi dijelaskan"}),
        ("rating", {"score": 5, "comment": "Sangat membantu", "signature": png_base64()}),
    ):
        response = await gateway.post(f"{url}/{path}", json=body, headers=officer)
        assert response.status_code == 200, f"{path}: {response.text}"
    final = response.json()
    assert final["status"] == "completed" and final["rating"] == 5
    assert final["officer"] == me["username"]
    assert final["duration_seconds"] >= 0 and final["clock_running"] is False

    form = await gateway.get(f"{url}/form.pdf", headers=officer)
    assert form.status_code == 200 and form.headers["content-type"] == "application/pdf"
    check_structure(form.content)
    text = text_of(form.content)
    assert "Siti Rahmawati" in text and "5 dari 5 (Sangat baik)" in text
    assert "detik" in text  # the service's duration

    bad = await gateway.post(f"{url}/rating", json={"score": 6}, headers=officer)
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
