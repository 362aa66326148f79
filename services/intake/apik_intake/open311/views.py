"""The facade's answers in JSON or the spec's XML (`xml.etree.ElementTree`, stdlib).

In XML a list becomes a container whose items are named by the spec
(`<services><service>`, `<service_requests><request>`, `<errors><error>`); null is an
empty element and a boolean `true` or `false`, as the spec's examples write them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree as ET

from fastapi import Response

from apik_intake.open311.rules import MEDIA_TYPES, Format, SpecError

# What each list's items are called, by the list's own element.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def render_xml(root: str, content: Any) -> bytes:
    """`content` (a dict, or a list of dicts) under the element `root`, UTF-8, with the
    XML declaration the spec requires."""
    element = ET.Element(root)
    _fill(element, content)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _fill(ET.SubElement(element, name), item)
    elif isinstance(value, list):
        child = ITEMS.get(element.tag, "item")
        for item in value:
            _fill(ET.SubElement(element, child), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def answer(
    fmt: Format,
    root: str,
    content: Any,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """`content` as JSON, or as XML under `root` (the JSON has no root: a list is a list)."""
    if fmt is Format.xml:
        body = render_xml(root, content)
    else:
        body = json.dumps(content, ensure_ascii=False).encode()
    return Response(body, status_code=status, media_type=MEDIA_TYPES[fmt], headers=headers)


def spec_errors(fmt: Format, errors: Sequence[SpecError]) -> Response:
    """The spec's error list, `[{"code": …, "description": …}]` or `<errors><error>`;
    the HTTP status is the first error's code."""
    content = [{"code": e.code, "description": e.description} for e in errors]
    return answer(fmt, "errors", content, status=errors[0].code)
