"""What the prevention tests share: the shipped schemes read as data, bodies, and an
assessment taken through the API to the point a test needs."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from apik_prevention.schemes.schemas import SchemeDefinition
from apik_testing.services import RunningService

PROBLEM = "application/problem+json"
V1 = "/api/v1/prevention"
SCHEMES = f"{V1}/schemes"
ASSESSMENTS = f"{V1}/assessments"
SCHEME_FILES = Path(__file__).resolve().parents[2] / "services/prevention/apik_prevention/schemes"


def shipped(year: int) -> SchemeDefinition:
    return SchemeDefinition.model_validate_json((SCHEME_FILES / f"scheme_{year}.json").read_text())


def indicators(definition: SchemeDefinition) -> list[Any]:
    return [i for d in definition.dimensions for v in d.variables for i in v.indicators]


async def scheme_id(prevention: RunningService, headers: dict[str, str], code: str) -> str:
    """The id of version 1 of a shipped scheme."""
    listed = await prevention.client.get(SCHEMES, params={"code": code}, headers=headers)
    assert listed.status_code == 200, listed.text
    return str(next(s["id"] for s in listed.json() if s["version"] == 1))


def assessment_body(scheme: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit_name": f"Dinas Kependudukan dan Pencatatan Sipil {uuid.uuid4().hex[:6]}",
        "unit_type": "regency",
        "region": "Bengkulu",
        "regency": "Kabupaten Kaur",
        "year": 2023,
        "scheme_id": scheme,
    }
    body.update(overrides)
    return body


def entry_body(
    respondent_type: str, answers: Iterable[tuple[str, int]], **overrides: Any
) -> dict[str, Any]:
    method = {"observation": "observation", "public": "survey"}.get(respondent_type, "interview")
    body: dict[str, Any] = {
        "respondent_type": respondent_type,
        "respondent_ref": "R-01",
        "method": method,
        "taken_at": "2023-08-14T09:30:00+07:00",
        "place": "Ruang pelayanan, Bintuhan",
        "photos": [{"ref": "foto/2023/kaur/001.jpg", "caption": "Papan standar pelayanan"}]
        if respondent_type == "observation"
        else [],
        "answers": [{"indicator": code, "value": value} for code, value in answers],
    }
    body.update(overrides)
    return body


async def open_assessment(
    prevention: RunningService, headers: dict[str, str], scheme: str, **overrides: Any
) -> dict[str, Any]:
    answer = await prevention.client.post(
        ASSESSMENTS, json=assessment_body(scheme, **overrides), headers=headers
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def add_entry(
    prevention: RunningService, headers: dict[str, str], assessment: str, body: dict[str, Any]
) -> dict[str, Any]:
    answer = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries", json=body, headers=headers
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def review(
    prevention: RunningService,
    headers: dict[str, str],
    assessment: str,
    entry: str,
    decision: str = "approved",
) -> dict[str, Any]:
    answer = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries/{entry}/review",
        json={"decision": decision},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def answer_everything(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    assessment: str,
    definition: SchemeDefinition,
    value_of: dict[str, int] | None = None,
) -> None:
    """One approved entry per respondent type, answering each of its indicators with
    `value_of[code]` (the scale's max when not named)."""
    by_type: dict[str, list[tuple[str, int]]] = {}
    for indicator in indicators(definition):
        scale = indicator.scale or definition.scale
        value = (value_of or {}).get(indicator.code, scale.max)
        by_type.setdefault(indicator.respondents[0].value, []).append((indicator.code, value))
    for respondent, answers in by_type.items():
        entry = await add_entry(prevention, enumerator, assessment, entry_body(respondent, answers))
        await review(prevention, reviewer, assessment, entry["id"])


# --- Agreements -------------------------------------------------------------------------

AGREEMENTS = f"{V1}/agreements"
SIGNED = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"


def agreement_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "mou",
        "number": f"MoU/{uuid.uuid4().hex[:6]}/2026",
        "title": "Nota Kesepahaman tentang Pengawasan Pelayanan Publik",
        "parties": [
            {"name": "Ombudsman RI Perwakilan Bengkulu", "kind": "office"},
            {"name": "Universitas Bengkulu", "kind": "university"},
        ],
        "starts_on": "2026-01-02",
        "ends_on": "2027-06-30",
    }
    return {**body, **overrides}


