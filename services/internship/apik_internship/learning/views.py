"""Results with their gains, and a module's summary, as the routes answer them."""

from __future__ import annotations

from collections.abc import Sequence

from apik_internship.learning import rules
from apik_internship.learning.rules import GainCategory, Scores
from apik_internship.learning.schemas import GainSummary, ModuleResults, ResultPublic
from apik_internship.models import LearningResult


def result(row: LearningResult) -> ResultPublic:
    gain = rules.n_gain(row.pre_score, row.post_score, row.max_score)
    return ResultPublic(
        **row.model_dump(exclude={"office"}),
        n_gain=rules.shown(gain),
        category=rules.category(gain),
    )


def module_results(rows: Sequence[LearningResult]) -> ModuleResults:
    summary = rules.summary([Scores(r.pre_score, r.post_score, r.max_score) for r in rows])
    return ModuleResults(
        items=[result(r) for r in rows],
        summary=GainSummary(
            tested=summary.tested,
            mean_gain=rules.shown(summary.mean_gain),
            class_gain=rules.shown(summary.class_gain),
            **{c.value: summary.counts[c] for c in GainCategory},
        ),
    )
