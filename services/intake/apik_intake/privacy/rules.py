"""What a data subject's access answer gives and what it withholds, and why (pure).

The subject gets their own data in full, a confidential reporter included: the
confidentiality protects them, not from them. Withheld is what belongs to someone else
or to the office's deliberation, each named with its reason, so the answer never passes
for more complete than it is.
"""

from __future__ import annotations

from apik_intake.reporters.rules import Identity, Representative
from apik_shared.platform.processing import Reason
from apik_shared.vocabulary.names import same_name

CASE_FILE = Reason(
    "the examination's case file is held by the examination service, not in this export;"
    " the case is named",
    "UU 37/2008 (the examination is conducted in confidence)",
)

# Asked for and not searched: names are in sealed identities with no index, and letters
# name their correspondents in free text. The DPO searches these by hand.
NOT_SEARCHED = {
    "name": "names are sealed and not indexed: matched by NIK, phone or email only",
}


def representative_shown(rep: Representative | None) -> tuple[Representative | None, bool]:
    """The representative as the subject sees them: who acted for them (name, relationship,
    power of attorney), not the representative's own NIK, contacts and address. The flag
    says whether anything was withheld."""
    if rep is None:
        return None, False
    shown = Representative(
        name=rep.name,
        relationship=rep.relationship,
        power_of_attorney_number=rep.power_of_attorney_number,
        power_of_attorney_date=rep.power_of_attorney_date,
    )
    return shown, any((rep.nik, rep.phone, rep.email, rep.address))


def differences(
    identity: Identity, *, nik: str | None, phone: str | None, email: str | None, name: str | None
) -> list[str]:
    """The identifiers the subject gave that this stored identity holds otherwise: a match
    on a shared phone or email may be someone else, and the DPO checks before answering."""
    out = [
        field
        for field, given in (("nik", nik), ("phone", phone), ("email", email))
        if given and getattr(identity, field) and getattr(identity, field) != given
    ]
    if name and not same_name(name, identity.name):
        out.append("name")
    return out
