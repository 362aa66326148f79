"""Dependencies the examination routers share: who may call, and the service's settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from apik_examination.settings import Settings
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.problems import Forbidden, Unauthorized

Reader = Annotated[
    Principal,
    Depends(require_roles(Role.examiner, Role.examination_supervisor, Role.head, Role.analyst)),
]
# Those who work a case: its examiners and their supervisor.
Worker = Annotated[Principal, Depends(require_roles(Role.examiner, Role.examination_supervisor))]
# Closing a case: those who work it, or the head of office signing it off.
Closer = Annotated[
    Principal,
    Depends(require_roles(Role.examiner, Role.examination_supervisor, Role.head)),
]
Supervisor = Annotated[Principal, Depends(require_roles(Role.examination_supervisor))]
# SLA policies hold for every office: a national supervisor or head changes them.
PolicyMaker = Annotated[Principal, Depends(require_roles(Role.examination_supervisor, Role.head))]
AUTH = (Unauthorized, Forbidden)


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


ExamSettings = Annotated[Settings, Depends(_settings)]


def require_national(actor: Principal) -> None:
    if not (actor.is_national or Role.admin in actor.roles):
        raise Forbidden("SLA policies hold for every office; this needs the national role.")
