"""How a village is answered, and its decision letter as a PDF (Bahasa Indonesia)."""

from __future__ import annotations

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.models import Village
from apik_prevention.villages.rules import Stage, allowed_actions, allowed_steps
from apik_prevention.villages.schemas import VillagePublic
from apik_prevention.villages.service import DecisionData
from apik_shared.documents.pdf import Document
from apik_shared.platform.auth import Principal, Role
from apik_shared.platform.etag import etag_for
from apik_shared.vocabulary.indonesian import tanggal

STAGES = {
    Stage.nominated: "Pengusulan",
    Stage.mentoring: "Pendampingan dan pengisian instrumen",
    Stage.regency_verified: "Verifikasi pemerintah kabupaten",
    Stage.office_verified: "Verifikasi kantor perwakilan",
    Stage.decided: "Penetapan",
    Stage.not_selected: "Tidak terpilih",
}
# Who moves villages (the routes' `Preparer`): the prevention unit and the head.
MOVERS = (Role.prevention_officer, Role.head)
# The laws every letter of the programme rests on (Ombudsman, public service, villages).
MENGINGAT = (
    "Undang-Undang Nomor 37 Tahun 2008 tentang Ombudsman Republik Indonesia;",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Undang-Undang Nomor 6 Tahun 2014 tentang Desa.",
)


def one(row: Village, reader: Principal) -> VillagePublic:
    computed = {"allowed_steps", "allowed_actions"}
    fields = {
        name: getattr(row, name) for name in VillagePublic.model_fields if name not in computed
    }
    may_move, has_assessment = reader.has_any(*MOVERS), row.assessment_id is not None
    moves = allowed_steps(
        row.stage,
        may_move=may_move,
        is_head=reader.has_any(Role.head),
        has_assessment=has_assessment,
    )
    actions = allowed_actions(row.stage, may_move=may_move, has_assessment=has_assessment)
    return VillagePublic.model_validate(
        {**fields, "allowed_steps": [m.value for m in moves], "allowed_actions": actions}
    )


def answer(row: Village, reader: Principal) -> JSONResponse:
    body = jsonable_encoder(one(row, reader))
    return JSONResponse(body, headers={"ETag": etag_for(row.version)})


def _nilai(total: float | None) -> str:
    return "-" if total is None else f"{total:.2f}".replace(".", ",")


def _numbered(pdf: Document, items: tuple[str, ...] | list[str], letters: bool) -> None:
    for index, text in enumerate(items):
        mark = f"{chr(ord('a') + index)}." if letters else f"{index + 1}."
        pdf.paragraph(f"{mark} {text}")


def decision_letter(data: DecisionData) -> bytes:
    village, issuer = data.village, data.issuer
    assert village.decided_on is not None and village.decree_number is not None
    head = issuer.head_title or f"Kepala {issuer.name}"
    where = f"{village.name}, {village.district}, {village.regency}, {village.region}"
    pdf = Document(title=f"Keputusan Desa Anti Maladministrasi {village.year}", issuer=issuer)
    pdf.title_block(f"KEPUTUSAN {head.upper()}", f"Nomor {village.decree_number}")
    pdf.title_block("TENTANG", size=10)
    pdf.title_block(
        f"PENETAPAN {village.name.upper()} SEBAGAI DESA ANTI MALADMINISTRASI TAHUN {village.year}",
        size=10,
    )
    pdf.heading("Menimbang")
    _numbered(
        pdf,
        [
            "bahwa pencegahan maladministrasi dalam penyelenggaraan pelayanan publik perlu "
            "dimulai dari pemerintahan yang paling dekat dengan masyarakat, yaitu desa;",
            f"bahwa {village.name} telah diusulkan, didampingi, dan dinilai dengan instrumen "
            "desa anti maladministrasi, serta telah diverifikasi oleh pemerintah kabupaten "
            "dan oleh kantor perwakilan;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            "perlu menetapkan Keputusan tentang Penetapan Desa Anti Maladministrasi.",
        ],
        letters=True,
    )
    pdf.heading("Mengingat")
    _numbered(pdf, MENGINGAT, letters=False)
    pdf.ln(3)
    pdf.title_block("MEMUTUSKAN", size=11)
    pdf.field("Menetapkan", f"Penetapan {village.name} sebagai Desa Anti Maladministrasi.")
    pdf.field(
        "KESATU",
        f"Menetapkan {where} sebagai Desa Anti Maladministrasi Tahun {village.year}, "
        f"dengan nilai instrumen {_nilai(village.verified_total)} "
        f"({village.verified_label or '-'}).",
    )
    pdf.field(
        "KEDUA",
        "Pemerintah desa mempertahankan dan meningkatkan kepatuhan terhadap standar "
        "pelayanan publik serta pengelolaan pengaduan masyarakat.",
    )
    pdf.field("KETIGA", "Keputusan ini berlaku sejak tanggal ditetapkan.")
    # The signature block prints the place and the date it was decided (ditetapkan).
    pdf.signature(village.decided_on)
    # The stages in a line under the signature, so the letter stays on one page.
    stages = "; ".join(
        f"{STAGES.get(Stage(stage), stage)} {tanggal(day)}" for stage, day in data.stages
    )
    pdf.ln(2)
    pdf.paragraph(f"Riwayat tahapan: {stages}.", size=7.5, style="I")
    if data.scheme_title:
        pdf.paragraph(f"Instrumen: {data.scheme_title}.", size=7.5, style="I")
    return pdf.bytes()
