"""The core must never need Qt: checked in a clean interpreter (tests/test_layers.py runs
the import contracts, and CI runs tests/core where PySide6 is not installed)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import attune_desktop.core

ROOT = Path(__file__).resolve().parents[2]


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(attune_desktop.core.__path__, "attune_desktop.core.")
        if ".migrations.versions" not in m.name and not m.name.endswith("migrations.env")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert len(modules) > 10
    assert result.stdout.strip() == "", f"core imported Qt: {result.stdout}"
