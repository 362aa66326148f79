"""Offices stay apart (issue 16, item 4), through the gateway with every process real.

A caller of office B holding every role but `national` tries every write operation of
the merged OpenAPI document, and every read of one resource, against office A: with A's
real ids in the path (a report, its case, a visit, a risk, an archive file and its loan,
a user, a substance of A's own, A's code) and `office` naming A in the body and query.
Each must answer 403 or 404. The list comes from the document itself, so a new route is
walked as soon as it is published; a path parameter this module does not know gets a
placeholder. `If-Match: *` is sent, so a write that got past the office check succeeds
instead of stopping at a missing version.

Creating routes without a path that create in the caller's own office are named in
`OWN_OFFICE`: for them the answer may be a success, but what they create must be B's,
and a body naming office A must not succeed.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from apik_shared.platform.auth import Role
from apik_shared.vocabulary.calendar import earliest_date_in_indonesia
from apik_testing.stack import ADMIN_PASSWORD
from tests.consultation.builders import risk_body, visit_body
from tests.e2e.office import login, open_office
from tests.intake.builders import FORMALLY_COMPLETE, report_body
from tests.internship.builders import LETTER, application_body, form

pytestmark = pytest.mark.e2e
WRITES = ("post", "put", "patch", "delete")
# `community_member` is held alone (a Sahabat Ombudsman member's account); what it reaches,
# its own reports only, is tested in tests/intake/reports/test_community_member_files.py.
EVERY_ROLE_BUT_NATIONAL = [
    role.value for role in Role if role not in (Role.national, Role.community_member)
]

# Operations that act only in the caller's own office (or on the caller's own session):
# they may succeed for office B, as long as what they make is B's.
OWN_OFFICE = {
    "gateway_tokens_issue_token": "signs the caller in",
    "gateway_tokens_logout": "ends the caller's own session (walked last)",
    "gateway_users_create_user": "a user of the admin's office (the body's office is checked)",
    "gateway_clients_create_client": "an API client of the admin's office",
    "intake_reports_register_report": "a report of the caller's office",
    "intake_records_record_letter": "a letter of the caller's office",
    "intake_records_add_archive_file": "an archive file of the caller's office",
    "intake_records_record_outreach": "an outreach of the caller's office",
    "intake_reference_add_substance": "a substance of the caller's office's own",
    "examination_activities_add_contact": "a contact of the caller's office",
    "consultation_visits_check_in": "a visit of the caller's office",
    "consultation_risks_register_risk": "a risk of the caller's office",
    "intake_privacy_subject_access": "a search (POST: no identifier in URLs) of the DPO's office",
    "consultation_privacy_subject_access": "a search of the DPO's own office's visits",
    "examination_privacy_subject_access": "a search of the DPO's own office's contacts",
    "internship_quotas_set_quota": "a quota of the caller's office (the body names none)",
    "internship_cohorts_create_cohort": "a cohort of the caller's office (the body names none)",
    "internship_red_button_register_officer": "an entry of the caller's office's register of "
    "protection officers, keyed by a user name (no id of A's in the path)",
    "internship_red_button_replace_roster": "the caller's office's on-duty roster (the body "
    "names no office, only user names)",
    "prevention_assessments_open_assessment": "an assessment of the caller's office (the body "
    "names none)",
    "prevention_clinics_create_clinic": "a coaching clinic of the caller's office (the body "
    "names none)",
    "prevention_focal_points_create_focal_point": "a focal point of the caller's office (the "
    "body names none)",
    "prevention_focal_points_create_group": "a discussion group of the caller's office (its "
    "members must be of that office)",
    "prevention_studies_create_study": "a study of the caller's office (the body names none)",
    "integration_webhooks_create_subscription": "a webhook subscription of the caller's office",
    "integration_imports_check_import": "an import of old records into the caller's office",
    "internship_learning_create_material": "a material of the caller's office's library",
    "prevention_agreements_create_agreement": "an MoU of the caller's office (a PKS's MoU must "
    "be of that office)",
    "internship_alumni_add_alumnus": "an alumnus of the caller's office (a named internship "
    "must be of that office)",
    "intake_notifications_write_template": "the caller's office's own wording of a kind of "
    "notification (the path names the kind, no resource of A's)",
    "internship_alerting_put_contact": "the caller's office's alert contact of a user name "
    "(the path names a user, no resource of A's)",
    "internship_formats_put_format": "the caller's office's print format of an institution "
    "(the path names the format's key)",
    "prevention_articles_create_article": "an article of the caller's office",
    "prevention_social_media_create_post": "a post in the caller's office's social media log",
    "prevention_social_media_import_posts": "posts imported into the caller's office's log",
    "prevention_innovations_create_innovation": "an innovation in the caller's office's register",
    "prevention_villages_nominate_village": "a village nominated by the caller's office",
    "prevention_community_create_group": "a Sahabat Ombudsman group of the caller's office",
    "prevention_community_create_member": "a member of one of the caller's office's groups "
    "(a group of another office is refused)",
}
# Of those, the ones whose path names a key of the caller's office, not a resource of A's.
OWN_OFFICE_KEYED = {
    "internship_red_button_register_officer",
    "intake_notifications_write_template",
    "internship_alerting_put_contact",
    "internship_formats_put_format",
}
# Reads of one resource that every signed-in caller may make, whatever its office.
READABLE_BY_ALL = {
    "gateway_offices_get_office": "the office registry (forms need names and zones)",
    "prevention_schemes_get_scheme": "the assessment's schemes serve every office",
    "prevention_fieldwork_get_template": "a scheme's entry template (schemes serve every office)",
    "intake_notifications_read_template": "the caller's own office's wording of a kind of "
    "notification: the path names the kind, the answer is the caller's office's",
}
# Routes that take no token: the sender signs the request with a secret it shares with
# us, which office B's caller does not hold; any refusal (4xx) keeps the wall.
SIGNED_BY_SENDER = {
    "integration_portals_receive_webhook": "a portal's webhook (Standard Webhooks signature)",
}


class Walk:
    """Office A's resources, and office B's caller who walks the document."""

    def __init__(self, client: httpx.AsyncClient, a: str, b: str) -> None:
        self.client, self.a, self.b = client, a, b
        self.ids: dict[str, str] = {}
        self.owner: dict[str, str] = {}
        self.attacker: dict[str, str] = {}

    def mentions_a(self, text: str) -> bool:
        return any(value in text for value in (self.a, *self.ids.values()))

    async def post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict:
        response = await self.client.post(path, json=body, headers=headers)
        assert response.status_code in (200, 201), f"{path}: {response.text}"
        result: dict = response.json()
        return result


async def staff(
    client: httpx.AsyncClient, admin: dict[str, str], office: str
) -> tuple[str, dict[str, str]]:
    """A user of `office` with every role but national: (user id, auth headers)."""
    username, password = f"semua{uuid.uuid4().hex[:8]}", "Kata-Sandi-Rahasia-2026!"
    created = await client.post(
        "/api/v1/auth/users",
        headers=admin,
        json={
            "username": username,
            "password": password,
            "full_name": "Semua Peran",
            "office": office,
            "roles": EVERY_ROLE_BUT_NATIONAL,
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"]), await login(client, username, password)


async def office_a_resources(walk: Walk) -> None:
    """A report accepted and handed over (its case), an archive file lent, a visit, a
    risk and a substance of A's own, each made by A's own staff."""
    owner, v1 = walk.owner, "/api/v1"
    report = await walk.post(f"{v1}/intake/reports", report_body(), owner)
    walk.ids["report_id"] = str(report["id"])
    for step, body in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        await walk.post(f"{v1}/intake/reports/{report['id']}/{step}", body, owner)
    archived = await walk.post(
        f"{v1}/intake/archive/files",
        {"code": f"A-{uuid.uuid4().hex[:6]}", "title": "Berkas"},
        owner,
    )
    walk.ids["file_id"] = str(archived["id"])
    due = (earliest_date_in_indonesia() + timedelta(days=7)).isoformat()
    loan = await walk.post(
        f"{v1}/intake/archive/files/{archived['id']}/loans",
        {"borrower": "Asisten", "purpose": "pemeriksaan", "due_on": due},
        owner,
    )
    walk.ids["loan_id"] = str(loan["id"])
    walk.ids["visit_id"] = str(
        (await walk.post(f"{v1}/consultation/visits", visit_body(), owner))["id"]
    )
    walk.ids["risk_id"] = str(
        (await walk.post(f"{v1}/consultation/risks", risk_body(), owner))["id"]
    )
    code = f"milik_{uuid.uuid4().hex[:8]}"
    await walk.post(
        f"{v1}/intake/substances", {"code": code, "name_id": "Pelabuhan", "name_en": "Port"}, owner
    )
    walk.ids["substance"] = code
    walk.ids["case_id"] = await handed_over_case(walk, str(report["id"]))
    # A public address (no DNS needed, not refused as private); an event type the walk
    # never causes, so nothing is sent to it.
    subscription = await walk.post(
        f"{v1}/integration/webhooks/subscriptions",
        {"client": "Sistem A", "url": "https://103.10.20.30/hook", "event_types": ["case.closed"]},
        owner,
    )
    walk.ids["subscription_id"] = str(subscription["id"])
    sheet = b"Nomor Registrasi,Tanggal Diterima,Uraian\r\nLAMA-1,05/03/2019,KTP tidak terbit\r\n"
    imported = await walk.client.post(
        f"{v1}/integration/imports", files={"file": ("arsip.csv", sheet, "text/csv")}, headers=owner
    )
    assert imported.status_code == 201, imported.text
    walk.ids["import_id"] = str(imported.json()["id"])
    await prevention_assessment(walk)


async def prevention_assessment(walk: Walk) -> None:
    """An assessment of A's, with an entry, scored with a shipped scheme."""
    v1 = "/api/v1/prevention"
    listed = await walk.client.get(f"{v1}/schemes", headers=walk.owner)
    assert listed.status_code == 200, listed.text
    scheme = next(s["id"] for s in listed.json() if s["code"] == "ombudsman-2022")
    walk.ids["scheme_id"] = str(scheme)
    body = {
        "unit_name": f"Kantor Pertanahan {walk.a}",
        "unit_type": "land_office",
        "region": "Bengkulu",
        "year": 2023,
        "scheme_id": scheme,
    }
    assessment = await walk.post(f"{v1}/assessments", body, walk.owner)
    walk.ids["assessment_id"] = str(assessment["id"])
    entry = {
        "respondent_type": "service_user",
        "method": "interview",
        "taken_at": datetime.now(UTC).isoformat(),
        "place": "Loket",
        "answers": [{"indicator": "O.1", "value": 3}],
    }
    made = await walk.post(f"{v1}/assessments/{assessment['id']}/entries", entry, walk.owner)
    walk.ids["entry_id"] = str(made["id"])
    await prevention_agreement(walk)
    await prevention_study(walk)
    await prevention_clinic(walk)


