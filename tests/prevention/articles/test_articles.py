"""News, opinion pieces and press releases through draft → review → approved →
published: approved by the head and never by the author, press releases numbered per
office and year without gaps, and the public page without login."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from typing import Any

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    ARTICLES,
    PROBLEM,
    PUBLIC_ARTICLES,
    article_at,
    article_body,
)

NUMBER = re.compile(r"^(\d{3,})/HM\.01/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)/(\d{4})$")


async def _move(
    prevention: RunningService, headers: dict[str, str], article: str, etag: str, status: str
) -> tuple[int, dict[str, Any], str]:
    moved = await prevention.client.post(
        f"{ARTICLES}/{article}/status",
        json={"status": status},
        headers={**headers, "If-Match": etag},
    )
    return moved.status_code, moved.json(), moved.headers.get("ETag", "")


async def test_an_article_is_approved_by_a_second_person_before_it_is_published(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    tokens: TestTokens,
) -> None:
    made = await prevention.client.post(ARTICLES, json=article_body(kind="news"), headers=head)
    assert made.status_code == 201, made.text
    article, etag = made.json(), made.headers["ETag"]
    assert article["status"] == "draft" and article["author"] == "kepala"
    assert article["number"] is None
    assert article["allowed_steps"] == ["review"]

    # Nothing is published without approval.
    status, body, _ = await _move(prevention, head, article["id"], etag, "published")
    assert status == 409, body
    status, body, etag = await _move(prevention, head, article["id"], etag, "review")
    assert status == 200 and etag, body
    # The author, head or not, cannot approve their own article; an officer never can.
    status, body, _ = await _move(prevention, head, article["id"], etag, "approved")
    assert status == 403 and "four eyes" in str(body["detail"]), body
    status, body, _ = await _move(prevention, enumerator, article["id"], etag, "approved")
    assert status == 403, body
    still = await prevention.client.get(f"{ARTICLES}/{article['id']}", headers=enumerator)
    assert still.json()["status"] == "review" and still.json()["approved_by"] is None
    # What each reader is offered is what the routes let them do (issue 21): neither the
    # author nor the officer is offered the head's steps, another head is.
    assert still.json()["allowed_steps"] == []
    own = await prevention.client.get(f"{ARTICLES}/{article['id']}", headers=head)
    assert own.json()["allowed_steps"] == []

    other_head = tokens.headers("head", office="KAB", username="kepala-dua")
    theirs = await prevention.client.get(f"{ARTICLES}/{article['id']}", headers=other_head)
    assert theirs.json()["allowed_steps"] == ["draft", "approved"]
    status, body, etag = await _move(prevention, other_head, article["id"], etag, "approved")
    assert status == 200 and etag, body
    assert body["approved_by"] == "kepala-dua" and body["approved_at"]
    status, body, _ = await _move(prevention, enumerator, article["id"], etag, "published")
    assert status == 200, body
    assert body["status"] == "published" and body["published_on"]
    assert body["number"] is None  # news takes no number
    assert body["allowed_steps"] == []
    steps = [(h["step"], h["by"]) for h in body["history"]]
    assert steps == [
        ("drafted", "kepala"),
        ("submitted for review", "kepala"),
        ("approved", "kepala-dua"),
        ("published", "enumerator"),
    ]
    [event] = await prevention.outbox_events("article.published", subject=article["id"])
    assert event.data["kind"] == "news" and event.data["office"] == "KAB"
    assert "author" not in event.data and "body" not in event.data


async def test_only_a_draft_is_edited_and_a_return_clears_the_approval(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    article, etag = await article_at(prevention, enumerator, head, "approved", kind="opinion")
    url = f"{ARTICLES}/{article['id']}"
    edit = {"title": "Judul baru", "body": "Isi baru."}
    refused = await prevention.client.put(url, json=edit, headers={**enumerator, "If-Match": etag})
    assert refused.status_code == 409, refused.text
    status, body, etag = await _move(prevention, enumerator, article["id"], etag, "draft")
    assert status == 200 and body["approved_by"] is None, body
    assert etag is not None
    edited = await prevention.client.put(url, json=edit, headers={**enumerator, "If-Match": etag})
    assert edited.status_code == 200, edited.text
    assert edited.json()["title"] == "Judul baru"
    stale = await prevention.client.put(url, json=edit, headers={**enumerator, "If-Match": etag})
    assert stale.status_code == 412, stale.text


async def test_bad_input_names_the_field_and_changes_nothing(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    before = await prevention.scalar("SELECT count(*) FROM article")
    for body, field in (
        (article_body(kind="blog"), "kind"),
        (article_body(title=""), "title"),
        (article_body(body="isi\u0000"), "body"),
        ({**article_body(), "author": "someone"}, "author"),
    ):
        answer = await prevention.client.post(ARTICLES, json=body, headers=enumerator)
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith(PROBLEM)
        assert any(e["pointer"] == f"#/body/{field}" for e in answer.json()["errors"]), answer.text
    assert await prevention.scalar("SELECT count(*) FROM article") == before


async def test_press_releases_published_at_once_take_consecutive_numbers(
    prevention: RunningService, tokens: TestTokens
) -> None:
    officer = tokens.headers("prevention_officer", office="LAIN", username="humas-lain")
    approver = tokens.headers("head", office="LAIN", username="kepala-lain")
    ready = [await article_at(prevention, officer, approver, "approved") for _ in range(5)]
    answers = await asyncio.gather(
        *(_move(prevention, officer, a["id"], etag, "published") for a, etag in ready)
    )
    assert all(status == 200 for status, _, _ in answers), answers
    numbers = [str(body["number"]) for _, body, _ in answers]
    parsed = [NUMBER.match(n) for n in numbers]
    assert all(parsed), numbers
    year = datetime.now(UTC).year
    assert {int(m.group(3)) for m in parsed if m} <= {year, year + 1}
    assert sorted(int(m.group(1)) for m in parsed if m) == [1, 2, 3, 4, 5]
    # Another office counts on its own.
    assert (
        await prevention.scalar("SELECT last FROM press_release_counter WHERE office = 'LAIN'") == 5
    )


async def test_the_public_page_shows_published_articles_without_login(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    published, _ = await article_at(prevention, enumerator, head, "published", title="Terbit")
    pending, _ = await article_at(prevention, enumerator, head, "approved", title="Belum")
    page = await prevention.client.get(PUBLIC_ARTICLES, params={"office": "KAB", "limit": 200})
    assert page.status_code == 200, page.text
    ids = [a["id"] for a in page.json()["items"]]
    assert published["id"] in ids and pending["id"] not in ids
    shown = next(a for a in page.json()["items"] if a["id"] == published["id"])
    assert shown["number"] and NUMBER.match(shown["number"])
    assert "author" not in shown and "history" not in shown and "approved_by" not in shown
    elsewhere = await prevention.client.get(PUBLIC_ARTICLES, params={"office": "LAIN"})
    assert published["id"] not in [a["id"] for a in elsewhere.json()["items"]]
    one = await prevention.client.get(f"{PUBLIC_ARTICLES}/{published['id']}")
    assert one.status_code == 200 and one.json()["title"] == "Terbit"
    hidden = await prevention.client.get(f"{PUBLIC_ARTICLES}/{pending['id']}")
    assert hidden.status_code == 404, hidden.text
    # The office's own list needs a login.
    assert (await prevention.client.get(ARTICLES)).status_code == 401


async def test_the_public_page_refuses_a_control_character_in_the_office(
    prevention: RunningService,
) -> None:
    answer = await prevention.client.get(PUBLIC_ARTICLES, params={"office": "K\x00B"})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
