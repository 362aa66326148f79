"""The assessment's score, computed from the scheme and the approved answers. Pure.

The method, stated once so every view (API, rapor, exports) says the same number:

1. An indicator's score is the mean of its approved answers on its scale, from the
   scale's min (0) to its max (100): `(mean - min) / (max - min) * 100`.
2. A variable's score is the weighted mean of its indicators' scores, a dimension's the
   weighted mean of its variables' (weights relative to their siblings).
3. The total is the dimensions' scores weighted by their percentages (they add up to
   100). An indicator's *contribution* is its score times its share of the total (the
   dimension's percent * the variable's share * the indicator's share), so the
   contributions add up to the total and `weight - contribution` is what it lost.
4. The total is rounded half up to the scheme's decimals; its result is the band with the
   highest `min` at or below the rounded total (green from 81.00: 80.995 rounds to 81.00
   and is green; 80.994 is yellow).
5. An indicator without an approved answer scores nothing and makes the assessment
   incomplete: the total is shown, marked provisional, and no result is given.
6. The suffix ("Tanpa Maladministrasi", from the 2025 schemes) goes to a band the scheme
   allows it for when both parts of the follow-up hold: the cases' corrective actions
   and recommendations (`follow_up_holds`: known, none pending, rate at or above the
   scheme's minimum) and the unit's suggestions from studies (no suggestion due in the
   year marked not followed up or overdue while open; `follow_up.rules`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from apik_prevention.assessments.schemas import (
    AssessmentAction,
    AssessmentOutcome,
    DimensionScore,
    FollowUpState,
    GroupScore,
    IndicatorScore,
    ReviewDecision,
    ScoreExplained,
    SuggestionsFollowUp,
    VariableScore,
)
from apik_prevention.schemes.schemas import (
    SchemeBand,
    SchemeDefinition,
    SchemeIndicator,
    SchemeResult,
    SchemeScale,
)
from apik_shared.vocabulary.labels import Label

SHOWN = 4  # decimals of the intermediate numbers in the explanation


class EntryStatus(StrEnum):
    submitted = "submitted"  # waiting for the reviewer
    approved = "approved"  # counts in the score
    returned = "returned"  # back to the enumerator, not counted
    on_hold = "on_hold"  # the reviewer set it aside, not counted


# The words of an entry's statuses, said by the problems that name them.
ENTRY_STATUSES: Mapping[str, Label] = {
    EntryStatus.submitted: Label("Menunggu telaah", "Awaiting review"),
    EntryStatus.approved: Label("Disetujui", "Approved"),
    EntryStatus.returned: Label("Dikembalikan", "Returned"),
    EntryStatus.on_hold: Label("Ditahan", "On hold"),
}


class AssessmentStatus(StrEnum):
    draft = "draft"  # entries come in and are reviewed
    plenary = "plenary"  # before the plenary: entries frozen, the head decides
    published = "published"


# The words of an assessment's statuses, said by the problems that name them.
ASSESSMENT_STATUSES: Mapping[str, Label] = {
    AssessmentStatus.draft: Label("Pengisian", "Data entry"),
    AssessmentStatus.plenary: Label("Pleno", "Plenary"),
    AssessmentStatus.published: Label("Diumumkan", "Published"),
}


# The reviewer's decisions from each entry status: a returned entry is corrected first,
# an approved one is corrected to be reviewed again, a held one is not held twice.
DECISIONS: dict[EntryStatus, tuple[ReviewDecision, ...]] = {
    EntryStatus.submitted: (
        ReviewDecision.approved,
        ReviewDecision.returned,
        ReviewDecision.on_hold,
    ),
    EntryStatus.on_hold: (ReviewDecision.approved, ReviewDecision.returned),
}


def review_decisions(entry_status: str) -> tuple[ReviewDecision, ...]:
    """The decisions an entry in `entry_status` can take (whoever reviews it)."""
    return DECISIONS.get(EntryStatus(entry_status), ())


def offered_decisions(
    entry_status: str, *, assessment_status: str, is_officer: bool, is_enumerator: bool
) -> list[ReviewDecision]:
    """The decisions this reader may take on an entry: the prevention unit's (the routes'
    officers), never on their own entry (four eyes), while the assessment is a draft."""
    if not is_officer or is_enumerator or assessment_status != AssessmentStatus.draft:
        return []
    return list(review_decisions(entry_status))


def assessment_actions(status: str, *, is_officer: bool) -> list[AssessmentAction]:
    """Entries (one by one or from the filled template) come in while the assessment is a
    draft, from the prevention unit."""
    if is_officer and status == AssessmentStatus.draft:
        return [AssessmentAction.add_entries]
    return []


@dataclass(frozen=True)
class Answer:
    indicator: str
    value: int


def rounded(value: float, decimals: int) -> float:
    # Through the shortest repr: 80.995 computed as 80.99499999999999 is still 80.995.
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def indicator_score(values: Sequence[int], scale: SchemeScale) -> float | None:
    """0-100 from the mean of the answers; None without answers."""
    if not values:
        return None
    mean = sum(values) / len(values)
    return (mean - scale.min) / (scale.max - scale.min) * 100


def band_of(total: float, result: SchemeResult) -> SchemeBand:
    """The band of a total already rounded to the scheme's decimals."""
    fitting = [band for band in result.bands if band.min <= total]
    return max(fitting, key=lambda band: band.min)


def follow_up_holds(follow_up: FollowUpState | None, minimum: float) -> bool | None:
    """Whether the unit followed up enough of the Ombudsman's corrective actions and
    recommendations; None when it is not known, or some are still pending. None issued
    at all holds: nothing was left without follow-up."""
    if follow_up is None or follow_up.pending:
        return None
    if follow_up.issued == 0:
        return True
    return follow_up.followed_up / follow_up.issued >= minimum


