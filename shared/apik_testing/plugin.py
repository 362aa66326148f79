"""pytest fixtures every component's tests share: the servers and the token signer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from apik_testing.infra import TestInfra
from apik_testing.tokens import TestTokens


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the long variants (marked slow) of the fault-injection tests",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The long variants take minutes each: CI runs the short ones, `--slow` adds these.
    if config.getoption("--slow") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="long variant: run with --slow (docs/reliability.md)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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
