"""The built web app (`frontend/dist`), served by the gateway at `/`.

`WebApp` is the FastAPI app's fallback: it sees only the requests that no route of the
gateway matched, so `/api/...`, `/healthz` and the other own paths keep their answers
(a wrong method on an API path still gets its 405).

A file is sent as the build's brotli or gzip copy when the browser accepts one: made
once at build time, so no request costs compression work, and only ever for these
static files (API answers never pass here).
"""

from __future__ import annotations

from mimetypes import guess_type
from pathlib import Path

from starlette.datastructures import Headers
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

    def encoded(self, file: Path, request: Headers) -> tuple[Path, str | None]:
        """The copy of `file` to send and its content coding, or `file` itself (None).

        A range is taken of the file as it is: byte offsets into a compressed copy mean
        nothing to a client that resumes a download of the original."""
        if "range" in request:
            return file, None
        for coding in rules.acceptable_codings(request.get("accept-encoding")):
            copy = (file.parent / (file.name + rules.COPIES[coding])).resolve()
            if self.root is not None and copy.is_relative_to(self.root) and copy.is_file():
                return copy, coding
        return file, None

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
        sent, coding = file, None
        if rules.may_send_a_copy(relative, path):
            # The answer differs by encoding: a shared cache keeps one per value.
            headers["Vary"] = "Accept-Encoding"
            sent, coding = self.encoded(file, Headers(scope=scope))
        if coding is not None:
            headers["Content-Encoding"] = coding
        # The type is the original file's (a copy's own name would say "gzip").
        media_type = guess_type(file.name)[0] or "application/octet-stream"
        response = FileResponse(sent, headers=headers, media_type=media_type)
        await response(scope, receive, send)
