#!/bin/sh
# Entry point of every APIK component image (deploy/Dockerfile): bring the component's own
# database up to date, then replace this shell with the server, so that uvicorn is PID 1
# and receives the container's SIGTERM itself.
set -eu

: "${MODULE:?MODULE (the import package of the component) is set by deploy/Dockerfile}"

python -m apik_shared.devstack.migrate "${MODULE}"

# No uvicorn access log: our own middleware writes one JSON line per request.
exec uvicorn "${MODULE}.app:create_app" --factory \
    --host 0.0.0.0 --port 8000 \
    --loop uvloop --http httptools \
    --no-access-log \
    "$@"
