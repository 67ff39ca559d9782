"""Fault-injection stages for the Ray runner tests (imported by name on the driver and on every Ray worker).

``test.kill_once.v1`` kills the worker process that runs it (SIGKILL: no exception, no cleanup) the first time
it meets a document containing ``KILL-WORKER-<n>``; a marker file in ``$COMMUNIQUE_FAULT_DIR`` records that
``<n>`` already fired, so the task Ray retries goes through.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from communique.model import Document
from communique.registry import stage

FAULT_DIR_ENV = "COMMUNIQUE_FAULT_DIR"
KILL_MARKER = re.compile(r"KILL-WORKER-(\d+)")


@stage("test.kill_once.v1")
def kill_once(doc: Document) -> Document:
    found = KILL_MARKER.search(doc.text)
    if found:
        marker = Path(os.environ[FAULT_DIR_ENV]) / f"killed-{found.group(1)}"
        try:
            marker.open("x").close()  # exclusive create: exactly one process fires per marker
        except FileExistsError:
            return doc
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def gpu_stage(doc: Document) -> Document:
    return doc


gpu_stage.uses_gpu = True  # type: ignore[attr-defined]
stage("test.gpu_capable.v1")(gpu_stage)
