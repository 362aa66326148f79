"""After start-up a service freezes its heap and spaces young collections
(`apik_shared.platform.heap`): what start-up kept is never walked again, garbage made
afterwards is still collected, and a second app in the same process freezes nothing
more. Each case runs in a fresh interpreter: the settling is once per process, and this
test run's own apps may have done it already."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from apik_shared.platform.heap import YOUNG_THRESHOLD


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_the_startup_heap_is_frozen_and_young_collections_spaced() -> None:
    out = _run(
        """
        import gc
        from apik_shared.platform.heap import settle_after_startup
        kept = [[i] for i in range(1000)]  # start-up's long-lived objects
        assert gc.get_freeze_count() == 0
        settle_after_startup()
        print(gc.get_freeze_count() >= 1000, gc.get_threshold()[0])
        """
    )
    assert out == f"True {YOUNG_THRESHOLD}"


def test_a_cycle_made_after_startup_is_still_collected() -> None:
    out = _run(
        """
        import gc, weakref
        from apik_shared.platform.heap import settle_after_startup
        settle_after_startup()

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: reference counting alone never frees it
        gone = weakref.ref(a)
        del a, b
        gc.collect()
        print(gone() is None)
        """
    )
    assert out == "True"


def test_a_second_app_in_the_process_freezes_nothing_more() -> None:
    out = _run(
        """
        import gc
        from apik_shared.platform.heap import settle_after_startup
        settle_after_startup()
        frozen = gc.get_freeze_count()
        later = [[i] for i in range(1000)]  # e.g. a finished test's app, soon garbage
        settle_after_startup()
        print(gc.get_freeze_count() == frozen)
        """
    )
    assert out == "True"