async def prevention_study(walk: Walk) -> None:
    """A study of A's, in drafting, with a suggestion to an agency."""
    v1 = "/api/v1/prevention/studies"
    body = {"title": f"Kajian {walk.a}", "topic": "Pelayanan KTP-el", "year": 2026}
    study = await walk.post(v1, body, walk.owner)
    walk.ids["study_id"] = str(study["id"])
    for stage in ("proposal", "fieldwork", "drafting"):
        await walk.post(f"{v1}/{study['id']}/stage", {"stage": stage}, walk.owner)
    suggestion = {"agency": "Dinas Dukcapil", "text": "Standar waktu", "due_on": "2027-03-31"}
    made = await walk.post(f"{v1}/{study['id']}/suggestions", suggestion, walk.owner)
    walk.ids["suggestion_id"] = str(made["id"])


async def prevention_clinic(walk: Walk) -> None:
    """A coaching clinic of A's with a registered participant."""
    v1 = "/api/v1/prevention"
    body = {"title": f"Klinik {walk.a}", "held_on": "2024-05-21", "place": "Aula"}
    clinic = await walk.post(f"{v1}/clinics", body, walk.owner)
    walk.ids["clinic_id"] = str(clinic["id"])
    person = {"name": "Ani Rahmawati", "agency": "Dinas Kesehatan"}
    made = await walk.post(f"{v1}/clinics/{clinic['id']}/participants", person, walk.owner)
    walk.ids["participant_id"] = str(made["id"])
    await prevention_focal_point(walk)
    await internship_a_resources(walk)


