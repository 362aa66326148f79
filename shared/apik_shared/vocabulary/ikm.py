"""The community satisfaction index (IKM), as the regulation defines it (pure).

Written once for examination (which runs the survey) and reporting (which counts it per
office and year from `case.surveyed` events).

Nine elements, each answered 1 to 4. Per element the average of the answers (NRR);
the index is `25 * sum(NRR) / 9`: each element weighs exactly 1/9 (the regulation
rounds the weight to 0.111 in its tables; we do not, so nine 4s give 100, not 99.9).
Arithmetic is exact (fractions); the index is rounded half-up to two decimals, the
precision at which the grade intervals are written (88.30 and 88.31 leave no gap
between them only at that precision), and graded on that rounded value:
A 88.31-100 (very good), B 76.61-88.30 (good), C 65.00-76.60 (poor),
D 25.00-64.99 (not good).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid


class Element(StrEnum):
    requirements = "requirements"
    procedure = "procedure"  # system, mechanism and procedure
    completion_time = "completion_time"
    cost = "cost"  # cost or tariff
    product = "product"  # product specification of the service
    competence = "competence"  # staff competence
    behaviour = "behaviour"  # staff behaviour
    facilities = "facilities"
    complaint_handling = "complaint_handling"


ELEMENTS: tuple[Element, ...] = tuple(Element)
LOWEST, HIGHEST = 1, 4

# (lowest index of the grade, grade, meaning), best first.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "very good"),
    (Decimal("76.61"), "B", "good"),
    (Decimal("65.00"), "C", "poor"),
    (Decimal("25.00"), "D", "not good"),
)
# The grade's meaning as the regulation words it (mutu pelayanan), for Indonesian text.
MUTU: dict[str, str] = {"A": "Sangat baik", "B": "Baik", "C": "Kurang baik", "D": "Tidak baik"}


@dataclass(frozen=True)
class Ikm:
    responses: int
    nrr: dict[Element, Fraction]
    index: Decimal  # two decimals
    grade: str
    meaning: str


def answer_problems(answers: Mapping[str, int]) -> list[tuple[str, PydanticCustomError]]:
    """(element, why) for each missing, unknown or out-of-range answer."""
    problems = [
        (str(e), invalid("missing", "This element needs an answer."))
        for e in ELEMENTS
        if e not in answers
    ]
    for key, value in answers.items():
        if key not in Element.__members__:
            problems.append((key, invalid("extra_forbidden", "Not one of the nine elements.")))
        elif not LOWEST <= value <= HIGHEST:
            said = "Answers go from {min} to {max}."
            problems.append((key, invalid("out_of_range", said, min=LOWEST, max=HIGHEST)))
    return problems


def grade_of(index: Decimal) -> tuple[str, str]:
    for lowest, grade, meaning in GRADES:
        if index >= lowest:
            return grade, meaning
    raise ValueError(f"an index of {index} is below the scale (25-100)")


def ikm_of_totals(responses: int, totals: Mapping[Element, int]) -> Ikm | None:
    """The index of `responses` complete responses whose answers add up to `totals` per
    element (what a database sums); None when there is none."""
    if responses <= 0:
        return None
    if set(totals) != set(ELEMENTS):
        raise ValueError("totals name each of the nine elements")
    for element, total in totals.items():
        if not LOWEST * responses <= total <= HIGHEST * responses:
            raise ValueError(f"{element}: {total} is not a total of {responses} answers of 1-4")
    nrr = {e: Fraction(totals[e], responses) for e in ELEMENTS}
    exact = 25 * sum(nrr.values(), Fraction(0)) / len(ELEMENTS)
    index = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    grade, meaning = grade_of(index)
    return Ikm(responses=responses, nrr=nrr, index=index, grade=grade, meaning=meaning)


def compute_ikm(responses: Sequence[Mapping[str, int]]) -> Ikm | None:
    """The index of a set of complete responses; None when there is none."""
    if not responses:
        return None
    for answers in responses:
        if answer_problems(answers):
            raise ValueError("every response answers the nine elements with 1 to 4")
    totals = {e: sum(r[e] for r in responses) for e in ELEMENTS}
    return ikm_of_totals(len(responses), totals)


# The questionnaire's wording of each element, as the regulation names them.
LABELS_ID: dict[Element, str] = {
    Element.requirements: "Persyaratan",
    Element.procedure: "Sistem, mekanisme, dan prosedur",
    Element.completion_time: "Waktu penyelesaian",
    Element.cost: "Biaya/tarif",
    Element.product: "Produk spesifikasi jenis pelayanan",
    Element.competence: "Kompetensi pelaksana",
    Element.behaviour: "Perilaku pelaksana",
    Element.facilities: "Sarana dan prasarana",
    Element.complaint_handling: "Penanganan pengaduan, saran dan masukan",
}
