"""An article's `allowed_actions` through the API are the caller's: the edit is offered
to the prevention unit while the article is a draft, and the route accepts it; whoever
is not offered it is refused (issue 21: the screen shows the form from this list)."""

from __future__ import annotations

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import ARTICLES, article_at, article_body

# The text as the form sends it (the kind is chosen once, at creation).
EDITED = {k: v for k, v in article_body().items() if k != "kind"} | {"language": "id"}


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def _offered(prevention: RunningService, headers: dict[str, str], article: str) -> list[str]:
    answer = await prevention.client.get(f"{ARTICLES}/{article}", headers=headers)
    assert answer.status_code == 200, answer.text
    actions: list[str] = answer.json()["allowed_actions"]
    return actions


async def _edit(prevention: RunningService, headers: dict[str, str], article: str) -> int:
    """The edit as the web app sends it (the whole text, with the article's ETag)."""
    current = await prevention.client.get(f"{ARTICLES}/{article}", headers=headers)
    edited = await prevention.client.put(
        f"{ARTICLES}/{article}",
        json={**EDITED, "title": "Judul yang diperbaiki"},
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    return edited.status_code


async def test_the_edit_is_offered_to_the_unit_on_a_draft_and_accepted(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    analyst: dict[str, str],
) -> None:
    article, _ = await article_at(prevention, enumerator, head, "draft")
    assert await _offered(prevention, enumerator, article["id"]) == ["edit"]
    assert await _offered(prevention, head, article["id"]) == ["edit"]
    assert await _offered(prevention, analyst, article["id"]) == []
    assert await _edit(prevention, analyst, article["id"]) == 403
    assert await _edit(prevention, enumerator, article["id"]) == 200
    assert await _edit(prevention, head, article["id"]) == 200


async def test_past_the_draft_the_edit_is_neither_offered_nor_accepted(
    prevention: RunningService, enumerator: dict[str, str], head: dict[str, str]
) -> None:
    for status in ("review", "approved", "published"):
        article, _ = await article_at(prevention, enumerator, head, status)
        for reader in (enumerator, head):
            assert await _offered(prevention, reader, article["id"]) == [], status
        assert await _edit(prevention, enumerator, article["id"]) == 409, status
