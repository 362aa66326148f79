"""The cyclic garbage collector's share of a service's CPU, kept small.

A service's heap is mostly what its start-up built and keeps for good: modules, the
FastAPI app and its OpenAPI document, SQLAlchemy's tables and caches, pydantic's
validators. CPython's collector walks all of it at each full collection, and with its
default thresholds (a young collection every 700 allocations) a consumer applying a
batch of events, whose envelopes, rows and outbox payloads live until the batch's
commit, promotes them generation after generation and pays for full walks. A profile of
examination opening a backlog's cases had the collector at 16 % of its CPU (intake's
relay 24 %).

So once start-up is over: what it left as garbage is collected, what it kept is frozen
(never walked again), and young collections come every few thousand allocations.
Nothing stops being collected: reference counting frees what it always did, and a cycle
made after start-up is still found by the collector.
"""

from __future__ import annotations

import gc

# Allocations (net of deallocations) between young collections: a batch of a few hundred
# events is then a handful of collections rather than dozens. The older generations keep
# CPython's thresholds.
YOUNG_THRESHOLD = 10_000

_settled = False


def settle_after_startup() -> None:
    """Freezes the start-up heap and spaces young collections; once per process (a
    test run starts many apps in one process: each would freeze its predecessors'
    garbage for good)."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_THRESHOLD), older, oldest)
