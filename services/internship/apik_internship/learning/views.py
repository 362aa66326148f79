"""Results with their gains, and a module's summary, as the routes answer them."""

from __future__ import annotations

from collections.abc import Sequence

from apik_internship.learning.schemas import GainSummary, ModuleResults, ResultPublic
from apik_internship.models import LearningResult
from apik_shared.vocabulary import ngain
from apik_shared.vocabulary.ngain import GainCategory, Scores


def result(row: LearningResult) -> ResultPublic:
    gain = ngain.n_gain(row.pre_score, row.post_score, row.max_score)
    return ResultPublic(
        **row.model_dump(exclude={"office"}),
        n_gain=ngain.shown(gain),
        category=ngain.category(gain),
    )


def module_results(rows: Sequence[LearningResult]) -> ModuleResults:
    summary = ngain.summary([Scores(r.pre_score, r.post_score, r.max_score) for r in rows])
    return ModuleResults(
        items=[result(r) for r in rows],
        summary=GainSummary(
            tested=summary.tested,
            mean_gain=ngain.shown(summary.mean_gain),
            class_gain=ngain.shown(summary.class_gain),
            **{c.value: summary.counts[c] for c in GainCategory},
        ),
    )
