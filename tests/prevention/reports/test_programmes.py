"""The prevention report's programme sections (6-10), PDF and XLSX, from what the office
KAB (WIB) did through the API this year, in a database of its own (this module's).

This year: a press release and a news item published today, an opinion still in review;
two Instagram posts (reach 1.200 and 300) and a TikTok one today, a Facebook one of
last year; innovations: the office's own started today, an agency's of 2016 (the
register holds both), one planned for next year (not yet in it); a village of this year
decided by the head today (and one still nominated, one of last year); the community: a
group, three members (one inducted today and trained twice, one inducted today and then
inactive, one candidate), a training today. Another office's post stays out.
"""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from apik_prevention.schemes.schemas import SchemeDefinition
from apik_shared.vocabulary.indonesian import tanggal
from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from tests.prevention.builders import (
    INNOVATIONS,
    MEMBERS,
    SCHEME_FILES,
    SOCIAL,
    V1,
    VILLAGES,
    add_community_group,
    add_member,
    answer_everything,
    article_at,
    scheme_id,
    village_body,
)

TODAY = datetime.now(ZoneInfo("Asia/Jakarta")).date()
YEAR = TODAY.year
REPORTS = f"{V1}/reports"
KEEP = os.environ.get("APIK_KEEP_REPORTS")


def _keep(name: str, content: bytes) -> None:
    if KEEP:
        Path(KEEP).mkdir(parents=True, exist_ok=True)
        (Path(KEEP) / name).write_bytes(content)


async def _publications(prevention: RunningService, author, head) -> None:
    await article_at(prevention, author, head, "published", title="Siaran Pers Capaian 2025")
    await article_at(prevention, author, head, "published", kind="news", title="Kabar Kaur")
    await article_at(prevention, author, head, "review", kind="opinion", title="Opini Belum")


async def _posts(prevention: RunningService, officer, other) -> None:
    for n, (platform, on, reach, who) in enumerate(
        (
            ("instagram", TODAY.isoformat(), 1200, officer),
            ("instagram", TODAY.isoformat(), 300, officer),
            ("tiktok", TODAY.isoformat(), 50, officer),
            ("facebook", f"{YEAR - 1}-12-30", 9999, officer),
            ("instagram", TODAY.isoformat(), 7777, other),
        )
    ):
        body = {
            "platform": platform,
            "url": f"https://{platform}.com/ombudsman/{n}",
            "posted_on": on,
            "reach": reach,
            "impressions": reach * 2,
            "engagement": 10,
        }
        made = await prevention.client.post(SOCIAL, json=body, headers=who)
        assert made.status_code == 201, made.text


async def _innovations(prevention: RunningService, officer) -> None:
    common = {"description": "Layanan pengaduan daring.", "status": "running"}
    for body in (
        {"owner": "own", "name": "APIK Kaur", "category": "digital", "year": YEAR},
        {"owner": "agency", "agency": "Dinas Dukcapil Kaur", "name": "Dukcapil Keliling"}
        | {"category": "service", "year": 2016},
        {"owner": "own", "name": "Rencana Depan", "category": "other", "year": YEAR + 1}
        | {"status": "planned"},
    ):
        if body["name"] == "APIK Kaur":
            body["started_on"] = TODAY.isoformat()
        made = await prevention.client.post(INNOVATIONS, json=common | body, headers=officer)
        assert made.status_code == 201, made.text


async def _village(prevention: RunningService, officer, reviewer, head) -> None:
    async def move(village: dict[str, Any], etag: str, stage: str, who, **extra: Any):
        moved = await prevention.client.post(
            f"{VILLAGES}/{village['id']}/stage",
            json={"stage": stage, **extra},
            headers={**who, "If-Match": etag},
        )
        assert moved.status_code == 200, moved.text
        return moved.json(), moved.headers["ETag"]

    for year in (YEAR, YEAR - 1):
        still = village_body(name=f"Desa Menunggu {year}", year=year)
        waiting = await prevention.client.post(VILLAGES, json=still, headers=officer)
        assert waiting.status_code == 201, waiting.text
    made = await prevention.client.post(
        VILLAGES, json=village_body(name="Desa Padang Genting", year=YEAR), headers=officer
    )
    assert made.status_code == 201, made.text
    village, etag = await move(made.json(), made.headers["ETag"], "mentoring", officer)
    scheme = await scheme_id(prevention, officer, "desa-anti-maladministrasi")
    opened = await prevention.client.post(
        f"{VILLAGES}/{village['id']}/assessment",
        json={"scheme_id": scheme},
        headers={**officer, "If-Match": etag},
    )
    assert opened.status_code == 200, opened.text
    village, etag = opened.json(), opened.headers["ETag"]
    village, etag = await move(village, etag, "regency_verified", officer)
    definition = SchemeDefinition.model_validate_json(
        (SCHEME_FILES / "scheme_village_2022.json").read_text()
    )
    await answer_everything(prevention, officer, reviewer, village["assessment_id"], definition)
    village, etag = await move(village, etag, "office_verified", reviewer)
    await move(village, etag, "decided", head, decree_number="12/DAM/KAB")


