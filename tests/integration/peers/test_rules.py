"""The fingerprint and the signal, pure: alike letters match whatever their spacing,
case or punctuation; another letter, another day or another pair's key do not; a
letter without agency or summary has none; the signal carries four fields."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from apik_integration.peers import rules
from apik_integration.settings import PeerSettings

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
OTHER = "whsec_" + base64.b64encode(b"o" * 32).decode()
KEY = rules.fingerprint_key(SECRET)
DAY = date(2026, 11, 20)


def fp(
    key: bytes = KEY,
    agency: str = "Dinas Dukcapil",
    day: date | None = DAY,
    text: str = "KTP-el tidak selesai",
) -> str | None:
    return rules.fingerprint(key, agency=agency, event_date=day, summary=text)


def test_the_same_letter_written_differently_matches() -> None:
    assert fp() == fp(agency="  dinas   DUKCAPIL ", text="ktp el, tidak selesai!")
    assert fp(text="\uff21\uff42\uff43") == fp(text="abc")  # full-width letters (NFKC)
    assert len(fp() or "") == 64


def test_another_letter_day_or_pair_does_not_match() -> None:
    assert fp() != fp(text="KTP-el tidak selesai juga")
    assert fp() != fp(agency="Dinas Pendidikan")
    assert fp() != fp(day=DAY + timedelta(days=1))
    assert fp() != fp(day=None)
    assert fp() != fp(key=rules.fingerprint_key(OTHER))
    # The fingerprint key is not the signing key.
    assert rules.fingerprint_key(SECRET) != base64.b64decode(SECRET.removeprefix("whsec_"))


def test_nothing_to_recognise_gives_no_fingerprint() -> None:
    assert fp(agency=" -- ") is None
    assert fp(text="") is None


def test_the_signal_carries_the_fingerprint_number_and_status_only() -> None:
    at = datetime(2026, 12, 6, 3, tzinfo=UTC)
    body = json.loads(
        rules.signal_body(
            fingerprint="ab" * 32, registration_number="1/KAB", status="verified", at=at
        )
    )
    assert set(body) == {"type", "fingerprint", "registration_number", "status", "status_at"}


def test_only_a_strictly_later_status_replaces_the_held_one() -> None:
    at = datetime(2026, 12, 6, 3, tzinfo=UTC)
    assert rules.newer(at, None)
    assert rules.newer(at + timedelta(seconds=1), at)
    assert not rules.newer(at, at)
    assert not rules.newer(at - timedelta(seconds=1), at)


def test_a_peer_whose_secret_cannot_sign_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="secret"):
        PeerSettings(url="https://apik.example.go.id", secret="whsec_short", office="KAB")
    assert PeerSettings(url="https://apik.example.go.id", secret=SECRET, office="KAB")


def test_a_letter_numbers_fingerprint_ignores_case_and_spacing_and_is_its_own() -> None:
    one = rules.letter_fingerprint(KEY, "005/DPU/III/2026")
    assert one == rules.letter_fingerprint(KEY, " 005 / dpu / iii / 2026 ")
    assert one != rules.letter_fingerprint(KEY, "006/DPU/III/2026")
    assert rules.letter_fingerprint(KEY, None) is None
    assert rules.letter_fingerprint(KEY, "   ") is None
    # Another pair's key gives another fingerprint of the same number.
    assert one != rules.letter_fingerprint(rules.fingerprint_key(OTHER), "005/DPU/III/2026")
