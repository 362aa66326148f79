"""The shipped schemes hold together and say what the sources do not confirm; a broken
definition is caught."""

from __future__ import annotations

import pytest

from apik_prevention.schemes.rules import problems, unconfirmed
from tests.prevention.builders import indicators, shipped


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_each_shipped_scheme_is_consistent(year: int) -> None:
    assert problems(shipped(year)) == []


def test_the_2022_weights_are_the_published_ones_and_confirmed() -> None:
    scheme = shipped(2022)
    weights = {d.code: (d.weight, d.confirmed) for d in scheme.dimensions}
    assert weights == {
        "input": (21.85, True),
        "proses": (32.37, True),
        "output": (24.24, True),
        "pengaduan": (21.54, True),
    }
    samples = {r.type.value: r.sample_size for r in scheme.respondents}
    assert samples == {"official": 4, "observation": 1, "service_user": 30, "complaint_officer": 2}
    process = next(d for d in scheme.dimensions if d.code == "proses")
    assert sum(len(v.indicators) for v in process.variables) == 11
    # The cut-offs come from secondary sources: marked, with a note.
    cut_offs = [b for b in scheme.result.bands if b.min > 0]
    assert all(not b.confirmed and b.note for b in cut_offs)


def test_2025_weighs_compliance_70_and_public_trust_30() -> None:
    scheme = shipped(2025)
    groups: dict[str | None, float] = {}
    for dimension in scheme.dimensions:
        groups[dimension.group] = groups.get(dimension.group, 0) + dimension.weight
    assert groups == {"Kepatuhan (70%)": 70, "Kepercayaan publik (30%)": 30}
    assert scheme.result.suffix is not None
    assert scheme.result.suffix.text == "Tanpa Maladministrasi"
    assert [b.opinion for b in scheme.result.bands] == [True, False, False, False, False]
    # The split of the 70% and every threshold are unconfirmed.
    assert all(not d.confirmed for d in scheme.dimensions if d.group == "Kepatuhan (70%)")
    assert all(not b.confirmed for b in scheme.result.bands)
    assert unconfirmed(scheme) > 0


def test_2021_is_zones_of_the_fourteen_service_standard_components() -> None:
    scheme = shipped(2021)
    assert len(indicators(scheme)) == 14
    assert [(b.min, b.zone) for b in scheme.result.bands] == [
        (81, "green"),
        (51, "yellow"),
        (0, "red"),
    ]


def test_a_broken_definition_is_named_field_by_field() -> None:
    data = shipped(2022).model_dump()
    data["dimensions"][0]["weight"] = 20
    data["dimensions"][1]["variables"][0]["indicators"][0]["code"] = "I.1"
    data["dimensions"][2]["variables"][0]["indicators"][0]["respondents"] = ["public"]
    data["result"]["bands"][-1]["min"] = 10
    broken = type(shipped(2022)).model_validate(data)
    found = dict(problems(broken))
    assert "/dimensions" in found and "98.15" in found["/dimensions"].message()
    assert found["/dimensions"].type == "weights_not_100"
    assert found["/result/bands"].type == "no_band_at_zero"
    assert "/dimensions/1/variables/0/indicators/0/code" in found
    assert "/dimensions/2/variables/0/indicators/0/respondents" in found
    assert "/result/bands" in found