async def prevention_focal_point(walk: Walk) -> None:
    """A focal point of A's (with consent to contact and groups) in a group of A's."""
    v1 = "/api/v1/prevention"
    body = {
        "name": "Rina Marlina",
        "role": "Pengelola Pengaduan",
        "agency": "Dinas Kesehatan",
        "regency": "Kabupaten Kaur",
        "phone": "081234567890",
        "valid_from": "2024-01-01",
        "consent": {"given_on": "2024-01-05", "scope": ["contact", "discussion_group"]},
    }
    point = await walk.post(f"{v1}/focal-points", body, walk.owner)
    walk.ids["point_id"] = str(point["id"])
    group = {"name": "Grup WA Kaur", "regency": "Kabupaten Kaur", "members": [point["id"]]}
    made = await walk.post(f"{v1}/discussion-groups", group, walk.owner)
    walk.ids["group_id"] = str(made["id"])


async def prevention_agreement(walk: Walk) -> None:
    """An MoU of A's, signed, in force, with an activity."""
    v1 = "/api/v1/prevention/agreements"
    body = {
        "kind": "mou",
        "title": f"Nota Kesepahaman {walk.a}",
        "parties": [
            {"name": f"Ombudsman RI Perwakilan {walk.a}", "kind": "office"},
            {"name": "Universitas Negeri", "kind": "university"},
        ],
        "starts_on": "2026-01-02",
        "ends_on": (earliest_date_in_indonesia() + timedelta(days=400)).isoformat(),
    }
    mou = await walk.post(v1, body, walk.owner)
    walk.ids["agreement_id"] = str(mou["id"])
    signed = await walk.client.put(
        f"{v1}/{mou['id']}/document",
        params={"filename": "mou.pdf"},
        content=LETTER,
        headers=walk.owner,
    )
    assert signed.status_code == 200, signed.text
    await walk.post(f"{v1}/{mou['id']}/activation", {}, walk.owner)
    await walk.post(
        f"{v1}/{mou['id']}/activities", {"kind": "seminar", "title": "Seminar"}, walk.owner
    )


