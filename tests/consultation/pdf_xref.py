"""A stricter look at a PDF than its header and trailer: the cross-reference table a
reader follows must point at the objects it names, or viewers "repair" or refuse the file.

No PDF reader is among the locked dependencies, and the shared `text_of` only checks
markers, so this follows `startxref` the way a viewer does.
"""

from __future__ import annotations

import re

_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])\s*\r?\n")
_ROOT = re.compile(rb"/Root (\d+) 0 R")


def check_xref(content: bytes) -> int:
    """Asserts that `startxref` leads to a table whose every in-use entry is the offset of
    `k 0 obj`, and that the trailer's root is one of them; returns the number of objects."""
    tail = content[content.rindex(b"startxref") :].split()
    offset = int(tail[1])
    assert content[offset:].startswith(b"xref"), "startxref does not point at the xref table"
    header = content[offset:].split(b"\n", 2)
    first, count = (int(n) for n in header[1].split())
    entries = _ENTRY.findall(header[2])[:count]
    assert len(entries) == count, "the xref table is shorter than it says"
    in_use = set()
    for number, (at, _, kind) in enumerate(entries, start=first):
        if kind == b"n":
            position = int(at)
            assert content[position:].startswith(f"{number} 0 obj".encode()), (
                f"object {number} is not at offset {position}"
            )
            in_use.add(number)
    trailer = content[offset:]
    root = _ROOT.search(trailer[trailer.index(b"trailer") :])
    assert root is not None and int(root.group(1)) in in_use, "the trailer's root is missing"
    return len(in_use)
