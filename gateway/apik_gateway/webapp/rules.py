"""Which file of the built web app answers a path, and how it may be cached (pure).

The app is a single-page app: a path that names no file is one of its client routes
(`/lapor`, `/registrasi`), answered with `index.html` so that a bookmark or a reload
works. The API's paths never reach here.
"""

from __future__ import annotations

from pathlib import PurePosixPath

INDEX = "index.html"
# Vite's output under `assets/` carries a content hash in every name: cached for good.
IMMUTABLE = "public, max-age=31536000, immutable"
# `index.html` names the current assets: asked again at every load, so a new release is
# picked up at once. Everything else (the docs' assets) for an hour.
REVALIDATE = "no-cache"
SHORT = "public, max-age=3600"
# The pages a person in danger or holding a secret code uses (GlobaLeaks' habit): no copy
# of the page is kept by the browser or a proxy, so the back button and a shared
# computer's cache show nothing of it. Their hashed assets are the app's, shared.
NO_STORE = "no-store"
PRIVATE_ROUTES = ("/tombol-merah",)
# Everything the app loads comes from here: no third-party script, style, font or
# beacon, and no page may frame it. Mantine writes its theme into <style> elements.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def relative_file(path: str) -> str | None:
    """The file a URL path names inside the build, or None when it names none safely
    (a dot-segment, a hidden file, a backslash or NUL)."""
    parts = [p for p in PurePosixPath(path).parts if p != "/"]
    if not parts:
        return INDEX
    if any(p in {".", ".."} or p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
        return None
    return "/".join(parts)


def is_client_route(path: str) -> bool:
    """A path the app's router handles: no file extension in its last segment (a
    missing `/assets/x.js` is a 404, not the app)."""
    return "." not in PurePosixPath(path).name


def is_private_route(path: str) -> bool:
    """`/tombol-merah` and the pages under it (not `/tombol-merahx`)."""
    return any(path == p or path.startswith(p + "/") for p in PRIVATE_ROUTES)


def cache_control(relative: str, path: str = "/") -> str:
    if relative == INDEX and is_private_route(path):
        return NO_STORE
    if relative == INDEX:
        return REVALIDATE
    if relative.startswith("assets/"):
        return IMMUTABLE
    return SHORT