def outcome(
    total: float,
    result: SchemeResult,
    follow_up: FollowUpState | None,
    suggestions: SuggestionsFollowUp | None = None,
) -> AssessmentOutcome:
    """The band and its title; the suffix when the band allows it and both the cases'
    follow-up and the suggestions' hold (suggestions None: not considered)."""
    band = band_of(total, result)
    suffix, holds, suggestions_hold = None, None, None
    if result.suffix is not None:
        holds = follow_up_holds(follow_up, result.suffix.min_follow_up_rate)
        suggestions_hold = None if suggestions is None else suggestions.holds
        eligible = band.opinion or not result.suffix.only_with_opinion
        if eligible and holds and suggestions_hold is not False:
            suffix = result.suffix.text
    title = band.label
    if band.opinion and result.opinion_label:
        title += f" \u2014 {result.opinion_label}"
    if suffix:
        title += f" {suffix}"
    return AssessmentOutcome(
        label=band.label,
        zone=band.zone,
        grade=band.grade,
        opinion=band.opinion,
        suffix=suffix,
        follow_up_holds=holds,
        suggestions_hold=suggestions_hold,
        title=title,
        band_min=band.min,
    )


def _indicator(
    indicator: SchemeIndicator, values: Sequence[int], scheme_scale: SchemeScale, share: float
) -> tuple[IndicatorScore, float | None]:
    """The explained indicator, and its unrounded score (None without answers)."""
    scale = indicator.scale or scheme_scale
    score = indicator_score(values, scale)
    contribution = 0.0 if score is None else score * share / 100
    explained = IndicatorScore(
        code=indicator.code,
        text=indicator.text,
        weight=indicator.weight,
        answers=list(values),
        scale_min=scale.min,
        scale_max=scale.max,
        mean=None if not values else round(sum(values) / len(values), SHOWN),
        score=None if score is None else round(score, SHOWN),
        share_of_total=round(share, SHOWN),
        contribution=round(contribution, SHOWN),
        lost=round(share - contribution, SHOWN),
        confirmed=indicator.confirmed,
        advice=indicator.advice,
    )
    return explained, score


def explain(
    definition: SchemeDefinition,
    answers: Sequence[Answer],
    follow_up: FollowUpState | None = None,
    suggestions: SuggestionsFollowUp | None = None,
) -> ScoreExplained:
    """The score of an assessment with every step that made it."""
    by_indicator: dict[str, list[int]] = {}
    for answer in answers:
        by_indicator.setdefault(answer.indicator, []).append(answer.value)
    total, missing, dimensions = 0.0, [], []
    for dimension in definition.dimensions:
        v_weights = sum(v.weight for v in dimension.variables)
        variables, d_score = [], 0.0
        for variable in dimension.variables:
            v_share = variable.weight / v_weights
            i_weights = sum(i.weight for i in variable.indicators)
            indicators, v_score = [], 0.0
            for indicator in variable.indicators:
                i_share = indicator.weight / i_weights
                explained, score = _indicator(
                    indicator,
                    by_indicator.get(indicator.code, []),
                    definition.scale,
                    dimension.weight * v_share * i_share,
                )
                indicators.append(explained)
                if score is None:
                    missing.append(indicator.code)
                else:
                    v_score += i_share * score
            d_score += v_share * v_score
            variables.append(
                VariableScore(
                    code=variable.code,
                    name=variable.name,
                    weight=variable.weight,
                    share=round(v_share, SHOWN),
                    score=round(v_score, SHOWN),
                    confirmed=variable.confirmed,
                    indicators=indicators,
                )
            )
        contribution = dimension.weight * d_score / 100
        total += contribution
        dimensions.append(
            DimensionScore(
                code=dimension.code,
                name=dimension.name,
                group=dimension.group,
                weight=dimension.weight,
                score=round(d_score, SHOWN),
                contribution=round(contribution, SHOWN),
                confirmed=dimension.confirmed,
                variables=variables,
            )
        )
    decimals = definition.result.decimals
    total_rounded = rounded(total, decimals)
    complete = not missing
    return ScoreExplained(
        total=total_rounded,
        total_exact=round(total, SHOWN + 2),
        decimals=decimals,
        complete=complete,
        missing=missing,
        groups=_groups(dimensions),
        dimensions=dimensions,
        result=(
            outcome(total_rounded, definition.result, follow_up, suggestions) if complete else None
        ),
        follow_up=follow_up,
        suggestions=suggestions,
    )


def _groups(dimensions: Sequence[DimensionScore]) -> list[GroupScore]:
    groups: dict[str, list[DimensionScore]] = {}
    for dimension in dimensions:
        if dimension.group:
            groups.setdefault(dimension.group, []).append(dimension)
    return [
        GroupScore(
            name=name,
            weight=round(sum(d.weight for d in members), SHOWN),
            contribution=round(sum(d.contribution for d in members), SHOWN),
            dimensions=[d.code for d in members],
        )
        for name, members in groups.items()
    ]


def weakest(explained: ScoreExplained, count: int) -> list[IndicatorScore]:
    """The indicators that lost the most points of the total, the most first."""
    every = [
        indicator
        for dimension in explained.dimensions
        for variable in dimension.variables
        for indicator in variable.indicators
    ]
    every.sort(key=lambda i: (-i.lost, i.code))
    return [i for i in every if i.lost > 0][:count]


def indicator_codes(definition: SchemeDefinition) -> Mapping[str, SchemeIndicator]:
    return {
        indicator.code: indicator
        for dimension in definition.dimensions
        for variable in dimension.variables
        for indicator in variable.indicators
    }
