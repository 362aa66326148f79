"""Who sees what of an alumnus, the magic link's life and the requests' deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apik_internship.alumni.rules import (
    Audience,
    Visibility,
    due,
    link_usable,
    shown,
    token_hash,
)

RECORD = {
    "name": "Rina Kartika",
    "address": "Jl. Merpati 3, Bengkulu",
    "institution": "Kejaksaan Negeri Bengkulu",
    "network": "Sahabat Ombudsman",
    "email": "rina@example.id",
}
CONSENT = {"name": True, "institution": True, "address": False, "network": False}


def test_keepers_see_every_field_whatever_was_chosen_but_not_the_email_as_a_field() -> None:
    seen = shown(RECORD, {}, Visibility.hidden, Audience.keeper)
    assert seen == {k: RECORD[k] for k in ("name", "address", "institution", "network")}


def test_other_staff_see_consented_fields_of_office_records_and_the_rest_masked() -> None:
    seen = shown(RECORD, CONSENT, Visibility.office, Audience.staff)
    assert seen == {
        "name": "Rina Kartika",
        "address": "J** M****** 3* B*******",
        "institution": "Kejaksaan Negeri Bengkulu",
        "network": "S****** O********",
    }
    hidden = shown(RECORD, CONSENT, Visibility.hidden, Audience.staff)
    assert hidden is not None and hidden["name"] == "R*** K******"


def test_the_public_sees_public_records_consented_fields_and_nothing_without_a_name() -> None:
    assert shown(RECORD, CONSENT, Visibility.public, Audience.public) == {
        "name": "Rina Kartika",
        "address": None,
        "institution": "Kejaksaan Negeri Bengkulu",
        "network": None,
    }
    assert shown(RECORD, CONSENT, Visibility.office, Audience.public) is None
    assert shown(RECORD, {"institution": True}, Visibility.public, Audience.public) is None


def test_a_link_works_until_its_expiry_and_until_spent() -> None:
    now = datetime(2026, 12, 6, 9, tzinfo=UTC)
    expires = now + timedelta(hours=72)
    assert link_usable(expires, None, now)
    assert link_usable(expires, None, expires - timedelta(seconds=1))
    assert not link_usable(expires, None, expires)  # the expiry instant itself: expired
    assert not link_usable(expires, now, now)


def test_the_token_is_kept_as_a_keyed_hash() -> None:
    assert token_hash(b"a" * 32, "t") != token_hash(b"b" * 32, "t")
    assert len(token_hash(b"a" * 32, "t")) == 64


def test_a_request_is_due_72_clock_hours_later_over_a_weekend() -> None:
    friday = datetime(2026, 12, 4, 16, 30, tzinfo=UTC)
    assert due(friday, 72) == datetime(2026, 12, 7, 16, 30, tzinfo=UTC)
