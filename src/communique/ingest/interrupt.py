"""Ctrl-C ends a long command within a bounded time, whatever its orderly stop waits on.

The first Ctrl-C raises ``KeyboardInterrupt`` as usual, so the command stops in order (the worker pool is closed,
the stored count is reported), and it arms a timer. If the process is still alive ``grace_s`` later (the orderly
stop is blocked on a worker pool, a lock, a network store or an exit handler), the timer kills this process's worker
processes, writes the command's one-line message and ends the process with exit code 130. What was stored is safe
either way: each batch of documents is committed in one transaction, and a rerun continues where this one stopped
(ingest is idempotent). A second Ctrl-C behaves as usual.

Meant for a process's main command (the CLI): in a process that catches ``KeyboardInterrupt`` to go on, the timer
would still end it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator

__all__ = ["INTERRUPT_GRACE_S", "bounded_interrupt"]

INTERRUPT_GRACE_S = 15.0  # an orderly stop takes about a second (a pool close 5 s at most); past this, end it
INTERRUPTED_EXIT_CODE = 130  # 128 + SIGINT, as a shell reports a command ended by Ctrl-C


@contextlib.contextmanager
def bounded_interrupt(message: str, grace_s: float = INTERRUPT_GRACE_S) -> Iterator[None]:
    """In the block, Ctrl-C stops the command in order or, after ``grace_s`` seconds, ends the process with
    ``message`` on stderr (no-op outside the main thread, where no signal handler can be set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def expire() -> None:
        for child in multiprocessing.active_children():
            child.kill()
        os.write(2, (message + "\n").encode("utf-8", "replace"))
        os._exit(INTERRUPTED_EXIT_CODE)

    def on_interrupt(signum: int, frame: object) -> None:
        timer = threading.Timer(grace_s, expire)
        timer.daemon = True
        timer.start()
        signal.signal(signal.SIGINT, previous)  # a second Ctrl-C: the usual behaviour
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        if signal.getsignal(signal.SIGINT) is on_interrupt:
            signal.signal(signal.SIGINT, previous)
