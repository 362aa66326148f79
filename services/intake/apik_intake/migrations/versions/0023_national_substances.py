"""The national substance catalogue: the sectors the Ombudsman counts nationally.

0001 seeded the seventeen sectors one regional office met in one year (the domain
page); an office that receives complaints about the police or a hospital had nowhere
to file them (issue 17, item 8). This adds the substances the Ombudsman RI names in its
annual and semester reports to the national catalogue.

Source, honestly: no complete official list was at hand. The list below joins the
substances named in the Ombudsman RI's published yearly figures (the 2019 annual
report: agraria/pertanahan, kepegawaian, pendidikan, kepolisian, administrasi,
ketenagakerjaan; the 2024 year-end figures: perhubungan, hak sipil dan politik,
administrasi, kepolisian, desa, kesejahteraan, kesehatan; a regional office's 2025
figures: agraria, kepegawaian, hak sipil dan politik, pendidikan, kepolisian), the fields
of its Keasistenan Utama (energi, lingkungan hidup, perhubungan, infrastruktur,
kelautan dan perikanan, pariwisata dan ekonomi kreatif, penanaman modal), and the
sectors the issue lists. Names and codes are the project's; the national role renames,
retires or adds through `PATCH/POST /api/v1/intake/substances`.

Idempotent and never renaming: a code already present (one of the seventeen, one the
national role added, or an office's own that happens to share the code) is left exactly
as it is, name, state and owner, because reports keep the code they were filed with.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import insert

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# (code, name in Bahasa Indonesia, name in English). Land (Pertanahan), electricity,
# population administration and the others of 0001 are not repeated: they stay as seeded.
NATIONAL_SUBSTANCES = [
    ("health", "Kesehatan", "Health"),
    ("police", "Kepolisian", "Police"),
    ("religion", "Agama", "Religious affairs"),
    (
        "public_works",
        "Infrastruktur, Pekerjaan Umum dan Penataan Ruang",
        "Infrastructure, public works and spatial planning",
    ),
    ("energy", "Energi dan Sumber Daya Mineral", "Energy and mineral resources"),
    ("social_security", "Jaminan Sosial", "Social security"),
    ("social_welfare", "Kesejahteraan Sosial", "Social welfare"),
    ("civil_political_rights", "Hak Sipil dan Politik", "Civil and political rights"),
    ("government_administration", "Administrasi Pemerintahan", "Government administration"),
    ("communication", "Komunikasi dan Informatika", "Communication and informatics"),
    ("housing", "Perumahan dan Kawasan Permukiman", "Housing and settlements"),
    ("tourism", "Pariwisata dan Ekonomi Kreatif", "Tourism and creative economy"),
    ("marine_fisheries", "Kelautan dan Perikanan", "Marine affairs and fisheries"),
    ("environment_forestry", "Lingkungan Hidup dan Kehutanan", "Environment and forestry"),
    ("investment", "Penanaman Modal", "Investment"),
    ("defence", "Pertahanan dan TNI", "Defence and the armed forces"),
    ("law_human_rights", "Hukum dan Hak Asasi Manusia", "Law and human rights"),
    ("immigration", "Imigrasi", "Immigration"),
    ("corrections", "Pemasyarakatan", "Corrections"),
    ("prosecution", "Kejaksaan", "Public prosecution"),
    ("finance", "Keuangan", "Finance"),
    ("customs_excise", "Kepabeanan dan Cukai", "Customs and excise"),
    ("elections", "Pemilihan Umum", "Elections"),
    ("migrant_workers", "Pelindungan Pekerja Migran", "Protection of migrant workers"),
    ("other", "Lainnya", "Other"),
]

_substance = sa.table(
    "substance",
    sa.column("code", sa.String),
    sa.column("name_id", sa.Text),
    sa.column("name_en", sa.Text),
    sa.column("active", sa.Boolean),
    sa.column("office", sa.String),
)


def upgrade() -> None:
    rows = [
        {"code": c, "name_id": i, "name_en": e, "active": True, "office": None}
        for c, i, e in NATIONAL_SUBSTANCES
    ]
    # ON CONFLICT DO NOTHING: a code in use keeps its name, state and owner (see above).
    op.execute(insert(_substance).values(rows).on_conflict_do_nothing(index_elements=["code"]))


def downgrade() -> None:
    # Only rows this revision would have written and nothing refers to: a code a report
    # was filed under, renamed nationally, or an office's own stays.
    for code, name_id, name_en in NATIONAL_SUBSTANCES:
        op.execute(
            sa.text(
                "DELETE FROM substance s WHERE s.code = :code AND s.office IS NULL"
                " AND s.name_id = :name_id AND s.name_en = :name_en"
                " AND NOT EXISTS (SELECT 1 FROM report r WHERE r.substance = s.code)"
            ).bindparams(code=code, name_id=name_id, name_en=name_en)
        )
