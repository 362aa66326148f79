"""pytest fixtures every component's tests share: the servers and the token signer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from apik_shared.testing.infra import TestInfra
from apik_shared.testing.tokens import TestTokens


@pytest.fixture(scope="session")
def infra() -> Iterator[TestInfra]:
    servers = TestInfra.start()
    try:
        yield servers
    finally:
        servers.close()


@pytest.fixture(scope="session")
def tokens() -> TestTokens:
    return TestTokens()