async def internship_a_resources(walk: Walk) -> None:
    """An internship of A's, accepted and completed (its certificate), a module of A's
    library with a version, and its intern recorded as an alumnus."""
    owner, v1 = walk.owner, "/api/v1/internship"
    quota = await walk.client.put(
        f"{v1}/quotas", json={"unit": "intake", "month": "2025-06", "places": 5}, headers=owner
    )
    assert quota.status_code == 200, quota.text
    body = application_body(office=walk.a, period_start="2025-06-02", period_end="2025-06-13")
    filed = await walk.client.post(f"{v1}/public/applications", **form(body))
    assert filed.status_code == 201, filed.text
    listed = await walk.client.get(f"{v1}/applications", headers=owner)
    application_id = str(listed.json()["items"][0]["id"])
    walk.ids["application_id"] = application_id
    await walk.post(f"{v1}/applications/{application_id}/acceptance", {"unit": "intake"}, owner)
    certificate = await walk.post(
        f"{v1}/applications/{application_id}/completion",
        {
            "evaluation_score": 90,
            "before_records": {"days_present": 8, "logbook_approved": 8, "reason": "Kertas."},
        },
        owner,
    )
    walk.ids["certificate_id"] = str(certificate["id"])
    material = await walk.post(
        f"{v1}/learning/materials", {"kind": "module", "title": "Modul Maladministrasi"}, owner
    )
    walk.ids["material_id"] = str(material["id"])
    version = await walk.client.post(
        f"{v1}/learning/materials/{material['id']}/versions",
        params={"filename": "modul.pdf"},
        content=LETTER,
        headers={**owner, "Content-Type": "application/octet-stream"},
    )
    assert version.status_code == 201, version.text
    walk.ids["version_id"] = str(version.json()["id"])
    alumnus = await walk.post(
        f"{v1}/alumni", {"name": "Rina Kartika", "application_id": application_id}, owner
    )
    walk.ids["alumnus_id"] = str(alumnus["id"])


