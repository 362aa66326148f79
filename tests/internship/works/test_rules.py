"""The masking of shared case material, on a text written by hand."""

from __future__ import annotations

from apik_internship.works.rules import masked_material


def test_listed_names_and_every_contact_or_number_are_masked():
    text = (
        "Pelapor Budi Santoso (NIK 3171 0123 4567 8901, budi.s@mail.co.id, 0812-3456-7890)"
        " mengadukan Kepala Dinas Hj. Sri Wahyuni. Pak Budi menyebut rekening 1234567890."
        " Surat nomor 12/2027 tanggal 3 Februari."
    )
    assert masked_material(text, ["Budi Santoso", "Hj. Sri Wahyuni"]) == (
        "Pelapor [nama disamarkan] (NIK [nomor disamarkan], [email disamarkan],"
        " [telepon disamarkan]) mengadukan Kepala Dinas [nama disamarkan]. Pak [nama"
        " disamarkan] menyebut rekening [nomor disamarkan]. Surat nomor 12/2027 tanggal 3"
        " Februari."
    )


def test_names_are_matched_whole_words_and_regardless_of_case():
    assert masked_material("SANTOSO dan Santosa, bukan santosoan", ["Santoso"]) == (
        "[nama disamarkan] dan Santosa, bukan santosoan"
    )
    assert masked_material("tanpa daftar nama", []) == "tanpa daftar nama"
