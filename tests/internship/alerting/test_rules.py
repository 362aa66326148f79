"""What an alert says and when a refused one is tried again (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apik_internship.alerting import rules

RAISED = datetime(2026, 12, 6, 2, 30, tzinfo=UTC)


def facts(level: int = 0, severity: str = "danger") -> rules.AlertFacts:
    return rules.AlertFacts(
        office="KAB",
        office_name="Perwakilan Kabupaten",
        timezone="Asia/Makassar",
        severity=severity,
        level=level,
        raised_at=RAISED,
        link=rules.case_link("https://apik.example.id/", "c-1"),
    )


def test_the_alert_says_office_time_in_its_zone_severity_and_the_link_only():
    text = rules.alert_text(facts())
    assert text.subject == "[APIK] Tombol Merah BAHAYA - Perwakilan Kabupaten"
    assert "Waktu: 6 Desember 2026, 10:30 WITA" in text.body
    assert "https://apik.example.id/perlindungan/c-1" in text.body
    assert text.body.index("Kantor:") < text.body.index("Office:")  # Indonesian first
    # By phone: the approved template's five facts, and nothing else.
    assert text.parameters == (
        "Perwakilan Kabupaten (KAB)",
        "6 Desember 2026, 10:30 WITA",
        "BAHAYA",
        "petugas jaga",
        "https://apik.example.id/perlindungan/c-1",
    )
    assert rules.phone_text(text) == (
        "Tombol Merah BAHAYA di Perwakilan Kabupaten (KAB), 6 Desember 2026, 10:30 WITA."
        " Pemberitahuan: petugas jaga."
        " Buka dan konfirmasi (perlu masuk): https://apik.example.id/perlindungan/c-1"
    )
    assert len(rules.phone_text(text)) <= 2 * 153  # two concatenated SMS at most


def test_each_level_is_named():
    assert "petugas jaga" in rules.alert_text(facts(0)).body
    assert "Pemberitahuan: eskalasi\n" in rules.alert_text(facts(1)).body
    assert "eskalasi ke kepala" in rules.alert_text(facts(2)).body


def test_a_refused_alert_waits_its_turn_then_the_last_wait_repeats():
    waits = [15.0, 60.0]
    assert rules.next_attempt(1, waits, RAISED) == RAISED + timedelta(seconds=15)
    assert rules.next_attempt(2, waits, RAISED) == RAISED + timedelta(seconds=60)
    assert rules.next_attempt(9, waits, RAISED) == RAISED + timedelta(seconds=60)


def test_addresses_are_masked_for_the_head():
    assert rules.masked_email("sari@kab.go.id") == "s***@kab.go.id"
    assert rules.masked_phone("+6281234567890") == "+62812****7890"
