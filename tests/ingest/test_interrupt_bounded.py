"""Ctrl-C ends a command within a bounded time even when its orderly stop hangs; a pool close is bounded too."""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from communique import pipeline

# A command whose orderly stop never ends: after Ctrl-C it waits for good, with a worker process still running.
HANGING_COMMAND = textwrap.dedent("""
    import multiprocessing, sys, time
    from communique.ingest.interrupt import bounded_interrupt

    if __name__ == "__main__":
        worker = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(600,), daemon=True)
        worker.start()
        print(worker.pid, flush=True)
        with bounded_interrupt("interrupted: ended; rerun the same command to continue", grace_s=float(sys.argv[1])):
            try:
                time.sleep(600)
            except KeyboardInterrupt:
                __import__("threading").Event().wait()  # the orderly stop hangs
""")
WAIT_S = 60  # generous: the check is that the process ends at all, not how fast


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (ended, not yet reaped by its parent) counts as gone
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_interrupt_bounded_ends_a_hanging_stop_with_its_message_and_kills_workers(tmp_path: Path) -> None:
    script = tmp_path / "hang.py"
    script.write_text(HANGING_COMMAND, "utf-8")
    proc = subprocess.Popen([sys.executable, str(script), "1.0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        worker = int(proc.stdout.readline())  # type: ignore[union-attr]
        time.sleep(0.5)  # inside the block
        os.kill(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=WAIT_S)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted: ended; rerun the same command to continue"
    deadline = time.monotonic() + 5
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker)


def test_interrupt_bounded_restores_the_previous_handler() -> None:
    from communique.ingest.interrupt import bounded_interrupt

    before = signal.getsignal(signal.SIGINT)
    with bounded_interrupt("interrupted"):
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before


class _StuckPool:
    """A pool whose own shutdown never returns (as Pool.terminate waiting on a lock a worker holds)."""

    def __init__(self, workers: list[multiprocessing.process.BaseProcess]) -> None:
        self._pool = workers
        self.release = threading.Event()

    def terminate(self) -> None:
        self.release.wait()


@pytest.mark.parametrize("stuck", [True, False])
def test_pipeline_pool_stop_is_bounded_and_kills_the_workers(monkeypatch: pytest.MonkeyPatch, stuck: bool) -> None:
    monkeypatch.setattr(pipeline, "POOL_STOP_WAIT_S", 0.2)
    worker = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(600,), daemon=True)
    worker.start()
    pool = _StuckPool([worker])
    if not stuck:
        pool.release.set()
    try:
        pipeline._PoolStopper(pool).close()  # type: ignore[arg-type]
        if stuck:  # the pool's own stop hung: its workers are killed
            worker.join(WAIT_S)
            assert worker.exitcode is not None
        else:  # the pool stopped itself: nothing else is touched
            assert worker.is_alive()
    finally:
        pool.release.set()
        if worker.exitcode is None:
            worker.kill()
            worker.join()
