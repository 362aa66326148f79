"""The hand-made PDF reader finds the text even when a compressed stream ends in a CR byte."""

from __future__ import annotations

import itertools
import string
import zlib

from apik_testing.pdf import shown_strings


def _pdf_with(stream: bytes) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\nxref\ntrailer\n%%EOF\n"
    )


def test_a_stream_whose_compressed_bytes_end_in_a_carriage_return():
    # The checksum closing a Flate stream ends in 0x0D for about one text in 256: this
    # is what made the annual report's test fail on one CI run in a few hundred. Its
    # last byte is the low byte of the text's byte sum, so four free characters reach
    # every value within a few thousand tries (a counter's digits took ten million).
    for chars in itertools.product(string.ascii_letters + string.digits, repeat=4):
        title = "Laporan Kinerja Tahunan " + "".join(chars)
        compressed = zlib.compress(f"BT ({title}) Tj ET".encode())
        if compressed.endswith(b"\r"):
            break
    else:
        raise AssertionError("no text's compressed stream ends in a CR")
    assert shown_strings(_pdf_with(compressed)) == title


def test_a_plain_stream_is_read_as_it_is():
    assert shown_strings(_pdf_with(b"BT (Kantor BKL) Tj ET")) == "Kantor BKL"