async def _community(prevention: RunningService, officer) -> None:
    group = (await add_community_group(prevention, officer))["id"]
    members = [
        (await add_member(prevention, officer, group, name=name))["id"]
        for name in ("Siti Aminah", "Rahmat Hidayat", "Yuni Lestari")
    ]

    async def status(member: str, **body: Any) -> None:
        current = await prevention.client.get(f"{MEMBERS}/{member}", headers=officer)
        moved = await prevention.client.post(
            f"{MEMBERS}/{member}/status",
            json=body,
            headers={**officer, "If-Match": current.headers["ETag"]},
        )
        assert moved.status_code == 200, moved.text

    for member in members[:2]:
        await status(member, status="active", inducted_on=TODAY.isoformat())
    training = {"title": "Pelatihan Pengawasan Pelayanan Publik", "held_on": TODAY.isoformat()}
    for member, hours in ((members[0], 4), (members[1], 4)):
        trained = await prevention.client.post(
            f"{MEMBERS}/{member}/trainings", json=training | {"hours": hours}, headers=officer
        )
        assert trained.status_code == 201, trained.text
    await status(members[1], status="inactive")
    # Inducted on the year's first day, left today: active at the first quarter's end.
    await status(members[2], status="active", inducted_on=f"{YEAR}-01-01")
    await status(members[2], status="inactive")
    left = await prevention.client.get(f"{MEMBERS}/{members[2]}", headers=officer)
    assert left.json()["status"] == "inactive" and left.json()["left_on"] == TODAY.isoformat()


async def test_the_programmes_in_both_formats(
    prevention: RunningService, enumerator, reviewer, head, tokens_other
) -> None:
    await _publications(prevention, enumerator, head)
    await _posts(prevention, enumerator, tokens_other)
    await _innovations(prevention, enumerator)
    await _village(prevention, enumerator, reviewer, head)
    await _community(prevention, enumerator)

    pdf = await prevention.client.get(f"{REPORTS}/{YEAR}", headers=head)
    assert pdf.status_code == 200, pdf.text
    _keep("programmes.pdf", pdf.content)
    text = " ".join(text_of(pdf.content).split())
    # The summary.
    assert "Publikasi terbit 2" in text
    assert "Unggahan media sosial (jangkauan) 3 (1.550)" in text
    assert "Inovasi tercatat (akhir periode) 2" in text
    assert "Desa anti maladministrasi ditetapkan 1" in text
    assert "Sahabat Ombudsman aktif 1" in text
    assert "Pelatihan Sahabat Ombudsman (peserta) 1 (2)" in text
    # The sections.
    assert "6. Publikasi" in text and "Berita 1, Siaran pers 1" in text
    assert "/HM.01/" in text and "Siaran Pers Capaian 2025" in text
    assert "Opini Belum" not in text
    assert "Instagram 2 1.500 3.000 20" in text and "TikTok 1 50 100 10" in text
    assert "Facebook" not in text and "7.777" not in text
    assert "Berjalan 2" in text and "Kantor sendiri 1, Instansi 1" in text
    assert "APIK Kaur" in text and "Dukcapil Keliling" not in text  # started in 2016
    assert "Rencana Depan" not in text
    assert "Pengusulan 1, Penetapan 1" in text
    assert "Desa Padang Genting" in text and "12/DAM/KAB" in text
    assert "Desa Menunggu" not in text
    assert "Anggota tercatat (akhir periode) 3" in text
    assert "Dikukuhkan dalam periode 3" in text
    # The members who left: counted, with the day they left (the office's day).
    assert "Anggota aktif (akhir periode) 1" in text and "Keluar dalam periode 2" in text
    assert f"Tanggal keluar Anggota {tanggal(TODAY)} 2" in text
    assert "Pelatihan Pengawasan Pelayanan Publik" in text
    for name in ("Siti Aminah", "Rahmat Hidayat", "Yuni Lestari"):
        assert name not in text  # counts only, no member named

    xlsx = await prevention.client.get(f"{REPORTS}/{YEAR}", params={"format": "xlsx"}, headers=head)
    assert xlsx.status_code == 200, xlsx.text
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[-5:] == [
        "Publikasi",
        "Media sosial",
        "Inovasi",
        "Desa anti maladministrasi",
        "Sahabat Ombudsman",
    ]
    social = {r[0]: r[1:] for r in book["Media sosial"].iter_rows(min_row=2, values_only=True)}
    assert social == {"Instagram": (2, 1500, 3000, 20), "TikTok": (1, 50, 100, 10)}
    [village] = book["Desa anti maladministrasi"].iter_rows(min_row=2, values_only=True)
    assert village[0] == "Desa Padang Genting" and village[5].date() == TODAY
    community = {
        r[0]: r[2] for r in book["Sahabat Ombudsman"].iter_rows(min_row=2, values_only=True)
    }
    assert community["Anggota aktif (akhir periode)"] == 1
    assert community["Dikukuhkan dalam periode"] == 3 and community["Keluar"] == 2
    [left_row] = [
        r
        for r in book["Sahabat Ombudsman"].iter_rows(min_row=2, values_only=True)
        if r[0] == "Keluar"
    ]
    assert left_row[1].date() == TODAY
    assert community["Pelatihan: Pelatihan Pengawasan Pelayanan Publik"] == 2
    everything = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "Siti Aminah" not in everything

    # The first quarter holds none of today's (unless today is in it); the register does.
    quarter = await prevention.client.get(f"{REPORTS}/{YEAR}/q1", headers=head)
    q1 = " ".join(text_of(quarter.content).split())
    assert "Inovasi tercatat (akhir periode) 2" in q1
    if TODAY.month > 3:
        assert "Publikasi terbit 0" in q1 and "Unggahan media sosial (jangkauan) 0 (0)" in q1
        assert "APIK Kaur" not in q1 and "Desa Padang Genting" not in q1
        assert "Dikukuhkan dalam periode 1" in q1 and "Keluar dalam periode 0" in q1
        # Inducted on 1 January, left today: active at the first quarter's end.
        assert "Anggota aktif (akhir periode) 1" in q1 and "Tanggal keluar" not in q1