async def handed_over_case(walk: Walk, report_id: str, within: float = 60) -> str:
    deadline = asyncio.get_running_loop().time() + within
    while asyncio.get_running_loop().time() < deadline:
        found = await walk.client.get(
            "/api/v1/examination/cases", params={"report_id": report_id}, headers=walk.owner
        )
        assert found.status_code == 200, found.text
        if items := found.json()["items"]:
            return str(items[0]["id"])
        await asyncio.sleep(0.3)
    raise AssertionError(f"report {report_id} was not handed over within {within}s")


def urls(walk: Walk, example: Example, path: str, operation: dict[str, Any]) -> list[str]:
    """The path with office A's real ids, once per candidate: a substance `code` is A's
    own and a national one (the catalogue every office files under, A included)."""
    if path.startswith("/api/v1/auth/offices"):
        return [path.replace("{code}", walk.a)]
    known = {
        "office": walk.a,
        "year": str(earliest_date_in_indonesia().year),
        "index": "0",
        "examiner_id": walk.ids["user_id"],
    }
    for parameter in map(example.resolve, operation.get("parameters", [])):
        name, schema = parameter["name"], example.resolve(parameter.get("schema", {}))
        if parameter["in"] == "path" and name not in walk.ids and name not in known:
            # Never seen: a value of its enum, or a placeholder; the route is walked.
            known[name] = str(schema["enum"][0]) if "enum" in schema else str(uuid.uuid4())
    url = re.sub(
        r"\{(?!code\})(\w+)\}", lambda m: walk.ids.get(m.group(1)) or known[m.group(1)], path
    )
    if "{code}" in path:
        return [url.replace("{code}", code) for code in (walk.ids["substance"], "education")]
    return [url]


class Example:
    """A small instance of a JSON schema of the document: required members only (and
    `office`, which names office A), the first of each enum, formats honoured."""

    SAMPLES = ("sampel", "abc", "A1", "x_1", "BKL-1", "0812", "1", "2026-12")

    def __init__(self, document: dict[str, Any], office: str) -> None:
        self.document, self.office = document, office

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            node: Any = self.document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def of(self, schema: dict[str, Any], depth: int = 0) -> Any:
        schema = self.resolve(schema)
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                options = [self.resolve(o) for o in schema[key]]
                chosen = [o for o in options if o.get("type") != "null"] or options
                return self.of(chosen[0], depth)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        if "default" in schema and depth > 0:
            return schema["default"]
        kind = schema.get("type", "object")
        if kind == "object":
            members = schema.get("properties", {})
            wanted = set(schema.get("required", [])) | ({"office"} & members.keys())
            body = {name: self.of(members[name], depth + 1) for name in sorted(wanted)}
            if "office" in body:
                body["office"] = self.office
            return body
        if kind == "array":
            return [self.of(schema.get("items", {}), depth + 1)] * schema.get("minItems", 0)
        if kind == "boolean":
            return True
        if kind in ("integer", "number"):
            low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1)
            return max(low, min(1, schema.get("maximum", 1)))
        return self.text(schema)

    def text(self, schema: dict[str, Any]) -> str:
        fmt = schema.get("format")
        if fmt == "date":
            # Today in WIB, the earliest of Indonesia's zones: not yet past anywhere, not
            # ahead anywhere. The machine's date (UTC) has passed in Indonesia after 17:00.
            return earliest_date_in_indonesia().isoformat()
        if fmt == "date-time":
            return datetime.now(UTC).isoformat()
        if fmt == "uuid":
            return str(uuid.uuid4())
        if fmt == "email":
            return "warga@example.org"
        candidates = [f"{s}{'x' * schema.get('minLength', 0)}" for s in self.SAMPLES]
        if pattern := schema.get("pattern"):
            candidates = [c for c in candidates if re.search(pattern, c)] or candidates
        return candidates[0]

    def request(self, operation: dict[str, Any]) -> dict[str, Any]:
        """httpx keyword arguments for the operation's body and query."""
        params = {}
        for parameter in operation.get("parameters", []):
            parameter = self.resolve(parameter)
            if parameter["in"] == "query" and parameter["name"] == "office":
                params["office"] = self.office
            elif parameter["in"] == "query" and parameter.get("required"):
                params[parameter["name"]] = self.of(parameter.get("schema", {}), 1)
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            return {"params": params, "json": self.of(content["application/json"]["schema"])}
        if "multipart/form-data" in content:
            fields = self.of(content["multipart/form-data"]["schema"])
            files = {k: ("a.txt", b"x", "text/plain") for k, v in fields.items() if v == "sampel"}
            data = {k: str(v) for k, v in fields.items() if k not in files}
            return {"params": params, "data": data, "files": files or None}
        if "application/x-www-form-urlencoded" in content:
            form = self.of(content["application/x-www-form-urlencoded"]["schema"])
            return {"params": params, "data": {k: str(v) for k, v in form.items()}}
        return {"params": params}


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) of every non-public operation of the document, those
    that end the caller's session last."""
    found = [
        (method, path, operation)
        for path, item in document["paths"].items()
        if "/public/" not in path
        for method, operation in item.items()
        if method in (*WRITES, "get")
    ]
    return sorted(found, key=lambda o: o[1].endswith("/logout"))


