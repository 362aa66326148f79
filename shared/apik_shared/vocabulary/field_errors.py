"""A field's refusal with a code a client words in its own language (pure).

Its own module so that every vocabulary module (`instants`, `nik`) and pure rules can
say one without importing `inputs`, which imports them.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError


def invalid(code: str, message: str, **params: str | int | float) -> PydanticCustomError:
    """A validator's refusal of a field, to raise: the validation problem gives `code`
    as the error's type with `params` (a client words it, `api.field.<code>`, in its
    own language), and `message`, its `{placeholders}` filled from `params`, as the
    English detail. A bare `ValueError` would reach clients as `value_error` with an
    English sentence only. A pure rule may return one for its service to raise at a
    field (`InvalidInput.at`)."""
    return PydanticCustomError(code, message, params)
