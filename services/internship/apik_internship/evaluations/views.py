"""Evaluations as the routes answer them: the comment unsealed."""

from __future__ import annotations

from apik_internship.evaluations import service
from apik_internship.evaluations.schemas import EvaluationPublic
from apik_internship.models import Evaluation
from apik_shared.platform.crypto import FieldCipher


def public(cipher: FieldCipher, evaluation: Evaluation) -> EvaluationPublic:
    return EvaluationPublic.model_validate(
        {**evaluation.model_dump(), "comment": service.comment_of(cipher, evaluation)}
    )
