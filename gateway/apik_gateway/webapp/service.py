"""The built web app (`frontend/dist`), served by the gateway at `/`.

`WebApp` is the FastAPI app's fallback: it sees only the requests that no route of the
gateway matched, so `/api/...`, `/healthz` and the other own paths keep their answers
(a wrong method on an API path still gets its 405).
"""

from __future__ import annotations

from pathlib import Path

from starlette.responses import FileResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from apik_gateway.webapp import rules


class WebApp:
    def __init__(self, root: Path | None, fallback: ASGIApp) -> None:
        self.root = root.resolve() if root is not None else None
        self.fallback = fallback

    def file(self, path: str) -> tuple[Path, str] | None:
        """The file answering `path`, with its name relative to the build."""
        if self.root is None or not (self.root / rules.INDEX).is_file():
            return None
        relative = rules.relative_file(path)
        if relative is None:
            return None
        candidate = (self.root / relative).resolve()
        if candidate.is_relative_to(self.root) and candidate.is_file():
            return candidate, relative
        if rules.is_client_route(path):
            return self.root / rules.INDEX, rules.INDEX
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        found = None
        readable = scope["type"] == "http" and scope["method"] in {"GET", "HEAD"}
        if readable and not path.startswith("/api/"):
            found = self.file(path)
        if found is None:
            await self.fallback(scope, receive, send)
            return
        file, relative = found
        headers = {"Cache-Control": rules.cache_control(relative, path), **rules.SECURITY_HEADERS}
        response = FileResponse(file, headers=headers)
        await response(scope, receive, send)
