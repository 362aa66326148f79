"""The spec's error list, from the gateway: JSON `[{"code", "description"}]` or XML
`<errors><error>` (the service renders its own; the gateway answers only for the key)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from starlette.responses import Response


def spec_error(
    fmt: str, code: int, description: str, headers: dict[str, str] | None = None
) -> Response:
    if fmt == "xml":
        errors = ET.Element("errors")
        error = ET.SubElement(errors, "error")
        ET.SubElement(error, "code").text = str(code)
        ET.SubElement(error, "description").text = description
        body = ET.tostring(errors, encoding="utf-8", xml_declaration=True)
        media = "text/xml; charset=utf-8"
    else:
        body = json.dumps([{"code": code, "description": description}]).encode()
        media = "application/json; charset=utf-8"
    return Response(body, status_code=code, media_type=media, headers=headers)
