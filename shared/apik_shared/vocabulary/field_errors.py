"""A field's refusal with a code a client words in its own language (pure).

Its own module so that every vocabulary module (`instants`, `nik`) and pure rules can
say one without importing `inputs`, which imports them.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.labels import Named


def invalid(code: str, message: str, **params: str | int | float | Named) -> PydanticCustomError:
    """A validator's refusal of a field, to raise: the validation problem gives `code`
    as the error's type with `params` (a client words it, `api.field.<code>`, in its
    own language), and `message`, its `{placeholders}` filled from `params`, as the
    English detail. A bare `ValueError` would reach clients as `value_error` with an
    English sentence only. A pure rule may return one for its service to raise at a
    field (`InvalidInput.at`).

    A code-valued param (a status, the identity items missing) is given as a `Named`,
    as a problem's own params are: the entry's `params` keep the code, its `labels` and
    `labels_by_language` say it in words (`Problem.body`), and `message` says it in
    English words, never by its code."""
    english = {
        name: value.label.english for name, value in params.items() if isinstance(value, Named)
    }
    for name, words in english.items():
        message = message.replace("{" + name + "}", words)
    return PydanticCustomError(code, message, params)
