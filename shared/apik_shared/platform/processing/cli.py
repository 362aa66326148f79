"""`python -m apik_shared.platform.processing`: writes or checks the record, or asks every
service for one data subject's export."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from apik_shared.platform.processing.access import subject_access
from apik_shared.platform.processing.record import RECORD_PATH, declarations, render


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apik_shared.platform.processing")
    parser.add_argument("--output", type=Path, default=RECORD_PATH)
    parser.add_argument("--check", action="store_true", help="fail when the record is stale")
    commands = parser.add_subparsers(dest="command")
    access = commands.add_parser("subject-access", help="one export for one data subject")
    access.add_argument("--gateway", default="http://127.0.0.1:8000")
    access.add_argument("--reference", required=True, help="the request's reference")
    for identifier in ("nik", "phone", "email", "name"):
        access.add_argument(f"--{identifier}")
    args = parser.parse_args(argv)
    if args.command == "subject-access":
        token = os.environ.get("APIK_TOKEN")
        if not token:
            parser.error("APIK_TOKEN must hold a DPO's access token")
        fields = ("reference", "nik", "phone", "email", "name")
        body = {key: getattr(args, key) for key in fields if getattr(args, key)}
        export = asyncio.run(subject_access(args.gateway, token, body))
        json.dump(export, sys.stdout, ensure_ascii=False, indent=2)
        return 1 if export["unanswered"] else 0
    record = render(declarations())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != record:
            print(f"{args.output} is stale: run python -m apik_shared.platform.processing")
            return 1
        return 0
    args.output.write_text(record, encoding="utf-8")
    return 0
