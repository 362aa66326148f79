"""A signature is accepted only when its bytes are a PNG or JPEG, and small."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from apik_consultation.forms import rules as signature
from tests.consultation.builders import png


def test_a_png_is_recognised_by_its_content():
    assert signature.sniff(png(), max_bytes=10_000) == "image/png"


def test_a_jpeg_is_recognised_by_its_content():
    out = io.BytesIO()
    Image.new("L", (40, 20), 255).save(out, format="JPEG")
    assert signature.sniff(out.getvalue(), max_bytes=10_000) == "image/jpeg"


def test_markers_alone_do_not_make_an_image():
    fake_jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"
    with pytest.raises(signature.BadSignature, match="readable"):
        signature.sniff(fake_jpeg, max_bytes=10_000)
    corrupt_png = png().replace(b"IDAT", b"IDAX")
    with pytest.raises(signature.BadSignature):
        signature.sniff(corrupt_png, max_bytes=10_000)


def test_a_huge_canvas_is_refused():
    out = io.BytesIO()
    Image.new("1", (3000, 2000)).save(out, format="PNG")
    with pytest.raises(signature.BadSignature, match="pixels"):
        signature.sniff(out.getvalue(), max_bytes=10_000_000)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"GIF89a" + b"\x00" * 40,
        b"%PDF-1.7 not an image",
        png()[:20],  # a truncated PNG
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 60,  # the magic alone
    ],
)
def test_other_bytes_are_refused(content):
    with pytest.raises(signature.BadSignature):
        signature.sniff(content, max_bytes=10_000)


def test_too_big_is_refused():
    with pytest.raises(signature.BadSignature, match="larger"):
        signature.sniff(png(), max_bytes=20)


def test_data_url_and_plain_base64_decode_alike():
    raw = png()
    plain = base64.b64encode(raw).decode()
    assert signature.decode(plain) == signature.decode("data:image/png;base64," + plain) == raw
    with pytest.raises(signature.BadSignature):
        signature.decode("not base64 at all!")
