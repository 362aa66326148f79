"""`/problems` and `/problems/<slug>`: where every problem `type` URI resolves.

HTML in Bahasa Indonesia and English, or JSON when asked (`Accept: application/json`).
Open to anyone, like the API documentation; not in the OpenAPI document, which links
here from each error's `type`.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from apik_gateway.deps import CurrentSettings
from apik_gateway.problems import rules
from apik_gateway.problems.service import ProblemTypes
from apik_shared.platform.problems import NotFound
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(prefix="/problems", include_in_schema=False)
# A page changes only with a release; `Vary` keeps the HTML and JSON apart in caches.
_HEADERS = {
    "Cache-Control": "public, max-age=3600",
    "Vary": "Accept",
    "Content-Security-Policy": rules.CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
}


def _problem_types(request: Request) -> ProblemTypes:
    state = request.app.state
    if getattr(state, "problem_types", None) is None:
        state.problem_types = ProblemTypes()
    found: ProblemTypes = state.problem_types
    return found


@router.get("")
async def list_problem_types(request: Request, settings: CurrentSettings) -> Response:
    types = await _problem_types(request).all(
        client=request.app.state.http, service_urls=settings.service_replicas
    )
    if rules.wants_json(request.headers.get("accept")):
        return JSONResponse(types, headers=_HEADERS)
    return HTMLResponse(rules.index_page(types), headers=_HEADERS)


@router.get("/{slug}")
async def get_problem_type(slug: str, request: Request, settings: CurrentSettings) -> Response:
    types = await _problem_types(request).all(
        client=request.app.state.http, service_urls=settings.service_replicas, slug=slug
    )
    entry = types.get(slug)
    if entry is None:
        raise NotFound(f"No problem type {slug!r}; /problems lists them all.")
    if rules.wants_json(request.headers.get("accept")):
        return JSONResponse({"slug": slug, **entry}, headers=_HEADERS)
    return HTMLResponse(rules.type_page(slug, entry), headers=_HEADERS)
