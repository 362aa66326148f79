"""Keeps `make up`'s children running: one that exits is started again, after a backoff.

Hand-written on asyncio's subprocesses rather than a process manager (supervisord,
circus, honcho): those run a daemon of their own from a config file, while the devstack
needs only this much: start a child, wait until it listens, start it again when it
exits (0.5 s, 1 s, 2 s … at most 10 s apart; back to 0.5 s once it stayed up 30 s), and
stop them all in reverse order. It stays in the standard library, and every child keeps
`PR_SET_PDEATHSIG` (see `processes`), so none outlives a killed `make up`.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from apik_shared.devstack.processes import child_environment, die_with_parent, open_log

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Backoff:
    first: float = 0.5
    cap: float = 10.0
    reset_after: float = 30.0  # a child that stayed up this long starts over at `first`

    def next(self, previous: float | None, uptime: float) -> float:
        if previous is None or uptime >= self.reset_after:
            return self.first
        return min(previous * 2, self.cap)


@dataclass
class Child:
    """A command to keep running; ready once something listens on `port` (if given)."""

    name: str
    args: Sequence[str]
    log_file: Path
    env: dict[str, str] | None = None
    port: int | None = None
    user: str | None = None
    stop_signal: int = signal.SIGTERM
    stop_timeout: float = 10
    process: asyncio.subprocess.Process | None = field(default=None, repr=False)
    started_at: float = 0.0
    restarts: int = 0

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


class ChildFailed(RuntimeError):
    pass


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-returncode).name}"
        return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


class Supervisor:
    def __init__(
        self,
        *,
        say: Callable[[str], None] = print,
        backoff: Backoff = Backoff(),  # frozen: one instance may be shared
        ready_timeout: float = 120,
    ) -> None:
        self.say, self.backoff, self.ready_timeout = say, backoff, ready_timeout
        self.children: list[Child] = []
        self._watchers: list[asyncio.Task[None]] = []
        self._stopping = False

    async def start(self, child: Child) -> None:
        """Starts `child` and waits until it is ready; from then on it is watched.

        A child that exits (or never listens) during its first start fails the start:
        that is a configuration error to report, not something to retry forever.
        """
        self.children.append(child)  # from now on `stop` stops it
        await self._spawn(child)
        if not await self._ready(child):
            code = child.process.returncode if child.process else None
            how = describe_exit(code) if code is not None else "never listened"
            raise ChildFailed(f"{child.name} did not start ({how}); see {child.log_file}")
        self._watchers.append(asyncio.create_task(self._watch(child), name=child.name))

    async def _spawn(self, child: Child) -> None:
        with open_log(child.log_file) as log:
            child.process = await asyncio.create_subprocess_exec(
                *child.args,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                env=child_environment(child.env),
                user=child.user,
                preexec_fn=die_with_parent(child.stop_signal),
                # Not in the terminal's process group: a Ctrl-C reaches only us, and
                # we stop the children in order (none is restarted on the way out).
                start_new_session=True,
            )
        child.started_at = time.monotonic()

    async def _ready(self, child: Child) -> bool:
        """True once the child listens on its port; False if it exits or times out first."""
        assert child.process is not None
        if child.port is None:
            return child.process.returncode is None
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline and child.process.returncode is None:
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection(HOST, child.port)
                writer.close()
                return True
            await asyncio.sleep(0.1)
        return False

    async def _watch(self, child: Child) -> None:
        delay: float | None = None
        while child.process is not None:
            code = await child.process.wait()
            if self._stopping:
                return
            uptime = time.monotonic() - child.started_at
            delay = self.backoff.next(delay, uptime)
            self.say(
                f"{child.name} exited ({describe_exit(code)}) after {uptime:.1f}s; "
                f"restarting it in {delay:g}s (log: {child.log_file})"
            )
            await asyncio.sleep(delay)
            try:
                await self._spawn(child)
            except OSError as exc:  # e.g. the binary is gone; try again after the next delay
                self.say(f"{child.name} could not be started: {exc}")
                continue
            child.restarts += 1
            if await self._ready(child):
                self.say(f"{child.name} is back (pid {child.pid}, restart {child.restarts})")
            elif child.process.returncode is None:
                self.say(f"{child.name} is running but not listening on port {child.port}")

    async def stop(self) -> None:
        """Stops every child, the last started first: each gets its stop signal, then a
        SIGKILL after its `stop_timeout`."""
        self._stopping = True
        for watcher in self._watchers:
            watcher.cancel()
        await asyncio.gather(*self._watchers, return_exceptions=True)
        for child in reversed(self.children):
            await self._stop(child)

    @staticmethod
    async def _stop(child: Child) -> None:
        process = child.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(child.stop_signal)
        try:
            await asyncio.wait_for(process.wait(), child.stop_timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
