"""export -o writes a temporary file and renames it: an interrupted export never leaves a truncated file."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.export import atomic_output


def test_completed_export_replaces_the_file(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    out.write_text("old", encoding="utf-8")
    with atomic_output(out) as fh:
        fh.write('{"format": "x"}\n')
    assert out.read_text(encoding="utf-8") == '{"format": "x"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["kb.json"]


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, RuntimeError])
def test_interrupted_export_keeps_the_old_file_and_no_temporary(tmp_path: Path, interrupt: type) -> None:
    out = tmp_path / "kb.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(interrupt), atomic_output(out) as fh:
        fh.write('{"format": "x", "documents": [')
        raise interrupt
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.json"]
