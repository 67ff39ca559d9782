"""The hand-annotated knowledge base (tests/web/kbdata.py), built once per session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_KBDATA = Path(__file__).parent / "kbdata.py"


def load_kbdata():  # type: ignore[no-untyped-def]
    """The module, loaded once (tests/api and tests/web share it and the database it builds)."""
    if "communique_test_kbdata" in sys.modules:
        return sys.modules["communique_test_kbdata"]
    spec = importlib.util.spec_from_file_location("communique_test_kbdata", _KBDATA)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["communique_test_kbdata"] = module
    return module


@pytest.fixture(scope="session")
def kbdata():  # type: ignore[no-untyped-def]
    return load_kbdata()


@pytest.fixture(scope="session")
def kb_db(kbdata, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    if not getattr(kbdata, "built", None):  # built once per session, read-only for the tests
        kbdata.built = str(kbdata.build_db(tmp_path_factory.mktemp("kb") / "kb.db"))
    return kbdata.built  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def _no_semantic(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMMUNIQUE_NO_SEMANTIC", "1")  # full-text search only: no model load in these tests
