"""No shared keys: one key sequence does one thing wherever the focus is.

Two shortcuts on the same key that can both be live (same window, both visible, focus regions
that meet) make Qt refuse both ("Ambiguous shortcut overload") and the key does nothing. This
test opens every window the app has: the main window with every screen, the presenter, the
projector, the kiosk and the dialogs; it reads every action and shortcut and fails on a clash.
A second pass presses each key with the focus at each shortcut's home and fails if Qt calls it
ambiguous. The platform's standard keys differ between `offscreen` and `xcb` (under X11, Redo
includes Ctrl+Shift+Z), so the same checks run again in a real X window under Xvfb.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShortcutEvent, QUndoCommand
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from attune_desktop.ui.about import AboutDialog
from attune_desktop.ui.agenda.practice_picker import PracticePickerDialog
from attune_desktop.ui.backups.restore_dialog import RestoreDialog
from attune_desktop.ui.checkins.kiosk import KioskWindow
from attune_desktop.ui.checkins.open_round_dialog import OpenRoundDialog
from attune_desktop.ui.checkins.scale_editor import ScaleEditorDialog
from attune_desktop.ui.checkins.tally_dialog import TallyDialog
from attune_desktop.ui.main_window import PAGES, MainWindow
from attune_desktop.ui.routines.copy_dialog import CopyToFamiliesDialog
from attune_desktop.ui.series.series_dialog import DateDialog, SeriesDialog
from attune_desktop.ui.shell import UiContext

ROOT = Path(__file__).resolve().parents[2]
UNDER_XVFB = "ATTUNE_SHORTCUTS_UNDER_XVFB"


@dataclass(frozen=True)
class Binding:
    """One key of one action or shortcut, and where in its window it is live."""

    key: str
    owner: str
    anchor: QWidget
    source: int  # id() of the action or shortcut: one action may live on several widgets
    region: str  # "window": anywhere in the window; "subtree": anchor and its children; "widget"


def _portable(key: QKeySequence) -> str:
    return key.toString(QKeySequence.SequenceFormat.PortableText)


def _region(context: Qt.ShortcutContext) -> str:
    if context == Qt.ShortcutContext.WidgetShortcut:
        return "widget"
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        return "subtree"
    return "window"  # WindowShortcut; ApplicationShortcut is at least that


def _anchors(action: QAction, depth: int = 0) -> list[QWidget]:
    """The widgets an action's shortcut lives on; an action in a menu lives where the menu is."""
    found: list[QWidget] = []
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            if depth < 5:
                found += _anchors(owner.menuAction(), depth + 1)
        elif isinstance(owner, QWidget):
            found.append(owner)
    return found


def _name(obj: QObject, fallback: str) -> str:
    return obj.objectName() or fallback


def bindings(widgets: list[QWidget]) -> list[Binding]:
    """Every key bound by an action or a shortcut in these windows (children included)."""
    result: list[Binding] = []
    actions: dict[int, QAction] = {}
    shortcuts: dict[int, QShortcut] = {}
    for top in widgets:
        everything = [top, *top.findChildren(QWidget)]
        for action in top.findChildren(QAction):
            actions[id(action)] = action
        for widget in everything:
            for action in widget.actions():
                actions[id(action)] = action
        for shortcut in top.findChildren(QShortcut):
            shortcuts[id(shortcut)] = shortcut
    for action in actions.values():
        owner = _name(action, action.text().replace("&", ""))
        for anchor in _anchors(action):
            for key in action.shortcuts():
                if not key.isEmpty():
                    region = _region(action.shortcutContext())
                    result.append(Binding(_portable(key), owner, anchor, region, id(action)))
    for shortcut in shortcuts.values():
        parent = shortcut.parent()
        assert isinstance(parent, QWidget)
        owner = _name(shortcut, f"QShortcut on {_name(parent, type(parent).__name__)}")
        for key in shortcut.keys():  # noqa: SIM118 (a QShortcut, not a dict)
            if not key.isEmpty():
                region = _region(shortcut.context())
                result.append(Binding(_portable(key), owner, parent, region, id(shortcut)))
    return result


def _ancestors(widget: QWidget) -> list[QWidget]:
    chain = [widget]
    while not chain[-1].isWindow() and chain[-1].parentWidget() is not None:
        chain.append(chain[-1].parentWidget())  # type: ignore[arg-type]
    return chain


