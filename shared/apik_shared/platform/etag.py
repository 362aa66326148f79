"""Optimistic concurrency: a resource's ETag is its version number.

A write carrying `If-Match` with an older version is refused with 412 instead of
silently overwriting someone else's change.
"""

from __future__ import annotations

from fastapi import Request, Response

from apik_shared.platform.problems import PreconditionFailed, PreconditionRequired


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def check_if_match(request: Request, version: int, *, required: bool = False) -> None:
    header = request.headers.get("if-match")
    if header is None:
        if required:
            raise PreconditionRequired("Send If-Match with the ETag you last read.")
        return
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    if "*" in candidates or etag_for(version) in candidates:
        return
    raise PreconditionFailed(
        "The resource was changed by someone else; read it again and retry.",
        current_etag=etag_for(version),
    )


def require_if_match(request: Request, version: int) -> None:
    """`check_if_match` where the header is required (428 without it). The OpenAPI
    document declares `If-Match` from which of the two a route's dependencies call
    (`apik_shared.platform.openapi`)."""
    check_if_match(request, version, required=True)
