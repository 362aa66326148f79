"""Prevention KPIs from the prevention service's events on the real NATS.

Office A (not registered: WIB, UTC+7), 2025. Instants at 03:00 UTC unless said.

assessments  a1 03-10 Bengkulu 91.2 Zona Hijau; a3 06-01 Jambi 70.0 Zona Kuning; a4 07-01
             Bengkulu 95.0 Zona Hijau (delivered twice, two event ids); a2 12-31 20:00
             UTC (2026 in WIB)
suggestions  s1 followed up 02-01 on time; s2 05-05 late; s3 2024-12-30
clinics      c1 held 04-10 20/18/15 gains 0.7 (high, the edge) and 0.65; c2 08-01 10/9/0
             no gain; c4 09-09 12/12/12 gains 0.3 (medium, the edge) and 0.35; c3 2024
focal points f1 Kaur activated 02-01, deactivated 06-01, reactivated 09-01 (its first
             activation delivered twice); f2 Kaur activated 2024; f3 Seluma activated
             03-03, deactivated 11-11 (delivered twice); f4 Seluma activated 12-31
             20:00 UTC (2026)
agreements   g1 MoU in force 2024-03-01..2026-02-28; g2 PKS 02-01..10-31, expired 11-01
             (its end delivered before its activation); g3 MoU from 05-01, terminated
             08-15; g4 PKS ..2024-12-31, expired 2025-01-01; g5 MoU seen only expiring
Office B: one assessment in 2025.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.prevention import (
    AgreementActivated,
    AgreementEnded,
    AgreementExpiring,
    AssessmentPublished,
    ClinicCompleted,
    FocalPointActivated,
    FocalPointDeactivated,
    SuggestionFollowedUp,
)
from apik_shared.vocabulary.indonesian import angka
from apik_testing.pdf import text_of
from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, office, publish

YEAR = 2025
PATH = "/api/v1/reporting/prevention"
# Where a run leaves the annual report to look at (`pdftoppm -png -r 60`), when asked.
KEEP = os.environ.get("APIK_KEEP_REPORTS")


def _keep(name: str, content: bytes) -> None:
    if KEEP:
        Path(KEEP).mkdir(parents=True, exist_ok=True)
        (Path(KEEP) / name).write_bytes(content)


def _at(year: int, month: int, day: int, hour: int = 3) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def _event(payload: BaseModel, subject: str) -> CloudEvent:
    return CloudEvent(
        source=source_of("prevention"),
        type=payload.event_type,  # type: ignore[attr-defined]
        subject=subject,
        data=payload.model_dump(mode="json"),
    )


def _again(e: CloudEvent) -> CloudEvent:
    """The same fact under a new event id (a producer's retry after a lost ack)."""
    return CloudEvent(source=e.source, type=e.type, subject=e.subject, data=e.data)


def _assessment(o: str, when: datetime, region: str, total: float, zone: str) -> CloudEvent:
    ident = str(uuid.uuid4())
    payload = AssessmentPublished(
        assessment_id=ident,
        office=o,
        year=when.year,
        unit_name="Dinas Kependudukan dan Pencatatan Sipil",
        unit_type="regency",
        region=region,
        scheme_code="ombudsman-2021",
        scheme_version=1,
        total=total,
        label=f"Zona {'Hijau' if zone == 'green' else 'Kuning'}",
        zone=zone,
        published_at=when,
        published_by="kepala",
    )
    return _event(payload, ident)


def _suggestion(o: str, on: date, late: bool) -> CloudEvent:
    ident = str(uuid.uuid4())
    payload = SuggestionFollowedUp(
        suggestion_id=ident,
        study_id=str(uuid.uuid4()),
        office=o,
        agency="Dinas Kesehatan",
        due_on=date(on.year, on.month, 1),
        followed_up_on=on,
        late=late,
    )
    return _event(payload, ident)


def _clinic(o: str, held: date, counts: tuple[int, int, int], gains: tuple[Any, Any]) -> CloudEvent:
    ident = str(uuid.uuid4())
    payload = ClinicCompleted(
        clinic_id=ident,
        office=o,
        held_on=held,
        participants=counts[0],
        attended=counts[1],
        tested=counts[2],
        class_gain=gains[0],
        mean_gain=gains[1],
        completed_at=_at(held.year, held.month, held.day, 9),
        completed_by="pencegahan",
    )
    return _event(payload, ident)


def _focal(o: str, ident: str, regency: str, when: datetime, *, on: bool = True) -> CloudEvent:
    payload: BaseModel
    if on:
        payload = FocalPointActivated(
            focal_point_id=ident,
            office=o,
            regency=regency,
            reactivated=False,
            activated_at=when,
            activated_by="pencegahan",
        )
    else:
        payload = FocalPointDeactivated(
            focal_point_id=ident, office=o, regency=regency, deactivated_at=when
        )
    return _event(payload, ident)


def _agreement(o: str, kind: str, starts: date, ends: date) -> tuple[str, CloudEvent]:
    ident = str(uuid.uuid4())
    payload = AgreementActivated(
        agreement_id=ident,
        office=o,
        kind=kind,
        starts_on=starts,
        ends_on=ends,
        activated_at=_at(starts.year, starts.month, starts.day),
    )
    return ident, _event(payload, ident)


def _ended(o: str, ident: str, kind: str, ends: date, on: date, status: str) -> CloudEvent:
    payload = AgreementEnded(
        agreement_id=ident,
        office=o,
        kind=kind,
        status=status,
        ends_on=ends,
        ended_on=on,
        ended_at=_at(on.year, on.month, on.day),
    )
    return _event(payload, ident)


def _office_a(a: str) -> list[CloudEvent]:
    a4 = _assessment(a, _at(YEAR, 7, 1), "Bengkulu", 95.0, "green")
    f1, f2, f3, f4 = (str(uuid.uuid4()) for _ in range(4))
    f1_on = _focal(a, f1, "Kabupaten Kaur", _at(YEAR, 2, 1))
    back = FocalPointActivated.model_validate(
        _focal(a, f1, "Kabupaten Kaur", _at(YEAR, 9, 1)).data | {"reactivated": True}
    )
    f3_off = _focal(a, f3, "Kabupaten Seluma", _at(YEAR, 11, 11), on=False)
    _, g1_on = _agreement(a, "mou", date(2024, 3, 1), date(2026, 2, 28))
    g2, g2_on = _agreement(a, "pks", date(YEAR, 2, 1), date(YEAR, 10, 31))
    g3, g3_on = _agreement(a, "mou", date(YEAR, 5, 1), date(2027, 4, 30))
    g4, g4_on = _agreement(a, "pks", date(2023, 1, 1), date(2024, 12, 31))
    g5 = str(uuid.uuid4())
    expiring = AgreementExpiring(
        agreement_id=g5,
        office=a,
        kind="mou",
        ends_on=date(YEAR, 3, 31),
        threshold_days=90,
        days_left=88,
    )
    return [
        _assessment(a, _at(YEAR, 3, 10), "Bengkulu", 91.2, "green"),
        _assessment(a, _at(YEAR, 12, 31, 20), "Bengkulu", 80.0, "green"),
        _assessment(a, _at(YEAR, 6, 1), "Jambi", 70.0, "yellow"),
        a4,
        _again(a4),
        _suggestion(a, date(YEAR, 2, 1), late=False),
        _suggestion(a, date(YEAR, 5, 5), late=True),
        _suggestion(a, date(YEAR - 1, 12, 30), late=False),
        _clinic(a, date(YEAR, 4, 10), (20, 18, 15), (0.7, 0.65)),
        _clinic(a, date(YEAR, 8, 1), (10, 9, 0), (None, None)),
        _clinic(a, date(YEAR, 9, 9), (12, 12, 12), (0.3, 0.35)),
        _clinic(a, date(YEAR - 1, 11, 1), (30, 30, 30), (0.9, 0.9)),
        f1_on,
        _again(f1_on),
        _focal(a, f1, "Kabupaten Kaur", _at(YEAR, 6, 1), on=False),
        _event(back, f1),
        _focal(a, f2, "Kabupaten Kaur", _at(YEAR - 1, 5, 1)),
        _focal(a, f3, "Kabupaten Seluma", _at(YEAR, 3, 3)),
        f3_off,
        _again(f3_off),
        _focal(a, f4, "Kabupaten Seluma", _at(YEAR, 12, 31, 20)),
        g1_on,
        _ended(a, g2, "pks", date(YEAR, 10, 31), date(YEAR, 11, 1), "expired"),
        g2_on,
        g3_on,
        _ended(a, g3, "mou", date(2027, 4, 30), date(YEAR, 8, 15), "terminated"),
        g4_on,
        _ended(a, g4, "pks", date(2024, 12, 31), date(YEAR, 1, 1), "expired"),
        _event(expiring, g5),
    ]


async def test_prevention_events_in_kpis_out(infra, reporting, tokens: TestTokens) -> None:
    a, b = office(), office()
    events = [*_office_a(a), _assessment(b, _at(YEAR, 5, 5), "Aceh", 60.0, "yellow")]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)

    answer = await reporting.client.get(
        PATH, params={"year": YEAR}, headers=tokens.headers("analyst", office=a)
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["office"] == a

    assessments = body["assessments"]
    assert assessments["published"] == 3  # a2 is 2026 in WIB; a4 once
    assert assessments["average_total"] == round((91.2 + 70.0 + 95.0) / 3, 2)
    results = {(r["zone"], r["label"]): r["count"] for r in assessments["results"]}
    assert results == {("green", "Zona Hijau"): 2, ("yellow", "Zona Kuning"): 1}
    assert {r["region"]: r["count"] for r in assessments["regions"]} == {
        "Bengkulu": 2,
        "Jambi": 1,
    }

    assert body["suggestions"] == {"followed_up": 2, "late": 1, "on_time_rate": 0.5}

    clinics = body["clinics"]
    assert clinics == {
        "completed": 3,
        "participants": 42,
        "attended": 39,
        "tested": 27,
        "class_gain_mean": 0.5,
        "mean_gain_mean": 0.5,
        "class_gain_categories": {"high": 1, "medium": 1, "low": 0, "undefined": 1},
    }

    focal = body["focal_points"]
    assert [focal[k] for k in ("activated", "reactivated", "deactivated")] == [2, 1, 2]
    assert focal["active_at_year_end"] == 2  # f1 (back in September) and f2 (since 2024)
    assert focal["regencies"] == [
        {"regency": "Kabupaten Kaur", "activated": 1, "active_at_year_end": 2},
        {"regency": "Kabupaten Seluma", "activated": 1, "active_at_year_end": 0},
    ]

    agreements = body["agreements"]
    kinds = {k.pop("kind"): k for k in agreements.pop("kinds")}
    assert agreements == {
        "activated": 2,
        "in_force_during_year": 3,
        "in_force_at_year_end": 1,
        "expired": 2,
        "terminated": 1,
    }
    assert kinds == {
        "mou": {
            "activated": 1,
            "in_force_during_year": 2,
            "in_force_at_year_end": 1,
            "expired": 0,
            "terminated": 1,
        },
        "pks": {
            "activated": 1,
            "in_force_during_year": 1,
            "in_force_at_year_end": 0,
            "expired": 2,
            "terminated": 0,
        },
    }
    assert set(body["definitions_id"]) == set(body["definitions_en"])

    # The annual report carries the same figures, in Indonesian, naming nobody.
    report = await reporting.client.get(
        f"/api/v1/reporting/annual-report/{YEAR}.pdf", headers=tokens.headers("head", office=a)
    )
    assert report.status_code == 200, report.text
    _keep("annual-report.pdf", report.content)
    text = " ".join(text_of(report.content).split())
    assert "Pencegahan maladministrasi" in text
    assert "Penilaian kepatuhan dipublikasikan 3" in text
    assert f"Rata-rata nilai penilaian {angka(round((91.2 + 70.0 + 95.0) / 3, 2))}" in text
    assert "Zona Hijau 2" in text and "Zona Kuning 1" in text
    assert "Saran perbaikan ditindaklanjuti 2" in text
    assert "Melewati batas waktu (tepat waktu) 1 (50%)" in text
    assert "Peserta terdaftar / hadir / dites 42 / 39 / 27" in text
    assert "Rata-rata N-gain kelas 0,500" in text
    assert "Tinggi 1, Sedang 1, Rendah 0, Tidak terdefinisi 1" in text
    assert "Focal point diaktifkan (diaktifkan kembali) 2 (1)" in text
    assert "Focal point aktif pada 31 Desember 2" in text
    assert "Kabupaten Kaur 1 2" in text and "Kabupaten Seluma 1 0" in text
    assert "Kerja sama berakhir / diakhiri 2 / 1" in text
    assert "Nota Kesepahaman (MoU) 1 2 1 0 1" in text
    assert "Perjanjian Kerja Sama (PKS) 1 1 0 2 0" in text
    assert "Pencegahan: Klinik pembinaan" in text  # its definition

    # Office B's analyst sees B only; its assessment is not A's.
    other = await reporting.client.get(
        PATH, params={"year": YEAR}, headers=tokens.headers("analyst", office=b)
    )
    assert other.json()["assessments"]["published"] == 1
    assert other.json()["clinics"]["completed"] == 0


async def test_another_office_is_forbidden_and_a_bad_year_names_the_field(
    reporting, tokens: TestTokens
) -> None:
    analyst = tokens.headers("analyst", office="KAB")
    refused = await reporting.client.get(
        PATH, params={"year": YEAR, "office": "LAIN"}, headers=analyst
    )
    assert refused.status_code == 403
    bad = await reporting.client.get(PATH, params={"year": "dua ribu"}, headers=analyst)
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert "year" in bad.text
    for_staff = await reporting.client.get(
        PATH, params={"year": YEAR}, headers=tokens.headers("intake_officer", office="KAB")
    )
    assert for_staff.status_code == 403
