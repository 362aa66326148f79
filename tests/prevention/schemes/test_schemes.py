"""The schemes through the API: shipped and loaded once, read in full, corrected as new
versions; a version in use is frozen."""

from __future__ import annotations

from typing import Any

from apik_prevention.schemes.service import load_shipped
from apik_testing.services import RunningService
from tests.prevention.builders import (
    PROBLEM,
    SCHEMES,
    open_assessment,
    scheme_id,
)


async def test_the_shipped_schemes_are_listed_once(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    listed = await prevention.client.get(SCHEMES, headers=enumerator)
    assert listed.status_code == 200, listed.text
    shipped = {(s["code"], s["version"]) for s in listed.json() if s["version"] == 1}
    assert shipped == {
        ("ombudsman-2021", 1),
        ("ombudsman-2022", 1),
        ("ombudsman-2025", 1),
        ("desa-anti-maladministrasi", 1),  # the villages' instrument (kind `village`)
    }
    assert all(s["unconfirmed"] > 0 for s in listed.json())
    # Start-up again (a second replica, a restart): nothing is added twice.
    async with prevention.app.state.database.sessions() as session, session.begin():
        assert await load_shipped(session) == 0
    assert await prevention.scalar("SELECT count(*) FROM scheme_version WHERE version = 1") == 4


async def test_a_scheme_is_read_in_full_with_what_is_unconfirmed(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    ident = await scheme_id(prevention, enumerator, "ombudsman-2022")
    read = await prevention.client.get(f"{SCHEMES}/{ident}", headers=enumerator)
    assert read.status_code == 200, read.text
    assert read.headers["etag"]
    definition = read.json()["definition"]
    assert definition["legal_basis"]["text"].startswith("Peraturan Ombudsman Nomor 22 Tahun 2016")
    assert [d["weight"] for d in definition["dimensions"]] == [21.85, 32.37, 24.24, 21.54]
    band_a = definition["result"]["bands"][0]
    assert (band_a["min"], band_a["grade"], band_a["confirmed"]) == (88.01, "A", False)
    missing = await prevention.client.get(
        f"{SCHEMES}/00000000-0000-0000-0000-000000000000", headers=enumerator
    )
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM


async def _definition(prevention: RunningService, headers: dict[str, str], ident: str) -> Any:
    return (await prevention.client.get(f"{SCHEMES}/{ident}", headers=headers)).json()


async def test_a_correction_is_a_new_version_and_a_frozen_one_never_changes(
    prevention: RunningService, enumerator: dict[str, str], keeper: dict[str, str]
) -> None:
    ident = await scheme_id(prevention, enumerator, "ombudsman-2021")
    await open_assessment(prevention, enumerator, ident, year=2021)  # freezes it
    current = await _definition(prevention, keeper, ident)
    assert current["frozen"]
    definition = current["definition"]
    definition["result"]["bands"][0]["min"] = 80
    body = {"reason": "Batas zona hijau dikoreksi", "definition": definition}

    edited = await prevention.client.put(
        f"{SCHEMES}/{ident}", json=body, headers={**keeper, "If-Match": "*"}
    )
    assert edited.status_code == 409, edited.text
    assert edited.json()["type"] == "/problems/scheme-frozen"

    made = await prevention.client.post(f"{SCHEMES}/{ident}/versions", json=body, headers=keeper)
    assert made.status_code == 201, made.text
    new = made.json()
    assert (new["code"], new["version"], new["frozen"], new["latest"]) == (
        "ombudsman-2021",
        2,
        False,
        True,
    )
    assert new["based_on"] == ident and new["reason"] == "Batas zona hijau dikoreksi"
    assert made.headers["location"].endswith(f"/schemes/{new['id']}")
    # The frozen version is as it was.
    again = await _definition(prevention, keeper, ident)
    assert again["definition"]["result"]["bands"][0]["min"] == 81 and not again["latest"]

    # The new version is not used yet: it may be edited in place, with its ETag.
    definition["notes"] = "Dikoreksi oleh unit pencegahan pusat."
    stale = await prevention.client.put(
        f"{SCHEMES}/{new['id']}",
        json={"reason": "catatan", "definition": definition},
        headers={**keeper, "If-Match": '"0"'},
    )
    assert stale.status_code == 412
    changed = await prevention.client.put(
        f"{SCHEMES}/{new['id']}",
        json={"reason": "catatan", "definition": definition},
        headers={**keeper, "If-Match": made.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["definition"]["notes"] == "Dikoreksi oleh unit pencegahan pusat."


async def test_a_definition_that_does_not_add_up_is_refused_by_field(
    prevention: RunningService, keeper: dict[str, str]
) -> None:
    ident = await scheme_id(prevention, keeper, "ombudsman-2022")
    definition = (await _definition(prevention, keeper, ident))["definition"]
    definition["dimensions"][0]["weight"] = 25
    answer = await prevention.client.post(
        f"{SCHEMES}/{ident}/versions",
        json={"reason": "bobot", "definition": definition},
        headers=keeper,
    )
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["pointer"] == "#/body/definition/dimensions"
    assert (error["code"], error["params"]) == ("weights_not_100", {"total": "103.15"})
    definition["dimensions"][0]["weight"] = 21.85
    definition["code"] = "lain"
    other = await prevention.client.post(
        f"{SCHEMES}/{ident}/versions",
        json={"reason": "kode", "definition": definition},
        headers=keeper,
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["pointer"] == "#/body/definition/code"
    versions = await prevention.scalar(
        "SELECT count(*) FROM scheme_version WHERE code = 'ombudsman-2022'"
    )
    assert versions == 1


async def test_only_the_national_prevention_unit_changes_a_scheme(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    ident = await scheme_id(prevention, enumerator, "ombudsman-2025")
    definition = (await _definition(prevention, enumerator, ident))["definition"]
    for headers in (enumerator, head):
        answer = await prevention.client.post(
            f"{SCHEMES}/{ident}/versions",
            json={"reason": "x", "definition": definition},
            headers=headers,
        )
        assert answer.status_code == 403, answer.text
