"""The pure webhook rules, with worked examples computed by hand (or published)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from apik_integration.webhooks import rules

# The example of the Standard Webhooks / Svix documentation.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
STAMP = 1614265330
BODY = b'{"test": 2432232314}'
EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
AT = datetime.fromtimestamp(STAMP, UTC)


def test_the_signature_is_the_published_example() -> None:
    key = rules.decode_secret(SECRET)
    assert rules.sign(key, msg_id=MSG_ID, timestamp=STAMP, body=BODY) == EXPECTED
    assert Webhook(SECRET).sign(MSG_ID, AT, BODY) == EXPECTED


def test_a_rotation_sends_both_signatures_and_either_verifies() -> None:
    old, new = rules.decode_secret(SECRET), b"n" * 32
    header = rules.signature_header([new, old], msg_id=MSG_ID, timestamp=STAMP, body=BODY)
    assert header.split(" ")[1] == EXPECTED and header.count("v1,") == 2
    for keys in ([old], [new]):
        verified = rules.verify(
            keys,
            headers={
                "webhook-id": MSG_ID,
                "webhook-timestamp": str(STAMP),
                "webhook-signature": header,
            },
            body=BODY,
            now=AT,
            tolerance_seconds=300,
        )
        assert verified == rules.Verified(msg_id=MSG_ID, timestamp=STAMP)


SENT = {"webhook-id": MSG_ID, "webhook-timestamp": str(STAMP), "webhook-signature": EXPECTED}


@pytest.mark.parametrize(
    ("headers", "now", "body", "reason"),
    [
        ({"webhook-id": MSG_ID, "webhook-signature": EXPECTED}, AT, BODY, rules.Refusal.missing),
        ({**SENT, "webhook-timestamp": "12e3"}, AT, BODY, rules.Refusal.missing),
        (SENT, AT + timedelta(seconds=301), BODY, rules.Refusal.stale),
        (SENT, AT - timedelta(seconds=301), BODY, rules.Refusal.stale),
        (SENT, AT, b'{"test": 2432232315}', rules.Refusal.forged),
        ({**SENT, "webhook-id": MSG_ID + "x"}, AT, BODY, rules.Refusal.forged),
        ({**SENT, "webhook-signature": "v1," + "A" * 44}, AT, BODY, rules.Refusal.forged),
        ({**SENT, "webhook-signature": "v2," + EXPECTED[3:]}, AT, BODY, rules.Refusal.forged),
    ],
)
def test_missing_stale_and_forged_are_refused(
    headers: dict, now: datetime, body: bytes, reason: rules.Refusal
) -> None:
    with pytest.raises(rules.VerificationFailed) as refused:
        rules.verify(
            [rules.decode_secret(SECRET)],
            headers=headers,
            body=body,
            now=now,
            tolerance_seconds=300,
        )
    assert refused.value.reason is reason


def test_exactly_five_minutes_off_still_verifies() -> None:
    for now in (AT + timedelta(seconds=300), AT - timedelta(seconds=300)):
        rules.verify(
            [rules.decode_secret(SECRET)], headers=SENT, body=BODY, now=now, tolerance_seconds=300
        )


def test_secrets_hold_24_to_64_bytes() -> None:
    assert len(rules.decode_secret(rules.encode_secret(b"x" * 32))) == 32
    for bad in ("whsec_" + "QUFB", "whsec_not base64!", rules.encode_secret(b"x" * 65)):
        with pytest.raises(rules.InvalidSecret):
            rules.decode_secret(bad)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (200, "delivered"),
        (204, "delivered"),
        (299, "delivered"),
        (410, "gone"),
        (301, "retry"),
        (404, "retry"),
        (429, "retry"),
        (500, "retry"),
        (None, "retry"),
    ],
)
def test_what_an_answer_means(status: int | None, outcome: str) -> None:
    assert rules.outcome_of(status) == outcome


NOW = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)
SCHEDULE = [5.0, 300.0, 1800.0]


def test_the_schedule_with_jitter_and_its_end() -> None:
    # After the 2nd failed attempt the wait is the schedule's 2nd, 300 s; a jitter of
    # 0.2 scales it by 1 - 0.2 + 0.4 * draw: 240 s at draw 0, 300 s at 0.5, 348 s at 0.9.
    for draw, seconds in ((0.0, 240), (0.5, 300), (0.9, 348)):
        when = rules.next_attempt(attempts=2, schedule=SCHEDULE, jitter=0.2, draw=draw, now=NOW)
        assert when == NOW + timedelta(seconds=seconds)
    # Three retries after the first attempt: the 4th failure is the dead letter.
    assert rules.next_attempt(attempts=3, schedule=SCHEDULE, jitter=0, draw=0, now=NOW) == (
        NOW + timedelta(seconds=1800)
    )
    assert rules.next_attempt(attempts=4, schedule=SCHEDULE, jitter=0, draw=0, now=NOW) is None


def test_retry_after_wins_when_longer_and_is_capped() -> None:
    def after(value: float) -> datetime | None:
        return rules.next_attempt(
            attempts=1,
            schedule=SCHEDULE,
            jitter=0,
            draw=0,
            now=NOW,
            retry_after=value,
            max_retry_after=7200,
        )

    assert after(1) == NOW + timedelta(seconds=5)  # shorter than the schedule's 5 s
    assert after(60) == NOW + timedelta(seconds=60)
    assert after(10**6) == NOW + timedelta(seconds=7200)


def test_retry_after_is_seconds_or_an_http_date() -> None:
    assert rules.retry_after_seconds("120", NOW) == 120
    assert rules.retry_after_seconds("Sun, 06 Dec 2026 02:10:00 GMT", NOW) == 600
    assert rules.retry_after_seconds("Sun, 06 Dec 2026 01:00:00 GMT", NOW) == 0
    assert rules.retry_after_seconds("soon", NOW) is None
    assert rules.retry_after_seconds(None, NOW) is None


def test_failing_for_days() -> None:
    assert not rules.failing_too_long(None, NOW, 5)
    assert not rules.failing_too_long(NOW - timedelta(days=4, hours=23), NOW, 5)
    assert rules.failing_too_long(NOW - timedelta(days=5), NOW, 5)


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata
        ("100.64.0.1", True),  # shared address space (CGNAT)
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("::1", True),
        ("fd00::1", True),
        ("fe80::1%eth0", True),
        ("::ffff:127.0.0.1", True),
        ("103.10.20.30", False),  # a public address in Indonesia
        ("2001:4860:4860::8888", False),
    ],
)
def test_which_addresses_a_webhook_may_not_reach(address: str, refused: bool) -> None:
    assert rules.address_refused(address) is refused


@pytest.mark.parametrize(
    ("url", "allow_http", "host"),
    [
        ("https://sistem.go.id/hook", False, "sistem.go.id"),
        ("http://127.0.0.1:8080/hook", True, "127.0.0.1"),
    ],
)
def test_a_target_url(url: str, allow_http: bool, host: str) -> None:
    assert rules.target_host(url, allow_http=allow_http) == host


@pytest.mark.parametrize(
    "url",
    [
        "http://sistem.go.id/hook",  # http not allowed here
        "ftp://sistem.go.id/hook",
        "https:///hook",
        "https://u:p@sistem.go.id/hook",
        "https://sistem.go.id/hook#x",
        "https://sistem.go.id:99999/hook",
    ],
)
def test_bad_target_urls(url: str) -> None:
    with pytest.raises(rules.BadTarget):
        rules.target_host(url, allow_http=False)


def test_a_subscription_is_switched_off_when_active_and_on_when_disabled() -> None:
    actions = rules.SubscriptionAction
    assert rules.subscription_actions("active") == [actions.disable, actions.rotate_secret]
    assert rules.subscription_actions("disabled") == [actions.enable, actions.rotate_secret]
