"""Whether a scheme's definition holds together, and what in it is unconfirmed. Pure."""

from __future__ import annotations

from collections.abc import Iterator

from apik_prevention.schemes.schemas import Flagged, SchemeDefinition

# Dimension weights are percentages; written with two decimals (21.85 + 32.37 + 24.24 +
# 21.54), their sum may miss 100 by float noise only.
WEIGHT_TOLERANCE = 0.005


def problems(definition: SchemeDefinition) -> list[tuple[str, str]]:
    """(JSON pointer under the definition, what is wrong) for each inconsistency."""
    found: list[tuple[str, str]] = []
    scale = definition.scale
    if scale.min >= scale.max:
        found.append(("/scale/max", "The scale's max must be above its min."))
    total = sum(d.weight for d in definition.dimensions)
    if abs(total - 100) > WEIGHT_TOLERANCE:
        found.append(("/dimensions", f"The dimensions' weights add up to {total:g}, not 100."))
    declared = {r.type for r in definition.respondents}
    if len(declared) != len(definition.respondents):
        found.append(("/respondents", "A respondent type is listed twice."))
    if definition.year_to is not None and definition.year_to < definition.year_from:
        found.append(("/year_to", "The last year comes before the first."))
    seen: set[str] = set()
    for d, dimension in enumerate(definition.dimensions):
        for v, variable in enumerate(dimension.variables):
            for i, indicator in enumerate(variable.indicators):
                at = f"/dimensions/{d}/variables/{v}/indicators/{i}"
                if indicator.code in seen:
                    found.append((f"{at}/code", f"SchemeIndicator {indicator.code} appears twice."))
                seen.add(indicator.code)
                if undeclared := [r for r in indicator.respondents if r not in declared]:
                    found.append(
                        (f"{at}/respondents", f"Not a respondent of the scheme: {undeclared}.")
                    )
                own = indicator.scale
                if own is not None and own.min >= own.max:
                    found.append((f"{at}/scale/max", "The scale's max must be above its min."))
    for kind, codes in (
        ("dimension", [d.code for d in definition.dimensions]),
        ("variable", [v.code for d in definition.dimensions for v in d.variables]),
    ):
        if len(set(codes)) != len(codes):
            found.append(("/dimensions", f"A {kind} code appears twice."))
    mins = [band.min for band in definition.result.bands]
    if len(set(mins)) != len(mins):
        found.append(("/result/bands", "Two bands start at the same score."))
    if 0 not in mins:
        found.append(("/result/bands", "No band starts at 0: a low total would have no result."))
    return found


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
