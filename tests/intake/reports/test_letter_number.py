"""A letter's own number (nomor surat): kept on a letter's registration, shown, and handed
over with the report (integration's peers recognise a letter by it); refused on any
other channel, naming the field, with nothing registered."""

from __future__ import annotations

from tests.intake.builders import FORMALLY_COMPLETE, REPORTS, report_body

PROBLEM = "application/problem+json"
NUMBER = "005/DPU/III/2026"


async def test_a_letter_keeps_its_number_and_hands_it_over(intake, officer) -> None:
    body = report_body(channel="letter", letter_number=f"  {NUMBER} ")
    response = await intake.client.post(REPORTS, json=body, headers=officer)
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["letter_number"] == NUMBER  # whitespace stripped, as every line
    url = f"{REPORTS}/{report['id']}"
    steps = [
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ]
    for path, step in steps:
        answer = await intake.client.post(f"{url}/{path}", json=step, headers=officer)
        assert answer.status_code == 200, answer.text
    [handoff] = await intake.outbox_events("report.verified", subject=report["id"])
    assert handoff.data["letter_number"] == NUMBER
    # A letter without one is a letter still; its handoff says none.
    plain = await intake.client.post(REPORTS, json=report_body(channel="letter"), headers=officer)
    assert plain.status_code == 201 and plain.json()["letter_number"] is None


async def test_a_letter_number_off_the_letter_channel_is_refused(intake, officer) -> None:
    before = await intake.scalar("SELECT count(*) FROM report")
    for channel, number in (("web", NUMBER), ("letter", ""), ("letter", "x" * 101)):
        body = report_body(channel=channel, letter_number=number)
        response = await intake.client.post(REPORTS, json=body, headers=officer)
        assert response.status_code == 422, (channel, response.text)
        assert response.headers["content-type"] == PROBLEM
        pointers = [e["pointer"] for e in response.json()["errors"]]
        assert pointers == ["#/body/letter_number"], pointers
    assert await intake.scalar("SELECT count(*) FROM report") == before
