"""The national substance catalogue fits every office (issue 17, item 8): the seventeen
sectors of the domain page stay, and the national ones (health, police, religion, …)
are offered to every office and can be filed under."""

from __future__ import annotations

from apik_testing.tokens import TestTokens
from tests.intake.builders import register

SUBSTANCES = "/api/v1/intake/substances"

# The domain page's seventeen, with the codes 0001 seeded them under.
DOMAIN_PAGE = {
    "education": "Pendidikan",
    "population_administration": "Administrasi Kependudukan",
    "village": "Desa",
    "electricity": "Ketenagalistrikan",
    "social_assistance": "Bantuan Sosial",
    "tax": "Perpajakan",
    "drinking_water": "Air Minum",
    "civil_service": "Kepegawaian",
    "land": "Pertanahan",
    "banking": "Perbankan",
    "licensing": "Perizinan",
    "trade": "Perdagangan",
    "cooperative": "Koperasi",
    "transport": "Perhubungan",
    "agriculture_food": "Pertanian dan Pangan",
    "judiciary": "Peradilan",
    "labour": "Ketenagakerjaan",
}

# Sectors the issue names that the seventeen lacked, as an office's staff read them.
NATIONAL = {
    "health": "Kesehatan",
    "police": "Kepolisian",
    "religion": "Agama",
    "public_works": "Infrastruktur, Pekerjaan Umum dan Penataan Ruang",
    "energy": "Energi dan Sumber Daya Mineral",
    "social_security": "Jaminan Sosial",
    "civil_political_rights": "Hak Sipil dan Politik",
    "government_administration": "Administrasi Pemerintahan",
    "communication": "Komunikasi dan Informatika",
    "housing": "Perumahan dan Kawasan Permukiman",
    "tourism": "Pariwisata dan Ekonomi Kreatif",
    "marine_fisheries": "Kelautan dan Perikanan",
    "environment_forestry": "Lingkungan Hidup dan Kehutanan",
    "defence": "Pertahanan dan TNI",
    "law_human_rights": "Hukum dan Hak Asasi Manusia",
    "immigration": "Imigrasi",
    "corrections": "Pemasyarakatan",
    "finance": "Keuangan",
    "elections": "Pemilihan Umum",
}


async def test_the_seventeen_stay_and_the_national_sectors_are_listed(intake, tokens: TestTokens):
    for office in ("BKL", "MKS"):
        listed = await intake.client.get(
            SUBSTANCES, headers=tokens.headers("intake_officer", office=office)
        )
        assert listed.status_code == 200, listed.text
        offered = {s["code"]: s for s in listed.json()}
        for code, name_id in (DOMAIN_PAGE | NATIONAL).items():
            assert code in offered, code
            assert offered[code]["name_id"] == name_id
            assert offered[code]["office"] is None  # national: every office's
    # One row per code: the seventeen were not seeded a second time under other codes.
    names = await intake.scalar("SELECT count(DISTINCT name_id) = count(*) FROM substance")
    assert names is True


async def test_a_report_is_filed_under_a_new_national_sector(intake, tokens: TestTokens):
    officer = tokens.headers("intake_officer", office="BKL")
    report = await register(intake, officer, substance="police")
    assert report["substance"] == "police"
