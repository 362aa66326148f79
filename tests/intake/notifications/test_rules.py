"""The notifications' pure rules, with worked examples computed by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from apik_intake.notifications.rules import (
    NotificationChannel,
    NotifyBy,
    Template,
    channel_for,
    next_attempt,
    render,
    tanggal,
    template_problems,
    tracking_url,
)


def test_a_template_is_filled_in_and_an_absent_value_reads_as_nothing():
    template = Template("Laporan {registration_number}", "Status: {status}. Batas: {deadline}.")
    filled = render(template, {"registration_number": "BKL-2026-AAAA", "status": "diterima"})
    assert filled == Template("Laporan BKL-2026-AAAA", "Status: diterima. Batas: .")


def test_unknown_or_malformed_placeholders_are_named_by_field():
    [(field, why)] = template_problems("Laporan {registration_number}", "Hai {nama}")
    assert field == "body" and why.type == "template_unknown_placeholder"
    assert why.message() == (
        "unknown placeholder(s) {nama}; known: {deadline}, {notice}, {registration_number},"
        " {status}, {survey_url}, {tracking_url}"
    )
    assert (why.context or {})["names"] == "{nama}"
    [(field, why)] = template_problems("Laporan {registration_number!r}", "ok")
    assert field == "subject" and "malformed" in why.message()
    assert why.type == "placeholder_malformed"
    [(field, _)] = template_problems("Laporan {", "ok")
    assert field == "subject"
    assert template_problems("{status}", "{{literal braces}} {notice}") == []


def test_the_channel_defaults_to_email_when_one_is_given():
    assert channel_for(None, email="a@b.id", phone=None) == (NotificationChannel.email, "a@b.id")
    assert channel_for(None, email=None, phone="+62812") is None
    assert channel_for(NotifyBy.whatsapp, email="a@b.id", phone="+62812") == (
        NotificationChannel.whatsapp,
        "+62812",
    )
    assert channel_for(NotifyBy.none, email="a@b.id", phone="+62812") is None


def test_retries_follow_the_schedule_then_stop():
    now = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    schedule = [60.0, 300.0]
    assert next_attempt(1, schedule, now) == now + timedelta(minutes=1)
    assert next_attempt(2, schedule, now) == now + timedelta(minutes=5)
    assert next_attempt(3, schedule, now) is None


def test_dates_and_links_as_the_reporter_reads_them():
    assert tanggal(date(2027, 1, 7)) == "7 Januari 2027"
    assert tanggal(date(2026, 12, 31)) == "31 Desember 2026"
    assert (
        tracking_url("https://apik.example.id/", "BKL-2026-AB")
        == "https://apik.example.id/lacak?nomor=BKL-2026-AB"
    )
