"""CloudEvents envelope and subject naming (pure)."""

from __future__ import annotations

import pytest

from apik_shared.platform.events.bus import without_credentials
from apik_shared.platform.events.envelope import (
    CloudEvent,
    InvalidEnvelope,
    dead_letter_subject,
    source_of,
    subject_for,
)


def test_round_trip_keeps_every_attribute():
    event = CloudEvent(
        source=source_of("intake"),
        type="report.verified",
        subject="r1",
        traceparent="00-" + "a" * 32 + "-" + "b" * 16 + "-01",
        data={"x": 1},
    )
    again = CloudEvent.from_json(event.to_json())
    assert again == event
    assert again.producer == "intake" and again.specversion == "1.0"


def test_subjects_follow_producer_and_type():
    assert subject_for("intake", "report.verified") == "apik.intake.report.verified"
    assert dead_letter_subject("examination", "handoff") == "apik.deadletter.examination.handoff"


@pytest.mark.parametrize(
    "raw", [b"{}", b"not json", b'{"specversion": "0.3", "source": "/x", "type": "t"}']
)
def test_unreadable_envelopes_are_rejected(raw: bytes):
    with pytest.raises(InvalidEnvelope):
        CloudEvent.from_json(raw)


def test_a_nats_url_is_logged_without_its_credentials() -> None:
    assert without_credentials("nats://intake:s3cret@127.0.0.1:4222") == "nats://127.0.0.1:4222"
    assert without_credentials("nats://u:p@[::1]:4222") == "nats://[::1]:4222"
    assert without_credentials("nats://127.0.0.1:4222") == "nats://127.0.0.1:4222"
