"""Staff of one office driving the first flow through the gateway, for end-to-end tests."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from tests.intake.builders import FORMALLY_COMPLETE, report_body


async def login(client: httpx.AsyncClient, username: str, password: str) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def create_user(
    client: httpx.AsyncClient, admin: dict[str, str], username: str, office: str, *roles: str
) -> dict[str, str]:
    password = "Kata-Sandi-Rahasia-2026!"
    response = await client.post(
        "/api/v1/auth/users",
        headers=admin,
        json={
            "username": username,
            "password": password,
            "full_name": username.title(),
            "office": office,
            "roles": list(roles),
        },
    )
    assert response.status_code == 201, response.text
    return await login(client, username, password)


class Office:
    """An intake officer and an examiner of one office, talking to the gateway."""

    def __init__(self, client: httpx.AsyncClient, officer: dict, examiner: dict) -> None:
        self.client, self.officer, self.examiner = client, officer, examiner

    async def register(self, **headers: str) -> httpx.Response:
        return await self.client.post(
            "/api/v1/intake/reports", json=report_body(), headers={**self.officer, **headers}
        )

    async def verified_report(self) -> str:
        """A report waiting for the plenary."""
        created = await self.register()
        assert created.status_code == 201, created.text
        report_id = str(created.json()["id"])
        for path, body in (
            ("formal-verification", FORMALLY_COMPLETE),
            ("material-verification", {"within_authority": True}),
        ):
            response = await self.step(report_id, path, body)
            assert response.status_code == 200, response.text
        return report_id

    async def step(self, report_id: str, path: str, body: dict, **headers: str) -> httpx.Response:
        return await self.client.post(
            f"/api/v1/intake/reports/{report_id}/{path}",
            json=body,
            headers={**self.officer, **headers},
        )

    async def accept(self, report_id: str) -> httpx.Response:
        return await self.step(report_id, "plenary-decision", {"decision": "accept"})

    async def cases(self, report_id: str) -> list[dict]:
        response = await self.client.get(
            "/api/v1/examination/cases", params={"report_id": report_id}, headers=self.examiner
        )
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    async def wait_for_cases(self, report_ids: list[str], within: float = 60) -> None:
        """Waits until every report has its case; fails on a second case for any."""
        deadline = asyncio.get_running_loop().time() + within
        pending = set(report_ids)
        while pending:
            for report_id in list(pending):
                cases = await self.cases(report_id)
                assert len(cases) <= 1, f"report {report_id} has {len(cases)} cases"
                if cases:
                    pending.discard(report_id)
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{len(pending)} reports have no case: {sorted(pending)}")
            await asyncio.sleep(0.1)

    async def assert_one_case_each(self, report_ids: list[str], settle: float = 1.0) -> None:
        """Every report has its case, and after `settle` seconds (late redeliveries have
        had their chance) still exactly one."""
        await self.wait_for_cases(report_ids)
        await asyncio.sleep(settle)
        for report_id in report_ids:
            count = len(await self.cases(report_id))
            assert count == 1, f"report {report_id} has {count} cases"


async def open_office(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    prefix: str = "",
    zone: str = "Asia/Jakarta",
    *,
    code: str | None = None,
    name: str | None = None,
) -> str:
    """A new office, its code `prefix` and six random characters unless `code` is given:
    an office of its own keeps a journey's queues, boards and counts to what it made,
    whatever the other tests on the stack hand over."""
    code = code or f"{prefix}{uuid.uuid4().hex[:6].upper()}"
    opened = await client.post(
        "/api/v1/auth/offices",
        headers=admin,
        json={"code": code, "name": name or f"Perwakilan {code}", "timezone": zone},
    )
    assert opened.status_code == 201, opened.text
    return code


async def intake_staff(
    client: httpx.AsyncClient, admin: dict[str, str], code: str, tag: str
) -> Office:
    """An intake officer (`pvl<tag>`) and an examiner (`riksa<tag>`) of office `code`."""
    officer = await create_user(client, admin, f"pvl{tag}", code, "intake_officer")
    examiner = await create_user(client, admin, f"riksa{tag}", code, "examiner")
    return Office(client, officer, examiner)


async def subject_of(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    """The signed-in user's subject, as rosters and assignments name them."""
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.status_code == 200, me.text
    return str(me.json()["subject"])


async def on_roster(
    client: httpx.AsyncClient, supervisor: dict[str, str], code: str, subject: str, name: str
) -> None:
    """The examiner `subject` on office `code`'s roster, under `name`."""
    put = await client.put(
        f"/api/v1/examination/offices/{code}/examiners/{subject}",
        headers=supervisor,
        json={"display_name": name, "capacity": 10},
    )
    assert put.status_code in (200, 201), put.text


async def staff_office(
    client: httpx.AsyncClient, admin_password: str, code: str = "PUSAT"
) -> Office:
    """An intake officer and an examiner, new users of office `code` (opened if need be)."""
    admin = await login(client, "admin", admin_password)
    if code != "PUSAT":
        await open_office(client, admin, code=code, zone="Asia/Makassar")
    return await intake_staff(client, admin, code, uuid.uuid4().hex[:6])


async def count_all(client: httpx.AsyncClient, path: str, headers: dict[str, str]) -> int:
    """How many items a listing has, over all its pages."""
    total, params = 0, {"limit": "100"}
    while True:
        response = await client.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        total += len(page["items"])
        if not page["next_cursor"]:
            return total
        params["cursor"] = page["next_cursor"]


async def accepted_reports(office: Office, count: int) -> list[str]:
    """`count` reports registered, verified and accepted by the plenary (handed over)."""
    report_ids = []
    for _ in range(count):
        report_id = await office.verified_report()
        accepted = await office.accept(report_id)
        assert accepted.status_code == 200, accepted.text
        report_ids.append(report_id)
    return report_ids


async def handed_over_case(office: Office) -> tuple[str, dict]:
    """A report registered, verified and accepted at the plenary, and the case examination
    opened from the handoff."""
    [report_id] = await accepted_reports(office, 1)
    await office.wait_for_cases([report_id])
    [case] = await office.cases(report_id)
    return report_id, case
