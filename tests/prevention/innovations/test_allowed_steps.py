"""What an innovation's answer offers (`allowed_steps`) is what its route accepts: the
register's edit button is shown to those who may replace the entry."""

from __future__ import annotations

from apik_prevention.innovations.rules import allowed_steps
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import INNOVATIONS

BODY = {
    "owner": "own",
    "name": "APIK 4 Plus",
    "description": "Aplikasi pengaduan dan pencegahan maladministrasi.",
    "category": "digital",
    "year": 2026,
}


def test_an_entry_is_edited_by_its_writers() -> None:
    assert allowed_steps(writer=True) == ["edit"]
    assert allowed_steps(writer=False) == []


async def test_the_head_edits_and_the_analyst_only_reads(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    tokens: TestTokens,
) -> None:
    analyst = tokens.headers("analyst", office="KAB", username="analis")
    made = await prevention.client.post(INNOVATIONS, json=BODY, headers=enumerator)
    assert made.status_code == 201, made.text
    assert made.json()["allowed_steps"] == ["edit"]
    url = f"{INNOVATIONS}/{made.json()['id']}"

    read = await prevention.client.get(url, headers=analyst)
    assert read.status_code == 200 and read.json()["allowed_steps"] == []
    refused = await prevention.client.put(
        url, json=BODY, headers={**analyst, "If-Match": read.headers["ETag"]}
    )
    assert refused.status_code == 403, refused.text

    listed = await prevention.client.get(INNOVATIONS, headers=head)
    assert [i["allowed_steps"] for i in listed.json()] == [["edit"]]
    edited = await prevention.client.put(
        url,
        json={**BODY, "status": "stopped"},
        headers={**head, "If-Match": made.headers["ETag"]},
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["status"] == "stopped"
