"""What the printed forms take: the visitor's drawn signature, decoded and accepted only
if it really is an image, and when a visit has its final form.

A client's `data:image/png` label proves nothing, so the bytes are sniffed (PNG by its
signature, IHDR and IEND chunks, JPEG by its SOI and EOI markers) and then decoded by
Pillow, which the PDF form uses too: what passes here also prints there.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct

from PIL import Image, UnidentifiedImageError
from pydantic_core import PydanticCustomError

from apik_consultation.visits.rules import VisitStatus
from apik_shared.vocabulary.field_errors import invalid

_DATA_URL = re.compile(r"^data:[\w/+.-]+;base64,", re.IGNORECASE)
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A signature pad is a few hundred pixels each way; this bounds what decoding may cost.
MAX_PIXELS = 4_000_000


class BadSignature(ValueError):
    """What is wrong with a signature: `refusal` says it with a code a client words,
    the exception's text in English."""

    def __init__(self, refusal: PydanticCustomError) -> None:
        super().__init__(refusal.message())
        self.refusal = refusal


_NOT_AN_IMAGE = "The signature is not a PNG or JPEG image."


def decode(text: str) -> bytes:
    """Plain base64 or a `data:…;base64,` URL, as a canvas's `toDataURL()` gives."""
    try:
        return base64.b64decode(_DATA_URL.sub("", text.strip()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadSignature(invalid("signature_not_base64", "The signature is not base64.")) from exc


def _is_png(content: bytes) -> bool:
    if not content.startswith(_PNG_MAGIC) or len(content) < 8 + 25 + 12:
        return False
    length, kind = struct.unpack(">I4s", content[8:16])
    width, height = struct.unpack(">II", content[16:24])
    return (
        kind == b"IHDR" and length == 13 and width > 0 and height > 0 and b"IEND" in content[-12:]
    )


def _is_jpeg(content: bytes) -> bool:
    return content.startswith(b"\xff\xd8\xff") and content.rstrip(b"\x00").endswith(b"\xff\xd9")


def sniff(content: bytes, *, max_bytes: int) -> str:
    """The image's media type; `BadSignature` when it is too big or not a PNG or JPEG."""
    if not content:
        raise BadSignature(invalid("signature_empty", "The signature is empty."))
    if len(content) > max_bytes:
        raise BadSignature(
            invalid(
                "signature_too_large",
                "The signature is larger than {max_bytes} bytes.",
                max_bytes=max_bytes,
            )
        )
    if _is_png(content):
        media_type, expected = "image/png", "PNG"
    elif _is_jpeg(content):
        media_type, expected = "image/jpeg", "JPEG"
    else:
        raise BadSignature(invalid("signature_not_an_image", _NOT_AN_IMAGE))
    _decode(content, expected)
    return media_type


def _decode(content: bytes, expected: str) -> None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != expected:
                raise BadSignature(invalid("signature_not_an_image", _NOT_AN_IMAGE))
            if image.width * image.height > MAX_PIXELS:
                raise BadSignature(
                    invalid(
                        "signature_too_many_pixels",
                        "The signature is more than {max_pixels} pixels.",
                        max_pixels=MAX_PIXELS,
                    )
                )
            image.load()  # decodes every pixel: a corrupt image fails here, not in the form
    except BadSignature:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise BadSignature(
            invalid("signature_not_an_image", "The signature is not a readable PNG or JPEG image.")
        ) from exc


FINISHED = frozenset({VisitStatus.ended, VisitStatus.completed})


def has_final_form(status: VisitStatus) -> bool:
    """The final form reports the service's outcome: it exists once the service ended."""
    return status in FINISHED