async def active_agreement(
    prevention: RunningService, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    """An agreement drafted, its signed document uploaded, activated."""
    made = await prevention.client.post(
        AGREEMENTS, json=agreement_body(**overrides), headers=headers
    )
    assert made.status_code == 201, made.text
    url = f"{AGREEMENTS}/{made.json()['id']}"
    uploaded = await prevention.client.put(
        f"{url}/document",
        params={"filename": "mou.pdf"},
        content=SIGNED,
        headers={**headers, "If-Match": made.headers["ETag"]},
    )
    assert uploaded.status_code == 200, uploaded.text
    activated = await prevention.client.post(
        f"{url}/activation", headers={**headers, "If-Match": uploaded.headers["ETag"]}
    )
    assert activated.status_code == 200, activated.text
    result: dict[str, Any] = activated.json()
    return result


# --- Coaching clinics -------------------------------------------------------------------

CLINICS = f"{V1}/clinics"


def clinic_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Klinik Pengelolaan Pengaduan Pelayanan Publik Kabupaten Kaur",
        "held_on": "2024-05-21",
        "place": "Aula Kantor Bupati Kaur, Bintuhan",
        "agencies": ["Dinas Kesehatan Kabupaten Kaur", "Dinas Pendidikan Kabupaten Kaur"],
        "max_score": 100,
    }
    body.update(overrides)
    return body


