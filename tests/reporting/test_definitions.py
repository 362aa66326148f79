"""Every definition reporting gives has an English and a Bahasa Indonesia text: a missing
or copied one fails here, before a screen shows an empty line or English to the office."""

from __future__ import annotations

import pytest

from apik_reporting.breakdowns.rules import BREAKDOWNS, BREAKDOWNS_ID, Dimension
from apik_reporting.internship.rules import DEFINITIONS, DEFINITIONS_ID
from apik_reporting.kpis.rules import INDICATORS
from apik_reporting.prevention import rules as prevention
from apik_reporting.staff.rules import (
    ROLLUP_DEFINITION,
    ROLLUP_DEFINITION_ID,
    STAFF_DEFINITION,
    STAFF_DEFINITION_ID,
)

# Words an Indonesian definition uses and an English one does not.
INDONESIAN = ("yang", "tahun", "per ", "dari", "laporan", "menurut", "rata-rata")


def _pairs() -> list[tuple[str, str, str]]:
    """(what, English, Indonesian) for every definition, missing ones as ''."""
    return [
        *((f"indicator {i.code}", i.definition, i.definisi) for i in INDICATORS),
        *((f"breakdown {d}", BREAKDOWNS.get(d, ""), BREAKDOWNS_ID.get(d, "")) for d in Dimension),
        *(
            (f"internship {k}", DEFINITIONS.get(k, ""), DEFINITIONS_ID.get(k, ""))
            for k in sorted(DEFINITIONS.keys() | DEFINITIONS_ID.keys())
        ),
        *(
            (
                f"prevention {k}",
                prevention.DEFINITIONS.get(k, ""),
                prevention.DEFINITIONS_ID.get(k, ""),
            )
            for k in sorted(prevention.DEFINITIONS.keys() | prevention.DEFINITIONS_ID.keys())
        ),
        ("staff", STAFF_DEFINITION, STAFF_DEFINITION_ID),
        ("rollup", ROLLUP_DEFINITION, ROLLUP_DEFINITION_ID),
    ]


@pytest.mark.parametrize(("what", "english", "indonesian"), _pairs(), ids=lambda v: v[:40])
def test_every_definition_has_both_texts(what: str, english: str, indonesian: str):
    assert english.strip(), f"{what}: no English definition"
    assert indonesian.strip(), f"{what}: no Indonesian definition"
    assert indonesian != english, f"{what}: the Indonesian is the English copied"
    assert any(word in indonesian.lower() for word in INDONESIAN), f"{what}: not Indonesian"


def test_a_missing_text_is_caught():
    """The check itself: a definition without its Indonesian is among the pairs as ''."""
    pairs = _pairs()
    expected = len(INDICATORS) + len(Dimension) + len(DEFINITIONS) + len(prevention.DEFINITIONS)
    assert len(pairs) == expected + 2
    with pytest.raises(AssertionError, match="no Indonesian"):
        test_every_definition_has_both_texts("x", "English", "")
