"""The public region list: provinces and regencies/cities for the form's picker."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

from apik_intake.regions.schemas import RegionsPublic
from apik_intake.regions.views import regions_body
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["public"])
# A day in any cache, and a week stale while revalidating: the list changes with a
# ministerial decree, a phone on a slow line should fetch it once.
CACHE = "public, max-age=86400, stale-while-revalidate=604800"


@router.get("/public/regions", response_model=RegionsPublic)
async def list_regions(
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Every province and regency or city by Kemendagri code (no login), as the server
    checks a report's `location` and `reported_agency.region`; 304 for a current copy."""
    body, etag = regions_body()
    headers = {"Cache-Control": CACHE, "ETag": etag}
    if if_none_match is not None and etag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