def _can_show_together(a: QWidget, b: QWidget) -> bool:
    """False when a and b sit on different pages of one stack (only one page shows at once)."""
    chain_a, chain_b = _ancestors(a), _ancestors(b)
    for index, ancestor in enumerate(chain_a):
        if isinstance(ancestor, QStackedWidget) and ancestor in chain_b and index > 0:
            page_a = chain_a[index - 1]
            page_b = chain_b[chain_b.index(ancestor) - 1] if chain_b.index(ancestor) > 0 else None
            if page_b is not None and page_a is not page_b:
                return False
    return True


def _regions_meet(one: Binding, other: Binding) -> bool:
    if "window" in (one.region, other.region):
        return True
    if one.region == "widget" and other.region == "widget":
        return one.anchor is other.anchor
    if one.region == "subtree" and other.region == "subtree":
        return one.anchor in _ancestors(other.anchor) or other.anchor in _ancestors(one.anchor)
    tree, single = (one, other) if one.region == "subtree" else (other, one)
    return tree.anchor in _ancestors(single.anchor)


def clashes(found: list[Binding]) -> list[str]:
    problems: list[str] = []
    for i, one in enumerate(found):
        for other in found[i + 1 :]:
            if one.key != other.key or one.anchor.window() is not other.anchor.window():
                continue
            if one.source == other.source and one.anchor is not other.anchor:
                continue  # one action shown in two places (a menu and a button)
            if _can_show_together(one.anchor, other.anchor) and _regions_meet(one, other):
                where = one.anchor.window().objectName() or type(one.anchor.window()).__name__
                problems.append(f"{one.key}: {one.owner} and {other.owner} in {where}")
    return sorted(set(problems))


# --- every window the app has ----------------------------------------------------------------


@pytest.fixture
def every_window(qtbot: QtBot, context: UiContext) -> Iterator[list[QWidget]]:
    """The main window (every screen built), a running presenter with its projector, the kiosk
    and the dialogs, all open at once."""
    core = context.core
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    for page in PAGES:
        window.show_page(page.key)
    session = core.sessions.create_session("Keys", date=dt.date.today())
    for kind in ("welcome", "practice", "closing"):
        core.sessions.add_segment(session.id or 0, kind=kind)
    presenter = window.run_launcher.run_session(session.id)
    assert presenter is not None
    presenter.show_projector()
    round_id = core.checkins.open_round(session.id or 0, "opening", "weather").id or 0
    kiosk = KioskWindow(core.checkins, round_id)
    qtbot.addWidget(kiosk)
    dialogs: list[QDialog] = [
        AboutDialog(window),
        PracticePickerDialog(core.practices.list_practices(), window),
        SeriesDialog(window),
        DateDialog(window, "Move", "Move to", dt.date.today(), ask_theme=True),
        RestoreDialog(context, window),
        TallyDialog(core.checkins, round_id, parent=window),
        OpenRoundDialog(core.checkins, session.id or 0, parent=window),
        ScaleEditorDialog(core.checkins, parent=window),
        CopyToFamiliesDialog([], window),
    ]
    for text in ("one", "two"):  # Undo and Redo both enabled: a disabled action never clashes
        context.undo.push(QUndoCommand(text))
    context.undo.undo()
    windows: list[QWidget] = [window, presenter, presenter.projector, kiosk, *dialogs]
    yield windows
    if isValid(presenter):  # the main window may already have closed its presenter
        presenter.close()
    for dialog in dialogs:
        dialog.close()


def test_no_two_shortcuts_share_a_key_where_both_are_live(every_window: list[QWidget]) -> None:
    # GIVEN every window and screen of the app
    found = bindings(every_window)
    # THEN there are shortcuts to check in the main window, the presenter and the kiosk
    assert {"undoAction", "redoAction", "runSessionAction"} <= {b.owner for b in found}
    # AND no key is bound twice where both could fire
    assert clashes(found) == []


class ShortcutWatch(QObject):
    """Eats every shortcut event (so probing a key triggers nothing) and keeps ambiguous ones."""

    def __init__(self) -> None:
        super().__init__()
        self.ambiguous: list[str] = []
        self.fired = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Shortcut and isinstance(event, QShortcutEvent):
            self.fired += 1
            if event.isAmbiguous():
                self.ambiguous.append(f"{_portable(event.key())} on {watched.objectName()}")
            return True
        # the probe's keys must not reach a widget either (Delete would delete)
        return kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def _focus_targets(widget: QWidget) -> list[QWidget]:
    targets = [widget, *widget.findChildren(QWidget)]
    return [t for t in targets if t.isVisible() and t.focusPolicy() != Qt.FocusPolicy.NoFocus][:1]


