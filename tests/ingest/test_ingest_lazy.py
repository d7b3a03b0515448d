"""A run with nothing new to code never loads the model (issue 14: empty inputs answer fast)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_ingesting_only_empty_input_loads_no_model(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    script = (
        "import sys; from tieline.ingest import ingest; "
        f"s = ingest([{str(empty)!r}], db={str(tmp_path / 'x.duckdb')!r}); "
        "print(s.status, s.stats.quarantined, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["done", "1", "False"]
