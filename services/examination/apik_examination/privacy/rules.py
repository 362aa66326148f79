"""Which agency contacts are the subject's, and what the answer leaves out (pure).

Examination keeps personal data it can search on one kind of person: the contact people
(narahubung) of reported agencies, stored in clear per office. A contact is the
subject's when its phone, email or name equals the one given (phones compared as
E.164, emails and names without case and extra spaces). A name alone may be a
namesake: the answer says what matched and what differs.
"""

from __future__ import annotations

from apik_shared.platform.processing import Reason
from apik_shared.vocabulary.inputs import normalise_phone
from apik_shared.vocabulary.names import same_name

NOT_SEARCHED = {
    "nik": "examination keeps no NIK",
    "cases": (
        "cases hold a reporter only by intake's reference, never an identity: intake's"
        " export names the subject's reports and their cases"
    ),
}
CASE_WORK = Reason(
    "the examination work in which the contact was reached (the case file)",
    "UU 37/2008 (the examination is conducted in confidence)",
)


def _phone(raw: str) -> str | None:
    # Contacts' phones are free lines (an agency's desk number may carry an extension):
    # one that does not read as a number matches nothing rather than failing the search.
    try:
        return normalise_phone(raw)
    except ValueError:
        return None


def matches(
    *,
    name: str,
    phone: str,
    email: str,
    given_name: str | None,
    given_phone: str | None,
    given_email: str | None,
) -> tuple[list[str], list[str]]:
    """(what matched, what differs) between a contact and the identifiers given; no match
    when the first is empty."""
    matched: list[str] = []
    differs: list[str] = []
    if given_phone and phone:
        (matched if _phone(phone) == given_phone else differs).append("phone")
    if given_email and email:
        (matched if same_name(email, given_email) else differs).append("email")
    if given_name:
        (matched if same_name(name, given_name) else differs).append("name")
    return matched, differs