def _probe(window: QWidget, found: list[Binding], watch: ShortcutWatch) -> None:
    window.activateWindow()
    QApplication.processEvents()
    mine = [b for b in found if b.anchor.window() is window and b.anchor.isVisible()]
    keys = sorted({b.key for b in mine})
    homes = {id(b.anchor): b.anchor for b in mine}
    for home in homes.values():
        for target in _focus_targets(home) or [window]:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            for key in keys:
                QTest.keySequence(target, QKeySequence(key))


def test_pressing_each_key_where_it_lives_is_never_ambiguous(
    every_window: list[QWidget],
) -> None:
    # GIVEN every window, with something to undo and to redo (a disabled action never clashes)
    main = every_window[0]
    assert isinstance(main, MainWindow)
    # AND a watch that keeps any key Qt calls ambiguous
    found = bindings(every_window)
    watch = ShortcutWatch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    try:
        others = every_window[1:]
        # WHEN each key is pressed with the focus where each shortcut lives, screen by screen
        for page in PAGES:
            main.show_page(page.key)
            _probe(main, found, watch)
        for window in others:
            window.show()
            _probe(window, found, watch)
            if isinstance(window, QDialog):
                window.close()
    finally:
        app.removeEventFilter(watch)
    # THEN the keys did reach the shortcuts, and Qt never found two live ones on one key
    assert watch.fired > 0
    assert sorted(set(watch.ambiguous)) == []


def _shown_main_window(qtbot: QtBot, context: UiContext, page: str) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page(page)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_redo_from_the_keyboard_redoes_the_agenda_change(qtbot: QtBot, context: UiContext) -> None:
    # GIVEN the Sessions screen and a segment just added, then undone with Ctrl+Z
    window = _shown_main_window(qtbot, context, "sessions")
    view = window.sessions_view
    view.new_session()
    view.add_segment("welcome")
    sid = view.selected_session_id() or 0
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert context.core.sessions.segments(sid) == []
    # WHEN the facilitator presses Ctrl+Shift+Z
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view.table, Qt.Key.Key_Z, ctrl_shift)
    # THEN the segment is back
    assert [s.title for s in context.core.sessions.segments(sid)] == ["Welcome"]
    # AND each Undo and Redo key is bound once
    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    keys = [_portable(k) for k in undo.shortcuts() + redo.shortcuts()]
    assert len(keys) == len(set(keys)) and "Ctrl+Shift+Z" in keys and "Ctrl+Z" in keys


def test_the_edit_menu_says_what_ctrl_z_will_do_in_a_field_with_its_own_undo(
    qtbot: QtBot, context: UiContext
) -> None:
    # GIVEN something to undo in the app, and the cursor in the Series screen's follow-up box,
    # a field kept until its button is pressed (it undoes its own typing)
    window = _shown_main_window(qtbot, context, "series")
    context.undo.push(QUndoCommand("Add segment"))
    entry = window.findChild(QLineEdit, "followUpEdit")
    assert entry is not None
    undo = window.findChild(QAction, "undoAction")
    assert undo.text() == "&Undo Add segment"
    entry.setEnabled(True)
    entry.setFocus()
    qtbot.waitUntil(entry.hasFocus)
    qtbot.keyClicks(entry, "Call Sam")
    # WHEN the Edit menu opens
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    edit_menu.aboutToShow.emit()
    # THEN it offers to undo the typing, which is what Ctrl+Z does here
    assert undo.text() == "&Undo typing" and undo.isEnabled()
    undo.trigger()
    assert entry.text() == ""
    assert context.undo.undoText() == "Add segment"  # the app's step is untouched
    # AND away from the field it offers the app's step again
    window.sidebar.setFocus()
    qtbot.waitUntil(window.sidebar.hasFocus)
    assert undo.text() == "&Undo Add segment"


@pytest.mark.skipif(os.environ.get(UNDER_XVFB) == "1", reason="already the X11 run")
def test_no_shared_keys_under_a_real_x11_window() -> None:
    """The same checks with the xcb platform, whose standard keys differ from offscreen's."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None and not os.environ.get("DISPLAY"):
        pytest.skip("no X display: install xvfb and xauth (apt-get install xvfb xauth) to run")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", UNDER_XVFB: "1"}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-k",
        "not real_x11",
        str(Path(__file__)),
    ]
    if xvfb_run is not None:
        command = [xvfb_run, "-a", "-s", "-screen 0 1366x768x24", *command]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0 and "could not connect to display" in done.stderr + done.stdout:
        pytest.skip("Xvfb could not start a display here")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Ambiguous shortcut overload" not in done.stderr + done.stdout