async def open_clinic(
    prevention: RunningService, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    answer = await prevention.client.post(CLINICS, json=clinic_body(**overrides), headers=headers)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def register(
    prevention: RunningService, headers: dict[str, str], clinic: str, name: str, agency: str
) -> str:
    answer = await prevention.client.post(
        f"{CLINICS}/{clinic}/participants", json={"name": name, "agency": agency}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


# --- Focal points -----------------------------------------------------------------------

FOCAL_POINTS = f"{V1}/focal-points"
GROUPS = f"{V1}/discussion-groups"


def focal_point_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Rina Marlina",
        "role": "Pengelola Pengaduan",
        "agency": "Dinas Kesehatan Kabupaten Kaur",
        "regency": "Kabupaten Kaur",
        "phone": "0812-3456-7890",
        "email": "rina.marlina@kaurkab.go.id",
        "valid_from": "2024-01-01",
        "consent": {"given_on": "2024-01-05", "scope": ["contact", "discussion_group"]},
    }
    body.update(overrides)
    return body


async def add_focal_point(
    prevention: RunningService, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    answer = await prevention.client.post(
        FOCAL_POINTS, json=focal_point_body(**overrides), headers=headers
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def set_status(
    prevention: RunningService, headers: dict[str, str], point: str, status: str
) -> dict[str, Any]:
    current = await prevention.client.get(f"{FOCAL_POINTS}/{point}", headers=headers)
    answer = await prevention.client.post(
        f"{FOCAL_POINTS}/{point}/status",
        json={"status": status},
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


# --- Studies ----------------------------------------------------------------------------

STUDIES = f"{V1}/studies"
EVIDENCE = SIGNED  # a letter from the agency: a PDF


def study_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Kajian Pelayanan Administrasi Kependudukan",
        "topic": "Keterlambatan penerbitan KTP-el di kabupaten.",
        "year": 2027,
    }
    return {**body, **overrides}


async def study_at(
    prevention: RunningService, headers: dict[str, str], stage: str, **overrides: Any
) -> dict[str, Any]:
    """A study created and moved stage by stage up to `stage`."""
    made = await prevention.client.post(STUDIES, json=study_body(**overrides), headers=headers)
    assert made.status_code == 201, made.text
    study, etag = made.json(), made.headers["ETag"]
    path = ["topic", "proposal", "fieldwork", "drafting", "review", "published"]
    for target in path[1 : path.index(stage) + 1]:
        moved = await prevention.client.post(
            f"{STUDIES}/{study['id']}/stage",
            json={"stage": target},
            headers={**headers, "If-Match": etag},
        )
        assert moved.status_code == 200, moved.text
        study, etag = moved.json(), moved.headers["ETag"]
    return study


def suggestion_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "agency": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten",
        "text": "Menerbitkan standar waktu penerbitan KTP-el dan mengumumkannya di loket.",
        "due_on": "2027-03-31",
    }
    return {**body, **overrides}


# --- Publications, social media, innovations, villages -----------------------------------

ARTICLES = f"{V1}/articles"
PUBLIC_ARTICLES = f"{V1}/public/articles"
SOCIAL = f"{V1}/social-media"
INNOVATIONS = f"{V1}/innovations"
VILLAGES = f"{V1}/villages"


def article_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "press_release",
        "title": "Ombudsman Bengkulu Terima 102 Laporan Masyarakat",
        "summary": "Capaian penanganan laporan semester pertama.",
        "body": "Ombudsman RI Perwakilan Bengkulu menerima 102 laporan masyarakat.",
    }
    return {**body, **overrides}


async def article_at(
    prevention: RunningService,
    author: dict[str, str],
    approver: dict[str, str],
    status: str,
    **overrides: Any,
) -> tuple[dict[str, Any], str]:
    """An article written by `author` and moved to `status` (approved by `approver`)."""
    made = await prevention.client.post(ARTICLES, json=article_body(**overrides), headers=author)
    assert made.status_code == 201, made.text
    article, etag = made.json(), made.headers["ETag"]
    path = ["draft", "review", "approved", "published"]
    for target in path[1 : path.index(status) + 1]:
        who = approver if target == "approved" else author
        moved = await prevention.client.post(
            f"{ARTICLES}/{article['id']}/status",
            json={"status": target},
            headers={**who, "If-Match": etag},
        )
        assert moved.status_code == 200, moved.text
        article, etag = moved.json(), moved.headers["ETag"]
    return article, etag


def village_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": f"Desa Padang Genting {uuid.uuid4().hex[:4]}",
        "district": "Kecamatan Kaur Utara",
        "regency": "Kabupaten Kaur",
        "region": "Bengkulu",
        "year": 2024,
        "nominated_by": "Pemerintah Kabupaten Kaur",
    }
    return {**body, **overrides}


# --- Community (Sahabat Ombudsman) -------------------------------------------------------

COMMUNITY_GROUPS = f"{V1}/community/groups"
MEMBERS = f"{V1}/community/members"
JOIN = f"{V1}/public/community/join"


async def add_community_group(
    prevention: RunningService, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    body = {"name": "Sahabat Ombudsman Perempuan Kaur", "regency": "Kabupaten Kaur"}
    body.update(overrides)
    answer = await prevention.client.post(COMMUNITY_GROUPS, json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def member_body(group_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "group_id": group_id,
        "name": "Siti Aminah",
        "phone": "0813-1111-2222",
        "email": "siti.aminah@contoh.id",
        "consent": {"given_on": "2025-02-01", "scope": ["contact"]},
    }
    body.update(overrides)
    return body


async def add_member(
    prevention: RunningService, headers: dict[str, str], group_id: str, **overrides: Any
) -> dict[str, Any]:
    answer = await prevention.client.post(
        MEMBERS, json=member_body(group_id, **overrides), headers=headers
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def offered_steps(
    prevention: RunningService, headers: dict[str, str], collection: str, ident: str
) -> list[str]:
    """A record's `allowed_steps` as its detail gives them, checked against its row in the
    listing (whose steps drive the tables' buttons): the two must agree."""
    one = await prevention.client.get(f"{collection}/{ident}", headers=headers)
    listed = await prevention.client.get(collection, headers=headers)
    [row] = [r for r in listed.json() if r["id"] == ident]
    assert row["allowed_steps"] == one.json()["allowed_steps"]
    steps: list[str] = one.json()["allowed_steps"]
    return steps
