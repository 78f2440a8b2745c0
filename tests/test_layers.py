"""The layers of docs/architecture.md hold: import-linter's contracts pass on the whole package.

It lives beside the packages' test folders, not in tests/core, because import-linter is a test
tool of the full environment and tests/core also runs where only the Qt-free core is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "import-linter is part of the test extras"
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_ui_module_is_over_300_lines() -> None:
    """GIVEN the ui package WHEN each module's lines are counted
    THEN none is over 300 (a longer one is split by what it does: docs/architecture.md)."""
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "attune_desktop" / "ui").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert not long, f"ui modules over 300 lines: {long}"
