"""The public form's substances come from the API (issue 21: labels are never hard-coded
in the web app): the national catalogue and the chosen office's own, with no login."""

from __future__ import annotations

import uuid

PUBLIC = "/api/v1/intake/public/substances"


async def test_the_public_form_offers_the_catalogue_and_the_offices_own(intake, tokens):
    code = f"pasar_{uuid.uuid4().hex[:8]}"
    added = await intake.client.post(
        "/api/v1/intake/substances",
        json={"code": code, "name_id": "Pasar Rakyat", "name_en": "Public markets"},
        headers=tokens.headers("head", office="BKL"),
    )
    assert added.status_code == 201, added.text
    bengkulu = await intake.client.get(PUBLIC, params={"office": "BKL"})
    assert bengkulu.status_code == 200, bengkulu.text
    offered = {s["code"]: s for s in bengkulu.json()}
    assert (
        offered["education"]["name_id"] == "Pendidikan" and offered["education"]["office"] is None
    )
    assert offered[code]["name_id"] == "Pasar Rakyat" and offered[code]["office"] == "BKL"
    # Another office's form does not offer Bengkulu's own.
    makassar = await intake.client.get(PUBLIC, params={"office": "MKS"})
    assert "education" in {s["code"] for s in makassar.json()}
    assert code not in {s["code"] for s in makassar.json()}


async def test_a_bad_office_is_a_problem_naming_the_query(intake):
    for params in ({}, {"office": "bkl; drop"}):
        bad = await intake.client.get(PUBLIC, params=params)
        assert bad.status_code == 422, bad.text
        assert bad.headers["content-type"] == "application/problem+json"
        assert bad.json()["errors"][0]["pointer"] == "#/query/office"
