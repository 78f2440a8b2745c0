"""The settings: declared once, read and written only through `Settings`, each with its type.

GIVEN the table in core.config WHEN the app's code is read THEN every declared setting is read
somewhere, every read or written one is declared, and nothing but `Settings` touches QSettings.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

import attune_desktop
from attune_desktop.core.config import DEFAULT_SETTINGS
from attune_desktop.core.container import Core
from attune_desktop.ui.checkins.checkins_view import CheckInsView
from attune_desktop.ui.checkins.open_round_dialog import OpenRoundDialog
from attune_desktop.ui.common.settings import Settings
from attune_desktop.ui.shell import UiContext

PACKAGE = Path(attune_desktop.__file__).parent
READERS = {"text", "flag", "number", "whole", "blob"}
DECLARED = {setting.key for setting in DEFAULT_SETTINGS}


def _keys_used() -> tuple[set[str], set[str]]:
    """The keys passed to a reader or to `set`, as literals or module-level names."""
    read: set[str] = set()
    written: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = ast.unparse(node.func.value)
            if "settings" not in owner.lower() or not node.args:
                continue
            arg = node.args[0]
            key = arg.value if isinstance(arg, ast.Constant) else None
            if isinstance(arg, ast.Name):
                key = names.get(arg.id)
            if not isinstance(key, str):
                continue
            if node.func.attr in READERS:
                read.add(key)
            elif node.func.attr == "set":
                written.add(key)
    return read, written


def test_every_declared_setting_is_read_and_every_used_one_is_declared() -> None:
    read, written = _keys_used()
    assert read, "the scan found no reads at all"
    assert DECLARED - read == set(), "declared but never read"
    assert (read | written) - DECLARED == set(), "used but not declared"


def test_only_the_settings_object_touches_qsettings() -> None:
    users = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "QSettings" in path.read_text(encoding="utf-8")
    }
    assert users == {"ui/common/settings.py"}


def test_values_come_back_with_their_declared_types(tmp_path: Path) -> None:
    # GIVEN settings written in one run of the app
    file = tmp_path / "settings.ini"
    first = Settings(file)
    first.set("run/muted", True)
    first.set("run/chime_volume", 0.25)
    first.set("ui/geometry", QByteArray(b"\x01\x02"))
    first.sync()
    # WHEN the next run reads them from the INI file (where everything is text)
    again = Settings(file)
    # THEN each comes back as its type; an unset one as its default
    assert again.flag("run/muted") is True
    assert again.number("run/chime_volume") == 0.25
    assert again.whole("checkin/min_responses") == 5
    assert again.text("print/paper") == "a4"
    assert bytes(again.blob("ui/geometry").data()) == b"\x01\x02"


def test_an_undeclared_setting_is_refused(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    with pytest.raises(KeyError, match="not declared"):
        settings.text("ui/nowhere")
    with pytest.raises(KeyError, match="not declared"):
        settings.set("ui/nowhere", "x")


def test_text_that_is_not_a_number_falls_back_to_the_default(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[run]\nwarning_minutes=soon\n", encoding="utf-8")
    assert Settings(tmp_path / "settings.ini").number("run/warning_minutes") == 2


def test_a_new_round_starts_from_the_fewest_answers_setting(
    qtbot, empty_core: Core, empty_context: UiContext
) -> None:
    # GIVEN a facilitator whose circles need at least 7 answers before results show
    empty_core.sessions.create_session("Arriving")
    empty_context.settings.set("checkin/min_responses", 7)
    view = CheckInsView(empty_context)
    qtbot.addWidget(view)
    view.show()
    # WHEN they open a new round
    view.open_button.click()
    dialog = view.dialog
    assert isinstance(dialog, OpenRoundDialog)
    # THEN its minimum starts at 7
    assert dialog.minimum.value() == 7
