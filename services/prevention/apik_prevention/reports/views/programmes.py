"""The report's sections 6-10 (publications, social media, innovations, villages, the
Sahabat Ombudsman community), as PDF sections and as workbook sheets: counts and short
tables in Bahasa Indonesia, no person named."""

from __future__ import annotations

from collections.abc import Mapping

from apik_prevention.reports.service.programmes import Programmes
from apik_prevention.villages.views import STAGES as VILLAGE_STAGES
from apik_shared.documents.pdf import Document
from apik_shared.documents.spreadsheet import Sheet
from apik_shared.vocabulary.indonesian import angka, tanggal

ARTICLE_KINDS = {"news": "Berita", "opinion": "Opini", "press_release": "Siaran pers"}
PLATFORMS = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "x": "X (Twitter)",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "threads": "Threads",
    "other": "Lainnya",
}
INNOVATION_STATUS = {"planned": "Direncanakan", "running": "Berjalan", "stopped": "Dihentikan"}
INNOVATION_OWNERS = {"own": "Kantor sendiri", "agency": "Instansi"}
CATEGORIES = {
    "digital": "Digital",
    "service": "Cara pelayanan",
    "complaint_handling": "Pengelolaan pengaduan",
    "public_information": "Informasi publik",
    "other": "Lainnya",
}
STAGES: Mapping[str, str] = {stage.value: name for stage, name in VILLAGE_STAGES.items()}


def _counts(names: Mapping[str, str], counts: Mapping[str, int]) -> str:
    """`Berita 3, Siaran pers 1` in the vocabulary's order, then any unknown code."""
    known = [(names[k], counts[k]) for k in names if counts.get(k)]
    other = [(k, n) for k, n in sorted(counts.items()) if k not in names and n]
    return ", ".join(f"{name} {n}" for name, n in known + other) or "Tidak ada"


def summary(p: Programmes) -> list[tuple[str, str]]:
    """The summary's lines for these programmes (after the core activities')."""
    return [
        ("Publikasi terbit", str(p.published)),
        ("Unggahan media sosial (jangkauan)", f"{p.posts} ({angka(p.reach)})"),
        ("Inovasi tercatat (akhir periode)", str(sum(p.innovations_by_status.values()))),
        ("Desa anti maladministrasi ditetapkan", str(len(p.villages_decided))),
        ("Sahabat Ombudsman aktif", str(p.members_active)),
        ("Pelatihan Sahabat Ombudsman (peserta)", f"{len(p.trainings)} ({p.trained})"),
    ]


def _publications(pdf: Document, p: Programmes) -> None:
    pdf.heading("6. Publikasi (berita, opini, siaran pers)")
    pdf.field("Terbit dalam periode", _counts(ARTICLE_KINDS, p.publications), label_width=50)
    if p.press_releases:
        pdf.grid(
            ["Nomor siaran pers", "Judul", "Tanggal terbit"],
            [[r.number or "-", r.title, tanggal(r.published_on)] for r in p.press_releases],
            (24, 56, 20),
            align=["L", "L", "L"],
        )


def _social_media(pdf: Document, p: Programmes) -> None:
    pdf.heading("7. Media sosial")
    if not p.platforms:
        pdf.paragraph("Tidak ada unggahan yang tercatat dalam periode ini.")
        return
    rows = [
        [
            PLATFORMS.get(r.platform, r.platform),
            *map(angka, (r.posts, r.reach)),
            angka(r.impressions),
            angka(r.engagement),
        ]
        for r in p.platforms
    ]
    rows.append(
        [
            "Jumlah",
            *(
                angka(sum(getattr(r, k) for r in p.platforms))
                for k in ("posts", "reach", "impressions", "engagement")
            ),
        ]
    )
    pdf.grid(
        ["Platform", "Unggahan", "Jangkauan", "Tayangan", "Interaksi"], rows, (32, 17, 17, 17, 17)
    )


def _innovations(pdf: Document, p: Programmes) -> None:
    pdf.heading("8. Inovasi pelayanan publik")
    pdf.field("Menurut keadaan", _counts(INNOVATION_STATUS, p.innovations_by_status), 50)
    pdf.field("Menurut pemilik", _counts(INNOVATION_OWNERS, p.innovations_by_owner), 50)
    if not p.innovations_started:
        pdf.paragraph("Tidak ada inovasi yang dimulai dalam periode ini.")
        return
    pdf.grid(
        ["Inovasi dimulai dalam periode", "Pemilik", "Kategori", "Keadaan", "Mulai"],
        [
            [
                i.name,
                i.owner or INNOVATION_OWNERS["own"],
                CATEGORIES.get(i.category, i.category),
                INNOVATION_STATUS.get(i.status, i.status),
                "-" if i.started_on is None else tanggal(i.started_on),
            ]
            for i in p.innovations_started
        ],
        (30, 22, 18, 12, 18),
        align=["L", "L", "L", "L", "L"],
    )


