"""`python -m apik_shared.devstack.migrate apik_intake`: migrate one component's database.

Reads `APIK_DATABASE_URL`; used by containers before the server starts, and by `make up`.
"""

from __future__ import annotations

import asyncio
import os
import sys

from apik_shared.platform.migrations import upgrade


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m apik_shared.devstack.migrate <package>", file=sys.stderr)
        return 2
    url = os.environ.get("APIK_DATABASE_URL", "")
    if not url:
        print("APIK_DATABASE_URL is not set", file=sys.stderr)
        return 2
    asyncio.run(upgrade(url, f"{argv[0]}:migrations"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
