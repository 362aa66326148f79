"""The desk's queue: now, and as a live stream for a screen at the desk."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_consultation.deps import AUTH, CurrentSettings, Reader
from apik_consultation.live import service, views
from apik_consultation.live.schemas import Queue
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import problem_responses
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["desk"])


@router.get("/queue", response_model=Queue, responses=problem_responses(*AUTH))
async def get_queue(session: DbSession, actor: Reader) -> Queue:
    """Waiting and running visits of the caller's office (every office for `national`),
    first come first; no visitor's name, so a screen at the desk may show it."""
    return await service.snapshot(session=session, office=actor.office_scope())


@router.get(
    "/queue/stream",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "`queue` events"},
        **problem_responses(*AUTH),
    },
)
async def stream_queue(
    request: Request, actor: Reader, settings: CurrentSettings
) -> StreamingResponse:
    """Server-sent events: a `queue` event (the body of `GET /queue`) now and at every
    change. Send the bearer token as with any request (a fetch-based event-source client;
    the browser's `EventSource` cannot set headers) and reconnect when the token expires."""
    office = actor.office_scope()

    async def snapshot(session: AsyncSession) -> Queue:
        return await service.snapshot(session=session, office=office)

    events = views.queue_events(
        sessions=request.app.state.database.sessions,
        snapshot=snapshot,
        disconnected=request.is_disconnected,
        poll_seconds=settings.live_poll_seconds,
        heartbeat_seconds=settings.live_heartbeat_seconds,
    )
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
