"""Which file answers a path, and its cache policy: worked examples."""

from __future__ import annotations

import pytest

from apik_gateway.webapp import rules


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "index.html"),
        ("/assets/index-C43lsYvY.js", "assets/index-C43lsYvY.js"),
        ("/lapor", "lapor"),  # not a file: the caller falls back to index.html
        ("/api-docs/swagger-ui.css", "api-docs/swagger-ui.css"),
        ("/../settings.py", None),
        ("/assets/../../secrets.json", None),
        ("/.env", None),
        ("/assets/a\\b.js", None),
    ],
)
def test_relative_file(path: str, expected: str | None) -> None:
    assert rules.relative_file(path) == expected


def test_a_path_with_an_extension_is_a_file_not_a_client_route() -> None:
    assert rules.is_client_route("/lacak")
    assert rules.is_client_route("/registrasi/baru")
    assert not rules.is_client_route("/assets/missing-abc123.js")
    assert not rules.is_client_route("/favicon.ico")


def test_hashed_assets_are_cached_for_good_and_the_page_never() -> None:
    assert rules.cache_control("assets/index-C43lsYvY.js") == "public, max-age=31536000, immutable"
    assert rules.cache_control("index.html") == "no-cache"
    assert rules.cache_control("api-docs/swagger-ui.css") == "public, max-age=3600"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/tombol-merah", "no-store"),
        ("/tombol-merah/pesan", "no-store"),
        ("/tombol-merahx", "no-cache"),
        ("/lapor", "no-cache"),
    ],
)
def test_the_red_button_pages_are_never_stored(path: str, expected: str) -> None:
    assert rules.cache_control("index.html", path) == expected


def test_a_private_page_does_not_change_how_assets_are_cached() -> None:
    assert rules.cache_control("assets/index-C43lsYvY.js", "/tombol-merah") == rules.IMMUTABLE


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        # What browsers send: brotli over HTTPS, gzip alone over plain HTTP.
        ("gzip, deflate, br, zstd", ["br", "gzip"]),
        ("gzip, deflate", ["gzip"]),
        ("br", ["br"]),
        ("x-gzip", ["gzip"]),
        ("GZIP;Q=0.5, BR;Q=0.4", ["gzip", "br"]),
        ("br;q=0.5, gzip;q=0.5", ["br", "gzip"]),
        ("*", ["br", "gzip"]),
        ("*, br;q=0", ["gzip"]),
        # Nothing but the file as it is.
        (None, []),
        ("", []),
        ("identity", []),
        ("br;q=0, gzip;q=0", []),
        ("gzip;q=0.0, br;q=0.000", []),
        ("*;q=0", []),
        ("deflate, zstd", []),
        # A client weighting identity above a coding prefers the file as it is.
        ("gzip;q=0.5, identity;q=1", []),
        ("br;q=1, gzip;q=0.5, identity;q=0.8", ["br"]),
        # Unreadable weights are refusals, not errors.
        ("br;q=high, gzip", ["gzip"]),
        ("br;q=2, gzip;q=-1", []),
        ("br;q=nan", []),
        (" , ;q=1, gzip", ["gzip"]),
    ],
)
def test_acceptable_codings(accept_encoding: str | None, expected: list[str]) -> None:
    assert rules.acceptable_codings(accept_encoding) == expected


def test_the_copies_are_not_files_of_their_own() -> None:
    assert rules.relative_file("/assets/index-C43lsYvY.js.br") is None
    assert rules.relative_file("/assets/index-C43lsYvY.js.gz") is None
    assert rules.relative_file("/assets/index-C43lsYvY.js") == "assets/index-C43lsYvY.js"


def test_every_file_may_go_compressed_but_the_red_button_page() -> None:
    assert rules.may_send_a_copy("index.html", "/lapor")
    assert rules.may_send_a_copy("assets/index-C43lsYvY.js", "/assets/index-C43lsYvY.js")
    assert not rules.may_send_a_copy("index.html", "/tombol-merah")
    assert not rules.may_send_a_copy("index.html", "/tombol-merah/pesan")
