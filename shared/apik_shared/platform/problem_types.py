"""The catalogue of problem types: what each `type` URI (`/problems/<slug>`) means.

Built from the `Problem` classes loaded in the process (their slug, status, title and
docstring, and an Indonesian title where the class gives one), plus the types the
renderer makes without a class (`http_problem`, the 500). Each component publishes its
catalogue in its OpenAPI document (`x-problem-types`); the gateway merges them and
serves each type as a page (`/problems/<slug>`, HTML in Bahasa Indonesia and English,
or JSON). Pure: no I/O.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from apik_shared.platform.problems import _HTTP_SLUGS, PROBLEM_BASE, Problem

# What a status means, in Indonesian, for a type whose class gives no Indonesian title.
STATUS_INDONESIAN: dict[int, tuple[str, str]] = {
    400: ("Permintaan tidak dapat diproses", "Periksa `detail` lalu perbaiki permintaan."),
    401: ("Perlu autentikasi", "Kirim token akses yang sah (`Authorization: Bearer …`)."),
    403: ("Tidak diizinkan", "Peran akun Anda tidak berhak atas tindakan ini."),
    404: (
        "Tidak ditemukan",
        "Sumber daya ini tidak ada, atau tidak terlihat dari kantor Anda.",
    ),
    405: ("Metode tidak diizinkan", "Alamat ini tidak menerima metode HTTP tersebut."),
    406: ("Format tidak tersedia", "Jawaban tidak tersedia dalam format yang diminta."),
    409: (
        "Bertentangan dengan keadaan saat ini",
        "Baca ulang sumber dayanya; langkah ini tidak berlaku pada keadaannya sekarang.",
    ),
    410: ("Sudah tidak tersedia", "Sumber daya ini sudah dihapus atau dianonimkan."),
    412: (
        "Sumber daya telah berubah",
        "Orang lain mengubahnya sejak Anda membacanya: baca ulang, lalu kirim `If-Match` "
        "dengan ETag yang baru.",
    ),
    413: ("Isi permintaan terlalu besar", "Kirim isi yang lebih kecil dari batasnya."),
    415: ("Jenis media tidak didukung", "Kirim isi dengan `Content-Type` yang diminta."),
    422: (
        "Ada isian yang tidak valid",
        "`errors` menunjuk setiap isian (JSON pointer) yang harus diperbaiki; tidak ada "
        "yang diubah.",
    ),
    428: ("If-Match wajib dikirim", "Kirim `If-Match` dengan ETag terakhir yang Anda baca."),
    429: ("Terlalu banyak permintaan", "Tunggu selama `Retry-After` detik, lalu coba lagi."),
    500: ("Kesalahan internal", "Kesalahan tak terduga; sudah dicatat. Coba lagi nanti."),
    502: ("Layanan tidak dapat dihubungi", "Layanan di belakang gerbang tidak menjawab."),
    503: ("Sementara tidak tersedia", "Coba lagi setelah `Retry-After` detik."),
    504: ("Layanan tidak menjawab tepat waktu", "Coba lagi sebentar lagi."),
}

# Types rendered without a class of their own: Starlette's HTTP errors and the 500.
_CLASSLESS: dict[str, tuple[int, str, str]] = {
    **{slug: (status, title, "") for status, (slug, title) in _HTTP_SLUGS.items()},
    "bad-request": (
        400,
        "Bad request",
        "The request cannot be processed as sent; `detail` says why.",
    ),
    "http-error": (400, "HTTP error", "An HTTP error without a type of its own."),
    "internal-error": (
        500,
        "Internal error",
        "An error the service did not expect. It is logged with the request's id "
        "(`X-Request-ID`); nothing was changed.",
    ),
}


def _subclasses(cls: type[Problem]) -> Iterator[type[Problem]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def problem_classes() -> list[type[Problem]]:
    """Every subclass of `Problem` loaded in this process, in a stable order (the base
    itself is the classless `bad-request`)."""
    found = set(_subclasses(Problem))
    return sorted(found, key=lambda c: (c.slug, c.__module__, c.__qualname__))


def _own(cls: type[Problem], name: str) -> str:
    """What the class itself says (a subclass without a docstring says nothing, and
    does not inherit its parent's, which explains another type)."""
    value = cls.__dict__.get(name)
    return inspect.cleandoc(value) if isinstance(value, str) else ""


def _variant(
    *, status: int, title: str, description: str, indonesian: str, explained: str, source: str
) -> dict[str, Any]:
    fallback_title, fallback_explanation = STATUS_INDONESIAN.get(status // 100 * 100, ("", ""))
    known_title, known_explanation = STATUS_INDONESIAN.get(status, ("", ""))
    return {
        "status": status,
        "title": title,
        "description": description,
        "indonesian_title": indonesian or known_title or fallback_title,
        "indonesian_description": explained or known_explanation or fallback_explanation,
        "source": source,
    }


def catalogue(classes: Iterable[type[Problem]] | None = None) -> dict[str, dict[str, Any]]:
    """`{slug: {"type", "variants": [...]}}`: one entry per type URI. Several classes
    may share a slug (two services' `unsupported-body`); each is a variant."""
    types: dict[str, dict[str, Any]] = {}

    def add(slug: str, variant: dict[str, Any]) -> None:
        entry = types.setdefault(slug, {"type": PROBLEM_BASE + slug, "variants": []})
        if variant not in entry["variants"]:
            entry["variants"].append(variant)

    classes = problem_classes() if classes is None else list(classes)
    with_class = {cls.slug for cls in classes}
    for slug, (status, title, description) in _CLASSLESS.items():
        if slug in with_class:
            continue
        add(
            slug,
            _variant(
                status=status,
                title=title,
                description=description,
                indonesian="",
                explained="",
                source="apik_shared",
            ),
        )
    for cls in classes:
        add(
            cls.slug,
            _variant(
                status=cls.status,
                title=cls.title,
                description=_own(cls, "__doc__"),
                indonesian=_own(cls, "indonesian_title"),
                explained=_own(cls, "indonesian_description"),
                source=cls.__module__.partition(".")[0],
            ),
        )
    return dict(sorted(types.items()))


def merge_catalogues(catalogues: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Several components' catalogues as one (the gateway's, from their documents)."""
    merged: dict[str, dict[str, Any]] = {}
    for one in catalogues:
        for slug, entry in one.items():
            if not isinstance(entry, Mapping) or not isinstance(entry.get("variants"), list):
                continue
            target = merged.setdefault(slug, {"type": PROBLEM_BASE + slug, "variants": []})
            for variant in entry["variants"]:
                if isinstance(variant, Mapping) and variant not in target["variants"]:
                    target["variants"].append(dict(variant))
    return dict(sorted(merged.items()))
