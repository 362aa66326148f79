"""Which visits are the subject's, and what the desk's answer leaves out (pure).

The desk keeps no index of visitors: a visit is the subject's when its sealed phone
equals the phone given, or its sealed name the name given (compared without case and
extra spaces). A name alone may be a namesake: the answer says what matched and what
differs, and the DPO checks before sending.
"""

from __future__ import annotations

from apik_shared.vocabulary.names import same_name

NOT_SEARCHED = {
    "nik": "the desk keeps no NIK",
    "email": "the desk keeps no email",
}
NOT_INCLUDED = {
    "signature": "the drawn signature is not embedded; the visit's printed forms carry it",
}


def matches(
    *, name: str, phone: str | None, given_name: str | None, given_phone: str | None
) -> tuple[list[str], list[str]]:
    """(what matched, what differs) between a visitor as sealed and the identifiers given;
    no match when the first is empty."""
    matched: list[str] = []
    differs: list[str] = []
    if given_phone and phone:
        (matched if phone == given_phone else differs).append("phone")
    if given_name:
        (matched if same_name(name, given_name) else differs).append("name")
    return matched, differs
