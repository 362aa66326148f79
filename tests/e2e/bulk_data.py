"""The bulk journey's office (`frontend/e2e/bulk.mjs`): a supervisor who also works at
intake, two examiners on the roster, three cases waiting (one already with Rina, so the
preview refuses it), two reports still at intake and the accepted ones that can no
longer be routed."""

from __future__ import annotations

import uuid

import httpx

from tests.e2e.office import (
    accepted_reports,
    create_user,
    intake_staff,
    on_roster,
    open_office,
    subject_of,
)


async def bulk_office(gateway: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    code = await open_office(gateway, admin, "BK", "Asia/Makassar")
    tag = uuid.uuid4().hex[:6]
    office = await intake_staff(gateway, admin, code, tag)
    username = f"massal{tag}"
    supervisor = await create_user(
        gateway, admin, username, code, "examination_supervisor", "intake_officer"
    )
    rina = await subject_of(gateway, office.examiner)
    for subject, name in ((rina, "Rina Pemeriksa"), (f"user:dedi{tag}", "Dedi Pemeriksa")):
        await on_roster(gateway, supervisor, code, subject, name)
    report_ids = await accepted_reports(office, 3)
    await office.wait_for_cases(report_ids)
    cases = [(await office.cases(r))[0] for r in report_ids]
    taken = await gateway.post(
        f"/api/v1/examination/cases/{cases[0]['id']}/assignment",
        headers={**supervisor, "If-Match": f'"{cases[0]["version"]}"'},
        json={"examiner_id": rina},
    )
    assert taken.status_code == 200, taken.text
    waiting = []
    for _ in range(2):
        created = await office.register()
        assert created.status_code == 201, created.text
        waiting.append(created.json()["registration_number"])
    return {
        "APIK_BULK_USER": username,
        "APIK_BULK_OFFICE": code,
        "APIK_BULK_CASES": ",".join(c["registration_number"] for c in cases),
        "APIK_BULK_WAITING": ",".join(waiting),
    }
