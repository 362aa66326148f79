"""The gateway sends the build's brotli or gzip copy of a file when the browser accepts
one, with the original's type and caching, and the file as it is otherwise.

The build stand-in holds real copies, as `vite build` writes them
(`frontend/vite.config.ts`): gzip by Python's zlib, brotli by Node.js's (the web app's
one extra requirement; the Python environment has no brotli codec).
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

# Over the build's 1 kB threshold, and compressible, as the real files are.
INDEX = "<!doctype html><title>APIK</title>" + "<link rel=modulepreload>" * 60
SCRIPT = "export const words = " + repr(["laporan", "pengaduan", "tindak lanjut"] * 200)
SMALL = "console.log('apik')"  # under the threshold: no copies
CHROME = "gzip, deflate, br, zstd"
PLAIN_HTTP_CHROME = "gzip, deflate"

requires_node = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node.js 20+ is not installed (it makes the brotli copies)"
)
pytestmark = requires_node


def brotli(data: bytes, *, decompress: bool = False) -> bytes:
    function = "brotliDecompressSync" if decompress else "brotliCompressSync"
    script = f"process.stdout.write(require('zlib').{function}(require('fs').readFileSync(0)))"
    return subprocess.run(
        ["node", "-e", script], input=data, capture_output=True, check=True, timeout=30
    ).stdout


def with_copies(file: Path, text: str) -> None:
    data = text.encode()
    file.write_bytes(data)
    file.with_name(file.name + ".gz").write_bytes(gzip.compress(data))
    file.with_name(file.name + ".br").write_bytes(brotli(data))


@pytest.fixture
def build(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    with_copies(tmp_path / "index.html", INDEX)
    with_copies(tmp_path / "assets" / "index-abc123.js", SCRIPT)
    (tmp_path / "assets" / "small-abc123.js").write_text(SMALL)
    return tmp_path


async def fetch(
    client: httpx.AsyncClient, path: str, *, method: str = "GET", **headers: str
) -> tuple[httpx.Response, bytes]:
    """The answer and its body exactly as it travelled (httpx would decode gzip)."""
    request_headers = {key.replace("_", "-"): value for key, value in headers.items()}
    async with client.stream(method, path, headers=request_headers) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, raw


async def test_brotli_when_the_browser_accepts_it(client: httpx.AsyncClient, build: Path) -> None:
    response, raw = await fetch(client, "/assets/index-abc123.js", accept_encoding=CHROME)
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "br"
    assert response.headers["vary"] == "Accept-Encoding"
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert int(response.headers["content-length"]) == len(raw) < len(SCRIPT) / 4
    assert brotli(raw, decompress=True).decode() == SCRIPT


async def test_gzip_when_only_gzip_is_accepted(client: httpx.AsyncClient) -> None:
    response, raw = await fetch(
        client, "/assets/index-abc123.js", accept_encoding=PLAIN_HTTP_CHROME
    )
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert gzip.decompress(raw).decode() == SCRIPT
    # A client that prefers gzip gets gzip although it accepts brotli too.
    response, raw = await fetch(client, "/assets/index-abc123.js", accept_encoding="br;q=0.5, gzip")
    assert response.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize("accept_encoding", ["identity", "br;q=0, gzip;q=0", "deflate", ""])
async def test_the_file_as_it_is_when_no_copy_is_accepted(
    client: httpx.AsyncClient, accept_encoding: str
) -> None:
    response, raw = await fetch(client, "/assets/index-abc123.js", accept_encoding=accept_encoding)
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert raw.decode() == SCRIPT


async def test_a_file_without_copies_goes_as_it_is(client: httpx.AsyncClient) -> None:
    response, raw = await fetch(client, "/assets/small-abc123.js", accept_encoding=CHROME)
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert raw.decode() == SMALL


async def test_client_routes_get_the_page_compressed(client: httpx.AsyncClient) -> None:
    for path in ("/", "/lapor", "/lacak?nomor=LM-1"):
        response, raw = await fetch(client, path, accept_encoding=PLAIN_HTTP_CHROME)
        assert response.status_code == 200, path
        assert response.headers["content-encoding"] == "gzip", path
        assert response.headers["content-type"].startswith("text/html"), path
        assert response.headers["cache-control"] == "no-cache", path
        assert response.headers["vary"] == "Accept-Encoding", path
        assert gzip.decompress(raw).decode() == INDEX, path
    response, raw = await fetch(client, "/lapor", accept_encoding=CHROME)
    assert response.headers["content-encoding"] == "br"
    assert brotli(raw, decompress=True).decode() == INDEX


async def test_the_red_button_page_keeps_its_answer(client: httpx.AsyncClient) -> None:
    for path in ("/tombol-merah", "/tombol-merah/pesan"):
        response, raw = await fetch(client, path, accept_encoding=CHROME)
        assert response.status_code == 200, path
        assert raw.decode() == INDEX, path
        assert response.headers["cache-control"] == "no-store", path
        assert response.headers["referrer-policy"] == "no-referrer", path
        assert "content-encoding" not in response.headers, path
        assert "vary" not in response.headers, path


async def test_head_announces_what_get_sends(client: httpx.AsyncClient, build: Path) -> None:
    copy = build / "assets" / "index-abc123.js.br"
    response, raw = await fetch(
        client, "/assets/index-abc123.js", method="HEAD", accept_encoding=CHROME
    )
    assert response.status_code == 200
    assert raw == b""
    assert response.headers["content-encoding"] == "br"
    assert response.headers["vary"] == "Accept-Encoding"
    assert int(response.headers["content-length"]) == copy.stat().st_size
    got, _ = await fetch(client, "/assets/index-abc123.js", accept_encoding=CHROME)
    assert got.headers["etag"] == response.headers["etag"]


async def test_a_range_is_taken_of_the_file_as_it_is(client: httpx.AsyncClient) -> None:
    response, raw = await fetch(
        client, "/assets/index-abc123.js", accept_encoding=CHROME, range="bytes=0-9"
    )
    assert response.status_code == 206
    assert "content-encoding" not in response.headers
    assert response.headers["content-range"] == f"bytes 0-9/{len(SCRIPT)}"
    assert raw.decode() == SCRIPT[:10]


async def test_each_encoding_has_its_own_etag(client: httpx.AsyncClient) -> None:
    """A cache or a conditional request must not take one encoding's bytes for another's."""
    tags = set()
    for accept_encoding in (CHROME, PLAIN_HTTP_CHROME, "identity"):
        response, _ = await fetch(
            client, "/assets/index-abc123.js", accept_encoding=accept_encoding
        )
        tags.add(response.headers["etag"])
    assert len(tags) == 3


async def test_the_copies_are_not_served_under_their_own_names(client: httpx.AsyncClient) -> None:
    for path in ("/assets/index-abc123.js.gz", "/assets/index-abc123.js.br", "/index.html.gz"):
        response, _ = await fetch(client, path, accept_encoding=CHROME)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "application/problem+json", path


async def test_api_answers_are_never_compressed_here(client: httpx.AsyncClient) -> None:
    for path in ("/healthz", "/api/v1/auth/nothing-here"):
        response, raw = await fetch(client, path, accept_encoding=CHROME)
        assert "content-encoding" not in response.headers, path
        assert raw.startswith(b"{"), path
