"""Which file of the built web app answers a path, and how it may be cached (pure).

The app is a single-page app: a path that names no file is one of its client routes
(`/lapor`, `/registrasi`), answered with `index.html` so that a bookmark or a reload
works. The API's paths never reach here.

The build writes a brotli and a gzip copy beside each text file over 1 kB
(`frontend/vite.config.ts`); which one a browser gets is decided here from its
`Accept-Encoding`.
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
# The build's precompressed copies: content coding and the suffix of the copy, best
# first (brotli is about 15% smaller than gzip on the public pages).
COPIES = {"br": ".br", "gzip": ".gz"}
# RFC 9110 §12.5.3: a recipient treats "x-gzip" as "gzip".
CODING_ALIASES = {"x-gzip": "gzip"}
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
    # A copy is another encoding of its file, sent only under its file's name and type.
    if parts[-1].endswith(tuple(COPIES.values())):
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


def may_send_a_copy(relative: str, path: str) -> bool:
    """Every file may go compressed but the Red Button's page, whose answer stays
    exactly what it was (no-store, no `Vary`): its `index.html` is a few hundred bytes,
    and the scripts it loads are the app's, compressed."""
    return not (relative == INDEX and is_private_route(path))


def coding_weights(accept_encoding: str) -> dict[str, float]:
    """Each content coding of an `Accept-Encoding` value with its weight (`q`, 1 when
    absent). An unreadable or out-of-range weight counts as 0: when in doubt the file
    goes as it is, which every client reads."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        coding = CODING_ALIASES.get(coding.lower(), coding.lower())
        if not coding:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        weights[coding] = weight if 0.0 <= weight <= 1.0 else 0.0
    return weights


def acceptable_codings(accept_encoding: str | None) -> list[str]:
    """The codings of the build's copies this request accepts, the one to send first.

    No header (or an empty one) means the file as it is. `q=0` refuses a coding, `*`
    stands for every coding not named. Higher weights come first, brotli before gzip
    at equal weight; a coding weighted below an explicitly weighted `identity` is left
    out, since the client then prefers the file as it is.
    """
    if not accept_encoding:
        return []
    weights = coding_weights(accept_encoding)
    wildcard = weights.get("*", 0.0)
    identity = weights.get("identity", weights.get("*", 0.0))
    ranked = [(weights.get(coding, wildcard), order, coding) for order, coding in enumerate(COPIES)]
    return [
        coding
        for weight, _, coding in sorted(ranked, key=lambda r: (-r[0], r[1]))
        if weight > 0.0 and weight >= identity
    ]