def _villages(pdf: Document, p: Programmes, year: int) -> None:
    pdf.heading("9. Desa anti maladministrasi")
    pdf.field(f"Desa tahun {year}", _counts(STAGES, p.villages_by_stage), 50)
    if not p.villages_decided:
        pdf.paragraph("Tidak ada desa yang ditetapkan dalam periode ini.")
        return
    pdf.grid(
        ["Desa", "Kecamatan", "Kabupaten", "Hasil", "Nomor keputusan", "Tanggal"],
        [
            [
                v.name,
                v.district,
                v.regency,
                v.label or "-",
                v.decree_number or "-",
                tanggal(v.decided_on),
            ]
            for v in p.villages_decided
        ],
        (17, 15, 15, 20, 16, 17),
        align=["L"] * 6,
    )


def _community(pdf: Document, p: Programmes) -> None:
    pdf.heading("10. Sahabat Ombudsman")
    for label, value in (
        ("Kelompok", p.community_groups),
        ("Anggota tercatat (akhir periode)", p.members_recorded),
        ("Anggota aktif (akhir periode)", p.members_active),
        ("Dikukuhkan dalam periode", p.members_inducted),
        ("Keluar dalam periode", sum(n for _, n in p.members_left)),
    ):
        pdf.field(label, str(value), label_width=70)
    if p.members_left:
        pdf.grid(
            ["Tanggal keluar", "Anggota"],
            [[tanggal(day), str(n)] for day, n in p.members_left],
            (30, 14),
            align=["L", "R"],
        )
    if not p.trainings:
        pdf.paragraph("Tidak ada pelatihan yang tercatat dalam periode ini.")
        return
    pdf.grid(
        ["Pelatihan", "Tanggal", "Peserta", "Jam (jumlah)"],
        [
            [
                t.title,
                tanggal(t.held_on),
                str(t.members),
                "-" if t.hours is None else angka(t.hours),
            ]
            for t in p.trainings
        ],
        (50, 20, 14, 16),
        align=["L", "L", "R", "R"],
    )


def sections(pdf: Document, p: Programmes, year: int) -> None:
    _publications(pdf, p)
    _social_media(pdf, p)
    _innovations(pdf, p)
    _villages(pdf, p, year)
    _community(pdf, p)


def sheets(p: Programmes) -> list[Sheet]:
    """A sheet per programme; numbers as numbers, dates as dates."""
    return [
        Sheet(
            "Publikasi",
            ["Jenis", "Terbit", "Nomor siaran pers", "Judul", "Tanggal terbit"],
            [[ARTICLE_KINDS.get(k, k), n, None, None, None] for k, n in p.publications.items()]
            + [
                [ARTICLE_KINDS["press_release"], None, r.number, r.title, r.published_on]
                for r in p.press_releases
            ],
        ),
        Sheet(
            "Media sosial",
            ["Platform", "Unggahan", "Jangkauan", "Tayangan", "Interaksi"],
            [
                [
                    PLATFORMS.get(r.platform, r.platform),
                    r.posts,
                    r.reach,
                    r.impressions,
                    r.engagement,
                ]
                for r in p.platforms
            ],
        ),
        Sheet(
            "Inovasi",
            ["Inovasi dimulai dalam periode", "Pemilik", "Kategori", "Keadaan", "Mulai"],
            [
                [
                    i.name,
                    i.owner or INNOVATION_OWNERS["own"],
                    CATEGORIES.get(i.category, i.category),
                    INNOVATION_STATUS.get(i.status, i.status),
                    i.started_on,
                ]
                for i in p.innovations_started
            ],
        ),
        Sheet(
            "Desa anti maladministrasi",
            ["Desa", "Kecamatan", "Kabupaten", "Hasil", "Nomor keputusan", "Tanggal keputusan"],
            [
                [v.name, v.district, v.regency, v.label, v.decree_number, v.decided_on]
                for v in p.villages_decided
            ],
        ),
        Sheet(
            "Sahabat Ombudsman",
            ["Uraian", "Tanggal", "Jumlah", "Jam"],
            [
                ["Kelompok", None, p.community_groups, None],
                ["Anggota tercatat (akhir periode)", None, p.members_recorded, None],
                ["Anggota aktif (akhir periode)", None, p.members_active, None],
                ["Dikukuhkan dalam periode", None, p.members_inducted, None],
                *(["Keluar", day, n, None] for day, n in p.members_left),
                *([f"Pelatihan: {t.title}", t.held_on, t.members, t.hours] for t in p.trainings),
            ],
        ),
    ]