def judged(
    walk: Walk, method: str, path: str, op: dict, sent: dict, response: httpx.Response
) -> str | None:
    """Why the answer breaks the office wall, or None when it holds."""
    status, op_id = response.status_code, op["operationId"]
    if status in (403, 404):
        return None
    if method == "get" and op_id in READABLE_BY_ALL:
        return None
    if op_id in SIGNED_BY_SENDER and 400 <= status < 500:
        return None
    has_path_id = "{" in path
    if method == "get" and not has_path_id:
        # A listing asked for office A: refused, or answered with none of A's rows.
        refused = status == 422 and "#/query/office" in response.text
        if refused or (status == 200 and not walk.mentions_a(response.text)):
            return None
    if method != "get" and op_id in OWN_OFFICE and (not has_path_id or op_id in OWN_OFFICE_KEYED):
        named_a = isinstance(sent.get("json"), dict) and sent["json"].get("office") == walk.a
        if named_a and not (status == 422 and "#/body/office" in response.text):
            return f"{status} for a body naming office A: {response.text[:300]}"
        if status >= 500:
            return f"{status}: {response.text[:300]}"
        if 200 <= status < 300:
            made = response.json() if "json" in response.headers.get("content-type", "") else {}
            office = made.get("office") if isinstance(made, dict) else None
            if office not in (None, walk.b):
                return f"{status}: created in office {office or walk.a}"
        return None
    return f"{status}: {response.text[:300]}"


async def test_another_office_can_write_and_read_nothing_of_an_office(
    gateway: httpx.AsyncClient,
) -> None:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    tag = uuid.uuid4().hex[:5].upper()
    walk = Walk(gateway, f"A{tag}", f"B{tag}")
    for code in (walk.a, walk.b):
        await open_office(gateway, admin, code=code)
    walk.ids["user_id"], walk.owner = await staff(gateway, admin, walk.a)
    _, walk.attacker = await staff(gateway, admin, walk.b)
    await office_a_resources(walk)

    document = (await gateway.get("/api/openapi.json")).json()
    example = Example(document, walk.a)
    walked, broken = 0, []
    for method, path, operation in operations(document):
        if (
            method == "get"
            and "{" not in path
            and not any(
                example.resolve(p).get("name") == "office" for p in operation.get("parameters", [])
            )
        ):
            continue  # a listing of the caller's own office; nothing of A's to name
        if path.endswith("/stream"):
            continue  # never ends; its office scope is the listing's
        for url in urls(walk, example, path, operation):
            sent = example.request(operation)
            headers = {**walk.attacker, "If-Match": "*", "Idempotency-Key": str(uuid.uuid4())}
            response = await gateway.request(method.upper(), url, headers=headers, **sent)
            walked += 1
            if why := judged(walk, method, path, operation, sent, response):
                broken.append(f"{method.upper()} {url} ({operation['operationId']}) {why}")
    assert walked > 40, "the merged document lost operations"
    assert not broken, "office B reached office A:\n" + "\n".join(broken)
