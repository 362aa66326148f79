"""Whether a scheme's definition holds together, and what in it is unconfirmed. Pure."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from pydantic_core import PydanticCustomError

from apik_prevention.schemes.schemas import Flagged, SchemeDefinition
from apik_shared.vocabulary.field_errors import invalid

# Dimension weights are percentages; written with two decimals (21.85 + 32.37 + 24.24 +
# 21.54), their sum may miss 100 by float noise only.
WEIGHT_TOLERANCE = 0.005


def problems(definition: SchemeDefinition) -> list[tuple[str, PydanticCustomError]]:
    """(JSON pointer under the definition, why) for each inconsistency."""
    found: list[tuple[str, PydanticCustomError]] = []
    scale = definition.scale
    if scale.min >= scale.max:
        found.append(("/scale/max", _max_not_above(scale.min)))
    total = sum(d.weight for d in definition.dimensions)
    if abs(total - 100) > WEIGHT_TOLERANCE:
        said = "The dimensions' weights add up to {total}, not 100."
        found.append(("/dimensions", invalid("weights_not_100", said, total=f"{total:g}")))
    declared = {r.type for r in definition.respondents}
    if len(declared) != len(definition.respondents):
        said = "A respondent type is listed twice."
        found.append(("/respondents", invalid("listed_twice", said)))
    if definition.year_to is not None and definition.year_to < definition.year_from:
        said = "The last year comes before the first ({start})."
        found.append(
            ("/year_to", invalid("ends_before_start", said, start=str(definition.year_from)))
        )
    found += _indicator_problems(definition, declared)
    for kind, codes in (
        ("dimension", [d.code for d in definition.dimensions]),
        ("variable", [v.code for d in definition.dimensions for v in d.variables]),
    ):
        if len(set(codes)) != len(codes):
            said = "A {kind} code appears twice."
            found.append(("/dimensions", invalid("code_twice", said, kind=kind)))
    mins = [band.min for band in definition.result.bands]
    if len(set(mins)) != len(mins):
        said = "Two bands start at the same score."
        found.append(("/result/bands", invalid("band_start_twice", said)))
    if 0 not in mins:
        said = "No band starts at 0: a low total would have no result."
        found.append(("/result/bands", invalid("no_band_at_zero", said)))
    return found


def _indicator_problems(
    definition: SchemeDefinition, declared: AbstractSet[str]
) -> list[tuple[str, PydanticCustomError]]:
    found: list[tuple[str, PydanticCustomError]] = []
    seen: set[str] = set()
    for d, dimension in enumerate(definition.dimensions):
        for v, variable in enumerate(dimension.variables):
            for i, indicator in enumerate(variable.indicators):
                at = f"/dimensions/{d}/variables/{v}/indicators/{i}"
                if indicator.code in seen:
                    said = f"SchemeIndicator {indicator.code} appears twice."
                    found.append((f"{at}/code", invalid("listed_twice", said)))
                seen.add(indicator.code)
                if undeclared := [r for r in indicator.respondents if r not in declared]:
                    said = "Not a respondent of the scheme: {respondents}."
                    whom = ", ".join(undeclared)
                    refusal = invalid("respondent_not_declared", said, respondents=whom)
                    found.append((f"{at}/respondents", refusal))
                own = indicator.scale
                if own is not None and own.min >= own.max:
                    found.append((f"{at}/scale/max", _max_not_above(own.min)))
    return found


def _max_not_above(least: int) -> PydanticCustomError:
    said = "The scale's max must be above its min ({min})."
    return invalid("max_not_above_min", said, min=least)


def _flagged(definition: SchemeDefinition) -> Iterator[Flagged]:
    yield definition.legal_basis
    yield definition.scale
    yield from definition.respondents
    for dimension in definition.dimensions:
        yield dimension
        for variable in dimension.variables:
            yield variable
            for indicator in variable.indicators:
                yield indicator
                if indicator.scale is not None:
                    yield indicator.scale
    yield definition.result
    yield from definition.result.bands
    if definition.result.suffix is not None:
        yield definition.result.suffix


def unconfirmed(definition: SchemeDefinition) -> int:
    """How many elements of the definition the sources do not confirm."""
    return sum(1 for element in _flagged(definition) if not element.confirmed)
