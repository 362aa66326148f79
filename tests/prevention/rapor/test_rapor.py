"""The rapor of a unit: its score and result as published, the change from the year
before, the weakest indicators with what to fix."""

from __future__ import annotations

from apik_testing.pdf import check_structure, text_of
from apik_testing.services import RunningService
from tests.prevention.builders import (
    ASSESSMENTS,
    answer_everything,
    open_assessment,
    scheme_id,
    shipped,
)


async def _published(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
    *,
    name: str,
    year: int,
    values: dict[str, int],
) -> str:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme, unit_name=name, year=year))[
        "id"
    ]
    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2022), values)
    for step, headers in (("plenary", enumerator), ("publication", head)):
        answer = await prevention.client.post(f"{ASSESSMENTS}/{assessment}/{step}", headers=headers)
        assert answer.status_code == 200, answer.text
    return str(assessment)


async def test_the_rapor_shows_the_score_the_change_and_what_to_fix(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
) -> None:
    name = "Dinas Penanaman Modal dan PTSP Kabupaten Kaur"
    # 2022: complaint handling all 0: 100 - 21.54 = 78.46 (B).
    await _published(
        prevention,
        enumerator,
        reviewer,
        head,
        name=name,
        year=2022,
        values={f"H.{n}": 0 for n in range(1, 6)},
    )
    # 2023: only H.5 at 0 (lost 4.308) and P.7 at 1 (lost 32.37 / 11 x 2/3 = 1.9618):
    # 100 - 4.308 - 1.9618 = 93.7302 -> 93.73 (A), up 15.27 points.
    assessment = await _published(
        prevention,
        enumerator,
        reviewer,
        head,
        name=name,
        year=2023,
        values={"H.5": 0, "P.7": 1},
    )
    answer = await prevention.client.get(f"{ASSESSMENTS}/{assessment}/rapor.pdf", headers=head)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    check_structure(answer.content)
    text = " ".join(text_of(answer.content).split())
    assert "RAPOR PENILAIAN KEPATUHAN" in text and name in text
    assert "93,73 dari 100" in text and "Kualitas Tertinggi (A)" in text
    assert "Tahun 2022 78,46 (Kualitas Tinggi (B)); naik 15,27 poin" in text
    # The weakest first, with its advice.
    assert text.index("H.5") < text.index("P.7")
    assert "Sampaikan hasil penanganan kepada pengadu." in text


async def test_a_draft_rapor_is_marked_provisional_and_incomplete(
    prevention: RunningService, enumerator: dict[str, str], tokens
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2025")
    assessment = (await open_assessment(prevention, enumerator, scheme, year=2025))["id"]
    analyst = tokens.headers("analyst", office="KAB", username="analis")
    answer = await prevention.client.get(f"{ASSESSMENTS}/{assessment}/rapor.pdf", headers=analyst)
    assert answer.status_code == 200, answer.text
    text = " ".join(text_of(answer.content).split())
    assert "nilai sementara" in text and "indikator belum lengkap" in text
    assert "Tidak ada penilaian yang dipublikasikan" in text
