"""An MoU and a PKS under it: drafted, signed document required to activate, listed by
status and end date, activities recorded, terminated, renewed as a new version."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from apik_shared.vocabulary.calendar import earliest_date_in_indonesia
from apik_testing.services import RunningService
from tests.prevention.builders import (
    AGREEMENTS,
    PROBLEM,
    SIGNED,
    active_agreement,
    agreement_body,
)


async def test_a_draft_is_activated_only_with_its_signed_document(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    made = await prevention.client.post(AGREEMENTS, json=agreement_body(), headers=enumerator)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "draft" and made.json()["has_document"] is False
    url = f"{AGREEMENTS}/{made.json()['id']}"
    etag = made.headers["ETag"]

    early = await prevention.client.post(
        f"{url}/activation", headers={**enumerator, "If-Match": etag}
    )
    assert early.status_code == 409, early.text
    assert early.json()["type"] == "/problems/agreement-not-activatable"
    # The specific reason, as a code a client words in its own language, beside the
    # English detail.
    assert early.json()["code"] == "no_document", early.text
    assert early.json()["params"] == {}
    assert early.json()["detail"] == "Upload the signed document first."

    # A page pretending to be a PDF is refused by its content; nothing changes.
    fake = await prevention.client.put(
        f"{url}/document",
        params={"filename": "mou.pdf"},
        content=b"<html><script>alert(1)</script></html>",
        headers={**enumerator, "If-Match": etag},
    )
    assert fake.status_code in (415, 422), fake.text
    assert fake.headers["content-type"].startswith(PROBLEM)

    uploaded = await prevention.client.put(
        f"{url}/document",
        params={"filename": "mou.pdf"},
        content=SIGNED,
        headers={**enumerator, "If-Match": etag},
    )
    assert uploaded.status_code == 200, uploaded.text
    assert uploaded.json()["document"]["media_type"] == "application/pdf"
    downloaded = await prevention.client.get(f"{url}/document", headers=enumerator)
    assert downloaded.status_code == 200 and downloaded.content == SIGNED
    async with prevention.app.state.database.sessions() as session:
        readers = await session.execute(
            text("SELECT read_by FROM agreement_document_read WHERE agreement_id = :id"),
            {"id": made.json()["id"]},
        )
        assert list(readers.scalars()) == ["enumerator"]  # the download is recorded

    stale = await prevention.client.post(
        f"{url}/activation", headers={**enumerator, "If-Match": etag}
    )
    assert stale.status_code == 412, stale.text
    activated = await prevention.client.post(
        f"{url}/activation", headers={**enumerator, "If-Match": uploaded.headers["ETag"]}
    )
    assert activated.status_code == 200, activated.text
    assert activated.json()["status"] == "active"
    assert [h["step"] for h in activated.json()["history"]] == [
        "drafted",
        "document uploaded",
        "activated",
    ]
    # Signed and in force: the document stays the one it was activated with.
    again = await prevention.client.put(
        f"{url}/document",
        params={"filename": "mou.pdf"},
        content=SIGNED,
        headers={**enumerator, "If-Match": activated.headers["ETag"]},
    )
    assert again.status_code == 409, again.text


async def test_a_pks_lives_under_an_mou_in_force(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    orphan = await prevention.client.post(
        AGREEMENTS, json=agreement_body(kind="pks"), headers=enumerator
    )
    assert orphan.status_code == 422, orphan.text
    assert orphan.json()["errors"][0]["pointer"] == "#/body/parent_id"

    mou = await active_agreement(prevention, enumerator)
    # Another office cannot put its PKS under this MoU, nor see it.
    foreign = await prevention.client.post(
        AGREEMENTS, json=agreement_body(kind="pks", parent_id=mou["id"]), headers=tokens_other
    )
    assert foreign.status_code == 422, foreign.text
    hidden = await prevention.client.get(f"{AGREEMENTS}/{mou['id']}", headers=tokens_other)
    assert hidden.status_code == 404

    pks = await active_agreement(
        prevention, enumerator, kind="pks", parent_id=mou["id"], title="PKS Magang Mahasiswa"
    )
    assert pks["parent_id"] == mou["id"] and pks["status"] == "active"
    detail = await prevention.client.get(f"{AGREEMENTS}/{mou['id']}", headers=enumerator)
    assert detail.json()["pks"] == [pks["id"]]

    activity = await prevention.client.post(
        f"{AGREEMENTS}/{pks['id']}/activities",
        json={"kind": "internship", "title": "Magang Gelombang I", "held_on": "2026-07-01"},
        headers=enumerator,
    )
    assert activity.status_code == 201, activity.text
    detail = await prevention.client.get(f"{AGREEMENTS}/{pks['id']}", headers=enumerator)
    assert [a["title"] for a in detail.json()["activities"]] == ["Magang Gelombang I"]


async def test_dates_out_of_order_are_refused_naming_the_field(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    bad = await prevention.client.post(
        AGREEMENTS,
        json=agreement_body(starts_on="2027-01-01", ends_on="2026-01-01"),
        headers=enumerator,
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"] == "#/body/ends_on"
    odd = await prevention.client.post(
        AGREEMENTS,
        json=agreement_body(parties=[{"name": "X", "kind": "alien"}]),
        headers=enumerator,
    )
    assert odd.status_code == 422 and odd.headers["content-type"].startswith(PROBLEM)


async def test_the_list_filters_by_status_and_end_within_days(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    today = earliest_date_in_indonesia()
    soon = await active_agreement(
        prevention, enumerator, ends_on=(today + timedelta(days=45)).isoformat()
    )
    later = await active_agreement(
        prevention, enumerator, ends_on=(today + timedelta(days=400)).isoformat()
    )
    within = await prevention.client.get(AGREEMENTS, params={"expiring_within": 60}, headers=head)
    assert within.status_code == 200, within.text
    ids = [a["id"] for a in within.json()]
    assert soon["id"] in ids and later["id"] not in ids
    short = await prevention.client.get(AGREEMENTS, params={"expiring_within": 30}, headers=head)
    assert soon["id"] not in [a["id"] for a in short.json()]
    drafts = await prevention.client.get(AGREEMENTS, params={"status": "draft"}, headers=head)
    assert all(a["status"] == "draft" for a in drafts.json())
    assert soon["id"] not in [a["id"] for a in drafts.json()]
    bad = await prevention.client.get(AGREEMENTS, params={"expiring_within": -1}, headers=head)
    assert bad.status_code == 422


async def test_termination_and_renewal_as_a_new_version(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    first = await active_agreement(prevention, enumerator)
    url = f"{AGREEMENTS}/{first['id']}"
    overlapping = await prevention.client.post(
        f"{url}/renewal",
        json={"starts_on": "2027-06-30", "ends_on": "2032-06-30"},
        headers=enumerator,
    )
    assert overlapping.status_code == 422, overlapping.text
    assert overlapping.json()["errors"][0]["pointer"] == "#/body/starts_on"
    renewal = await prevention.client.post(
        f"{url}/renewal",
        json={"starts_on": "2027-07-01", "ends_on": "2032-06-30", "number": "MoU/II/2027"},
        headers=enumerator,
    )
    assert renewal.status_code == 201, renewal.text
    second = renewal.json()
    assert second["previous_id"] == first["id"] and second["renewal"] == 1
    assert second["status"] == "draft" and second["title"] == first["title"]
    assert second["parties"] == first["parties"]
    twice = await prevention.client.post(
        f"{url}/renewal",
        json={"starts_on": "2027-07-01", "ends_on": "2032-06-30"},
        headers=enumerator,
    )
    assert twice.status_code == 409
    assert twice.json()["type"] == "/problems/agreement-already-renewed"
    detail = await prevention.client.get(url, headers=enumerator)
    assert detail.json()["renewed_by"] == second["id"]

    # The head reads but does not terminate; the unit does, with the reason.
    etag = detail.headers["ETag"]
    refused = await prevention.client.post(
        f"{url}/termination", json={"reason": "x"}, headers={**head, "If-Match": etag}
    )
    assert refused.status_code == 403
    ended = await prevention.client.post(
        f"{url}/termination",
        json={"reason": "Para pihak sepakat mengakhiri"},
        headers={**enumerator, "If-Match": etag},
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["status"] == "terminated"
    assert ended.json()["history"][-1]["reason"] == "Para pihak sepakat mengakhiri"
    # In force from its activation, ended by the termination: references only.
    [activated] = await prevention.outbox_events("agreement.activated", subject=first["id"])
    assert activated.data["kind"] == "mou" and activated.data["ends_on"] == first["ends_on"]
    [finished] = await prevention.outbox_events("agreement.ended", subject=first["id"])
    assert finished.data["status"] == "terminated"
    assert "Para pihak" not in str(finished.data) and first["title"] not in str(activated.data)
    # The draft renewal is in force nowhere: nothing announced for it.
    assert await prevention.outbox_events("agreement.activated", subject=second["id"]) == []
    # A draft renewal cannot be renewed, nor receive activities.
    draft_url = f"{AGREEMENTS}/{second['id']}"
    assert (
        await prevention.client.post(
            f"{draft_url}/activities", json={"kind": "seminar", "title": "S"}, headers=enumerator
        )
    ).status_code == 409


async def test_a_retried_creation_answers_the_first_agreement(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    headers = {**enumerator, "Idempotency-Key": "agreement-retry-1"}
    body = agreement_body()
    first = await prevention.client.post(AGREEMENTS, json=body, headers=headers)
    again = await prevention.client.post(AGREEMENTS, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.headers["Location"] == again.headers["Location"]
    assert first.headers["ETag"] == again.headers["ETag"]
