"""The document kit's PDF base (`apik_shared.documents.pdf`): letterhead, page numbers,
the signature block, embedded fonts, read back as a PDF reader sees them."""

from __future__ import annotations

from datetime import date

from apik_shared.documents.issuer import NATIONAL, Issuer
from apik_shared.documents.pdf import A6, Document
from apik_testing.pdf import fonts_of, pages_text

BENGKULU = Issuer(
    code="BKL",
    name="Ombudsman RI Perwakilan Bengkulu",
    timezone="Asia/Jakarta",
    letterhead=("OMBUDSMAN REPUBLIK INDONESIA", "PERWAKILAN PROVINSI BENGKULU"),
    head_name="Dr. Siti Nurhaliza, S.H.",
    head_title="Kepala Perwakilan",
    address="Jl. Basuki Rahmat No. 1,\nBengkulu",
)


def _long(issuer: Issuer) -> bytes:
    pdf = Document(title="Daftar Uji", issuer=issuer)
    pdf.title_block("DAFTAR UJI")
    rows = [[str(n), f"Berkas nomor {n}", str(n * 10)] for n in range(1, 121)]
    pdf.grid(["No", "Judul berkas", "Jumlah"], rows, [10, 70, 20], align="LLR")
    pdf.signature(date(2026, 12, 5))
    return pdf.bytes()


def test_the_letterhead_opens_the_first_page_and_every_page_is_numbered():
    pages = pages_text(_long(BENGKULU))
    assert len(pages) >= 3
    first = pages[0].splitlines()
    assert first[:2] == ["OMBUDSMAN REPUBLIK INDONESIA", "PERWAKILAN PROVINSI BENGKULU"]
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
    # The kop surat once; later pages carry the running title instead.
    assert "PERWAKILAN PROVINSI BENGKULU" not in pages[1]
    assert "Daftar Uji - Ombudsman RI Perwakilan Bengkulu" in pages[1]
    # The table's header row repeats on each page it runs onto.
    assert "Judul berkas" in pages[1]


def test_the_head_signs_under_the_place_and_the_indonesian_date():
    last = pages_text(_long(BENGKULU))[-1]
    # The place is the address's last part; the date as Indonesian letters write it.
    assert "Bengkulu, 5 Desember 2026" in last
    assert "Kepala Perwakilan," in last
    assert "Dr. Siti Nurhaliza, S.H." in last


def test_without_a_head_in_the_registry_the_name_is_left_to_fill_in():
    last = pages_text(_long(NATIONAL))[-1]
    assert "5 Desember 2026" in last and "Kepala Kantor," in last
    assert "(..............................)" in last


def test_every_font_is_embedded_truetype_and_prints_any_latin_name():
    pdf = Document(title="Tanda Terima", issuer=BENGKULU, page_format=A6)
    pdf.field("Nama", "Zoë Đặng Thị Ả", 12)  # outside Latin-1: no `?`
    pdf.paragraph("miring", style="I")
    content = pdf.bytes()
    fonts = fonts_of(content)
    assert set(fonts) and all(fonts.values()), fonts
    assert {name.split("+")[-1] for name in fonts} == {
        "DejaVuSansBook",
        "DejaVuSansBold",
        "DejaVuSansOblique",
    }
    assert "Zoë Đặng Thị Ả" in pages_text(content)[0]


def test_the_place_of_signing_is_the_city_the_address_ends_with():
    def place(address: str | None) -> str | None:
        return Issuer(code="X", name="X", timezone="Asia/Jakarta", address=address).place

    assert place("Jl. H.R. Rasuna Said Kav. C-19, Kuningan, Jakarta Selatan 12920") == (
        "Jakarta Selatan"
    )
    assert place("Jl. Basuki Rahmat No. 1\nBengkulu") == "Bengkulu"
    assert place("Kota Kupang") == "Kota Kupang"
    assert place(None) is None and place("12345") is None
