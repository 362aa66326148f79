"""A problem type's page, in Bahasa Indonesia then English (pure: strings in, HTML out).

The page is what a `type` URI (`/problems/<slug>`) resolves to: the Indonesian title
and explanation, the English title and the class's docstring, the HTTP status, and, when
several components answer with the same type, each of their variants.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

# Nothing to load from anywhere: one inline style, no script.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1a1a1a}code{background:#f2f2f2;padding:0 .2em}"
    "section{border-top:1px solid #ddd;margin-top:1.5rem}.meta{color:#555}"
    "table{border-collapse:collapse}td{padding:.2rem .8rem .2rem 0;vertical-align:top}"
)
_CODE = re.compile(r"`([^`]+)`")


def _text(value: str) -> str:
    """Escaped, with `code` spans and paragraphs kept."""
    paragraphs = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
    return "".join(
        "<p>" + _CODE.sub(r"<code>\1</code>", escape(" ".join(p.split()))) + "</p>"
        for p in paragraphs
    )


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def type_page(slug: str, entry: Mapping[str, Any]) -> str:
    variants: list[Mapping[str, Any]] = list(entry["variants"])
    first = variants[0]
    statuses = ", ".join(sorted({str(v["status"]) for v in variants}))
    several = len(variants) > 1
    indonesian, english = [], []
    for variant in variants:
        source = (
            f'<p class="meta">{escape(str(variant["source"]))} · HTTP {variant["status"]}</p>'
            if several
            else ""
        )
        indonesian.append(
            f"<h2>{escape(variant['indonesian_title'])}</h2>{source}"
            + _text(variant["indonesian_description"])
        )
        english.append(
            f"<h2>{escape(variant['title'])}</h2>{source}"
            + _text(variant["description"] or "No further explanation is recorded for this type.")
        )
    body = (
        f"<h1>{escape(first['indonesian_title'])} · {escape(first['title'])}</h1>"
        f'<p class="meta">Jenis masalah (problem type) <code>{escape(entry["type"])}</code> · '
        f"HTTP {statuses}</p>"
        f'<section lang="id">{"".join(indonesian)}'
        "<p>Jawaban galat APIK berbentuk <code>application/problem+json</code> (RFC 9457): "
        "<code>title</code> tetap untuk jenis ini, <code>detail</code> menjelaskan kejadiannya, "
        "<code>errors</code> menunjuk isian yang harus diperbaiki.</p></section>"
        f'<section lang="en">{"".join(english)}'
        "<p>APIK's errors are <code>application/problem+json</code> (RFC 9457): "
        "<code>title</code> is the same for every occurrence of this type, <code>detail</code> "
        "explains this one, <code>errors</code> point at the fields to fix. "
        "This page as JSON: <code>Accept: application/json</code>.</p></section>"
        '<p><a href="/problems">Semua jenis masalah · All problem types</a></p>'
    )
    return _page(f"{first['indonesian_title']} · {first['title']} — APIK", body)


def index_page(types: Mapping[str, Mapping[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td><a href="{escape(entry["type"])}"><code>{escape(slug)}</code></a></td>'
        f"<td>{entry['variants'][0]['status']}</td>"
        f"<td>{escape(entry['variants'][0]['indonesian_title'])}<br>"
        f'<span lang="en">{escape(entry["variants"][0]["title"])}</span></td></tr>'
        for slug, entry in types.items()
    )
    body = (
        "<h1>Jenis masalah · Problem types</h1>"
        "<p>Setiap jawaban galat APIK menyebut salah satu jenis ini pada <code>type</code>. "
        '<span lang="en">Every APIK error names one of these in its <code>type</code>.</span></p>'
        f"<table>{rows}</table>"
    )
    return _page("Jenis masalah · Problem types — APIK", body)


def wants_json(accept: str | None) -> bool:
    """JSON when the client asks for it over HTML (a browser asks for HTML first)."""
    if not accept:
        return False
    best: dict[str, float] = {}
    for part in accept.split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        best[kind.lower()] = max(quality, best.get(kind.lower(), 0.0))
    json_q = max(best.get("application/json", 0.0), best.get("application/problem+json", 0.0))
    html_q = max(best.get("text/html", 0.0), best.get("*/*", 0.0) if json_q == 0 else 0.0)
    return json_q > 0 and json_q >= html_q
