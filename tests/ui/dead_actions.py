"""Press everything a person can press, and say which presses did nothing a person could see.

An effect is any of: a window, dialog or menu opened; a file written in the watched folders;
a change announced by a core service; an undo step; the clipboard; or a visible change in the
windows being watched (a label's text, a widget shown, hidden, enabled or disabled, a field's
value, a list's rows or selection, the focus). A press with no receiver at all is dead too.

Modal dialogs and menus (`exec()` or `open()`) are recorded and closed by a polling timer, so
nothing waits for a person who is not there.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtCore import SIGNAL, QAbstractListModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QShortcut, QUndoStack
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollBar,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

from attune_desktop.app import Core

BUDGET_S = 600.0  # the whole tour; past it the rest is left unpressed and the test fails
SETTLE_S = 0.15  # how long a press is given to show its effect
NOISE_S = 1.2  # how long a window is watched, untouched, to learn what changes by itself

SERVICES = ("series", "sessions", "practices", "checkins", "families", "followups", "runs")
PRESSABLE = (QPushButton, QToolButton)
NO_RECEIVER = "no receiver: nothing is connected to it"
NO_EFFECT = "no effect a person could see"
DESTRUCTIVE_WORDS = ("delete", "remove", "end", "quit", "clear", "cancel")


def _key(obj: QObject) -> int:
    return int(shiboken6.getCppPointer(obj)[0])


def alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)


def label_of(obj: QObject) -> str:
    """A stable name: the objectName, else the text a person reads."""
    if obj.objectName():
        return obj.objectName()
    text = obj.text() if isinstance(obj, (QAction, QAbstractButton)) else ""
    if isinstance(obj, QShortcut):
        text = obj.key().toString()
    text = text.replace("&", "").replace("…", "").strip()
    return f"“{text}”" if text else type(obj).__name__


def receivers(obj: QObject) -> int:
    signals: tuple[str, ...] = ("triggered(bool)", "toggled(bool)")
    if isinstance(obj, QShortcut):
        signals = ("activated()",)
    elif not isinstance(obj, QAction):
        signals = ("clicked(bool)", "pressed()", "released()", "toggled(bool)")
    return sum(obj.receivers(SIGNAL(s)) for s in signals)


@dataclass
class Candidate:
    where: str
    name: str
    obj: QObject

    @property
    def key(self) -> str:
        return f"{self.where}: {self.name}"


@dataclass
class Outcome:
    candidate: Candidate
    effects: list[str]
    dead_reason: str = ""


@dataclass
class ModalCloser:
    """Records and closes every window, dialog and menu that opens during a press.

    A dialog opened with `open()` (it appears after the press returns) may be held open
    instead, when `spare` says so, for its own buttons to be pressed.
    """

    keep: set[int] = field(default_factory=set)
    seen: list[str] = field(default_factory=list)
    held: list[QDialog] = field(default_factory=list)
    firing: bool = False
    spare: Callable[[QWidget], bool] | None = None
    timer: QTimer | None = None

    def start(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.sweep)
        self.timer.start()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer.deleteLater()
            self.timer = None

    def baseline(self) -> None:
        """Windows open now are the scene, not effects: they stay open."""
        self.keep = {_key(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def sweep(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not alive(widget) or not widget.isVisible() or _key(widget) in self.keep:
                continue
            title = widget.windowTitle() or widget.objectName() or type(widget).__name__
            self.seen.append(f"opened {type(widget).__name__} “{title}”")
            if (
                isinstance(widget, QDialog)
                and not self.firing
                and self.spare
                and self.spare(widget)
            ):
                self.keep.add(_key(widget))  # not blocking the press: held for its buttons
                self.held.append(widget)
            elif isinstance(widget, QMenu):
                widget.close()
            elif isinstance(widget, QDialog):
                widget.reject()
                if widget.isVisible():
                    widget.hide()
            else:
                widget.close()
                if alive(widget) and widget.isVisible():
                    widget.hide()


QT_OWN_DIALOGS = (QFileDialog, QPrintDialog, QPrintPreviewDialog, QProgressDialog)


def _incidental(widget: QWidget) -> bool:
    """Parts that change as a side effect of layout (a scroll bar appearing) or that only
    mirror another widget (a table's header), and menus (recorded when they open)."""
    return isinstance(widget, (QMenu, QScrollBar, QHeaderView)) or widget.objectName().startswith(
        "qt_scrollarea"
    )


def _widget_state(widget: QWidget) -> tuple[object, ...]:
    state: list[object] = [widget.isVisible(), widget.isEnabled()]
    if isinstance(widget, QLabel):
        state.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        state += [widget.text(), widget.isChecked()]
    elif isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        state.append(widget.text())
    elif isinstance(widget, QComboBox):
        state += [widget.currentIndex(), widget.count(), widget.currentText()]
    elif isinstance(widget, (QTabWidget, QStackedWidget)):
        state.append(widget.currentIndex())
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        state.append(hashlib.sha1(widget.toPlainText().encode()).hexdigest())
    elif isinstance(widget, (QProgressBar, QAbstractSlider)):
        state.append(widget.value())
    elif isinstance(widget, QAbstractItemView):
        model = widget.model()
        if model is not None:
            root = QModelIndex()
            rows = model.rowCount(root)
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
            state += [rows, columns]
            if rows <= 300:
                shown = range(min(columns, 8))
                cells = [str(model.index(r, c).data()) for r in range(rows) for c in shown]
                state.append(hashlib.sha1("\x1f".join(cells).encode()).hexdigest())
            selection = widget.selectionModel()
            if selection is not None:
                state.append(tuple(sorted(i.row() for i in selection.selectedRows())))
            state.append((widget.currentIndex().row(), widget.currentIndex().column()))
    return tuple(state)


@dataclass
class Snapshot:
    windows: frozenset[tuple[int, str]]
    widgets: dict[int, tuple[object, ...]]
    names: dict[int, str]
    files: dict[str, tuple[int, int]]
    announcements: int
    undo: tuple[int, int]
    clipboard: str
    focus: int


class EffectWatch:
    """What a person could see, before and after a press."""

    def __init__(self, core: Core, folders: Iterable[Path], undo_state: Callable[[], object]):
        self._folders = list(folders)
        self._undo_state = undo_state
        self.announced = 0
        self.noisy: set[int] = set()
        for name in SERVICES:
            service = getattr(core, name, None)
            signal = getattr(service, "changed", None)
            if signal is not None:
                signal.connect(self._on_change)

    def _on_change(self, *_args: object) -> None:
        self.announced += 1

    def snapshot(self, roots: Iterable[QWidget]) -> Snapshot:
        widgets: dict[int, tuple[object, ...]] = {}
        names: dict[int, str] = {}
        for root in roots:
            if not alive(root):
                continue
            for widget in [root, *root.findChildren(QWidget)]:
                if not alive(widget) or _incidental(widget):
                    continue
                key = _key(widget)
                widgets[key] = _widget_state(widget)
                names[key] = f"{type(widget).__name__} {widget.objectName()}".strip()
        windows = frozenset(
            (_key(w), w.windowTitle())
            for w in QApplication.topLevelWidgets()
            if alive(w) and w.isVisible()
        )
        undo = self._undo_state()
        focus = QApplication.focusWidget()
        return Snapshot(
            windows=windows,
            widgets=widgets,
            names=names,
            files=dict(self._files()),
            announcements=self.announced,
            undo=undo,  # type: ignore[arg-type]
            clipboard=QGuiApplication.clipboard().text(),
            focus=_key(focus) if focus is not None else 0,
        )

    def _files(self) -> Iterator[tuple[str, tuple[int, int]]]:
        for folder in self._folders:
            if not folder.exists():
                continue
            for path in folder.rglob("*"):
                if path.is_file() and not path.name.endswith(("-wal", "-shm", "-journal")):
                    stat = path.stat()
                    yield str(path), (stat.st_mtime_ns, stat.st_size)

    def learn_noise(self, roots: Callable[[], Sequence[QWidget]]) -> None:
        """Widgets that change with nobody touching them (clocks, rings) prove nothing."""
        before = self.snapshot(roots())
        wait(NOISE_S)
        after = self.snapshot(roots())
        self.noisy |= {k for k, v in after.widgets.items() if before.widgets.get(k) != v}

    def differences(self, before: Snapshot, after: Snapshot) -> list[str]:
        found: list[str] = []
        if after.announcements != before.announcements:
            found.append("a change was saved")
        if after.undo != before.undo:
            found.append("an undo step")
        if after.files != before.files:
            changed = {p for p in after.files if before.files.get(p) != after.files[p]}
            found.append(f"files written: {sorted(Path(p).name for p in changed)[:3]}")
        if after.clipboard != before.clipboard:
            found.append("the clipboard")
        if after.windows != before.windows:
            found.append("a window opened or closed")
        if after.focus != before.focus:
            found.append("the focus moved")
        widgets = [
            after.names.get(k) or before.names.get(k, "?")
            for k in set(before.widgets) | set(after.widgets)
            if k not in self.noisy and before.widgets.get(k) != after.widgets.get(k)
        ]
        if widgets:
            found.append(f"widgets changed: {sorted(widgets)[:4]}")
        return found


def wait(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        # processEvents() leaves deleteLater() for the main loop, which a person's app has.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.01)


def reachable(obj: QObject, inside: QWidget) -> bool:
    """Whether a person could press it now, somewhere inside `inside`."""
    if not alive(obj):
        return False
    if isinstance(obj, QAbstractButton):
        return obj.isVisible() and obj.isEnabled() and (obj is inside or inside.isAncestorOf(obj))
    if isinstance(obj, QShortcut):
        host = obj.parent()
        if not isinstance(host, QWidget) or not obj.isEnabled() or not host.isVisible():
            return False
        return host is inside or inside.isAncestorOf(host)
    if isinstance(obj, QAction):
        if not obj.isEnabled() or not obj.isVisible() or obj.isSeparator():
            return False
        for host in obj.associatedObjects():
            widget = host.parentWidget() if isinstance(host, QMenu) else host
            if not isinstance(widget, QWidget) or not widget.isVisible():
                continue
            if widget is inside or inside.isAncestorOf(widget):
                return True
    return False


def candidates(where: str, root: QWidget, skip: Iterable[QObject] = ()) -> list[Candidate]:
    """Every action and push/tool button reachable in `root`, destructive ones last."""
    skipped = {_key(o) for o in skip}
    found: list[Candidate] = []
    names: dict[str, int] = {}
    objects: list[QObject] = [*root.findChildren(QAction)]
    objects += [b for b in root.findChildren(QAbstractButton) if isinstance(b, PRESSABLE)]
    objects += root.findChildren(QShortcut)  # keys with no menu item, e.g. the kiosk's exit
    for obj in objects:
        if _key(obj) in skipped or not reachable(obj, root):
            continue
        if isinstance(obj, QAction) and obj.menu() is not None:
            continue  # opens a menu whose own items are pressed one by one
        if isinstance(obj, QToolButton) and obj.defaultAction() is not None:
            continue  # its action is pressed instead
        name = label_of(obj)
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:
            name = f"{name} #{names[name]}"
        found.append(Candidate(where, name, obj))

    def last(c: Candidate) -> tuple[bool, bool]:
        closes = isinstance(c.obj, QWidget) and isinstance(c.obj.parentWidget(), QDialogButtonBox)
        return closes, any(word in c.name.lower() for word in DESTRUCTIVE_WORDS)

    return sorted(found, key=last)


def _dialog_name(dialog: QWidget) -> str:
    return dialog.objectName() or dialog.windowTitle() or type(dialog).__name__


def _checked(obj: QObject) -> bool | None:
    return obj.isChecked() if isinstance(obj, (QAction, QAbstractButton)) else None


def fire(candidate: Candidate) -> None:
    obj = candidate.obj
    if isinstance(obj, QShortcut):
        obj.activated.emit()
    elif isinstance(obj, QAction):
        obj.trigger()
    elif isinstance(obj, QToolButton) and obj.menu() is not None and receivers(obj) == 0:
        obj.showMenu()
    elif isinstance(obj, QAbstractButton):
        obj.click()


@dataclass
class Presser:
    """Presses candidates one at a time, closing what they open, and judges each."""

    watch: EffectWatch
    closer: ModalCloser
    undo: QUndoStack | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    toured: set[str] = field(default_factory=set)
    deadline: float = field(default_factory=lambda: time.monotonic() + BUDGET_S)
    unpressed: list[str] = field(default_factory=list)

    def press(
        self, candidate: Candidate, roots: Callable[[], Sequence[QWidget]], depth: int = 0
    ) -> Outcome:
        obj = candidate.obj
        has_menu = isinstance(obj, QToolButton) and obj.menu() is not None
        checkable = isinstance(obj, (QAction, QAbstractButton)) and obj.isCheckable()
        # A check box in a menu may be read only when something else is pressed: its own
        # check mark is then what a person sees change.
        checked = _checked(obj)
        if receivers(obj) == 0 and not has_menu and not checkable:
            outcome = Outcome(candidate, [], NO_RECEIVER)
            self.outcomes.append(outcome)
            return outcome
        closer = self.closer
        closer.baseline()
        closer.seen, closer.held = [], []
        closer.spare = self._worth_a_tour if depth == 0 else None
        undo_index = self.undo.index() if self.undo is not None else 0
        if isinstance(obj, QShortcut) and obj.context() != Qt.ShortcutContext.WindowShortcut:
            host = obj.parent()  # a field's own key (Esc leaves it) works with the cursor in it
            if isinstance(host, QWidget):
                host.activateWindow()
                host.setFocus()
        elif isinstance(obj, QShortcut):  # a window's key is pressed with the cursor anywhere
            host = obj.parent()
            if isinstance(host, QWidget):
                host.window().activateWindow()  # a person presses keys in the active window
                wait(0.03)
            focused = QApplication.focusWidget()
            if focused is not None:
                focused.clearFocus()
        wait(0.03)  # what the last press set going lands before, not after, the snapshot
        before = self.watch.snapshot(roots())
        closer.firing = True  # a dialog that appears now blocks the press: it is closed
        try:
            fire(candidate)
        finally:
            closer.firing = False
        wait(SETTLE_S)
        closer.sweep()
        wait(0.05)
        after = self.watch.snapshot(roots())
        effects = list(dict.fromkeys(closer.seen)) + self.watch.differences(before, after)
        if checkable and alive(obj) and _checked(obj) != checked:
            effects.append("its check mark")
        outcome = Outcome(candidate, effects, "" if effects else NO_EFFECT)
        self.outcomes.append(outcome)
        held, closer.held, closer.spare = closer.held, [], None
        for dialog in held:
            self._tour_dialog(candidate.where, dialog, roots)
        if self.undo is not None and self.undo.index() > undo_index:
            # Put the data back, so the next press finds the sessions and families this one
            # deleted or moved (the sample content stays whole for the rest of the tour).
            self.undo.setIndex(undo_index)
            wait(0.05)
        return outcome

    def _worth_a_tour(self, dialog: QWidget) -> bool:
        return not isinstance(dialog, QT_OWN_DIALOGS) and _dialog_name(dialog) not in self.toured

    def _tour_dialog(
        self, where: str, dialog: QDialog, roots: Callable[[], Sequence[QWidget]]
    ) -> None:
        """Press the buttons of a dialog the press opened, once per kind of dialog."""
        self.toured.add(_dialog_name(dialog))
        inside = f"{where} › {_dialog_name(dialog)}"
        found = candidates(inside, dialog)

        def both() -> list[QWidget]:
            return [*roots(), dialog] if alive(dialog) else list(roots())

        for candidate in found:
            if alive(dialog) and dialog.isVisible() and reachable(candidate.obj, dialog):
                self.press(candidate, both, depth=1)
        if alive(dialog) and dialog.isVisible():
            dialog.reject()
            dialog.hide()
        self.closer.baseline()

    def press_all(
        self,
        found: list[Candidate],
        roots: Callable[[], Sequence[QWidget]],
        before_each: Callable[[], None] = lambda: None,
        still_reachable: Callable[[Candidate], bool] = lambda _c: True,
    ) -> None:
        first: list[Outcome] = []
        for candidate in found:
            if time.monotonic() > self.deadline:
                self.unpressed.append(candidate.key)
                continue
            before_each()
            if alive(candidate.obj) and still_reachable(candidate):
                first.append(self.press(candidate, roots))
        # A second chance, after everything else was pressed: "Move up" on the top row, or
        # "Planned" on a planned week, does nothing only because of where things stood.
        for outcome in first:
            candidate = outcome.candidate
            if outcome.dead_reason != NO_EFFECT:
                continue
            before_each()
            if alive(candidate.obj) and still_reachable(candidate):
                again = self.press(candidate, roots)
                self.outcomes.remove(again if again.dead_reason else outcome)


class Tour:
    """One walk through the app: remembers what was pressed, so nothing is pressed twice."""

    def __init__(self, core: Core, folders: Iterable[Path], undo: QUndoStack):
        self.closer = ModalCloser()
        self.closer.baseline()  # the windows open now are the scene: they stay open
        self.closer.start()
        self.watch = EffectWatch(core, folders, lambda: (undo.index(), undo.count()))
        self.presser = Presser(self.watch, self.closer, undo)
        self._pressed: set[str] = set()  # by name: menus are rebuilt, and addresses reused

    def scene(self) -> None:
        """The windows open now are part of what is being toured, not effects of a press."""
        self.closer.baseline()

    def press(
        self,
        found: list[Candidate],
        roots: Callable[[], Sequence[QWidget]],
        before_each: Callable[[], None] = lambda: None,
        inside: QWidget | None = None,
    ) -> None:
        fresh = [c for c in found if c.key not in self._pressed]
        self._pressed.update(c.key for c in fresh)

        def still(c: Candidate) -> bool:
            return inside is None or (alive(inside) and reachable(c.obj, inside))

        self.presser.press_all(fresh, roots, before_each, still)

    def press_in(
        self,
        where: str,
        root: QWidget,
        roots: Callable[[], Sequence[QWidget]],
        before_each: Callable[[], None] = lambda: None,
    ) -> None:
        """Everything reachable in `root`, then what pressing it made reachable (a confirm
        row, a panel), a few rounds deep."""
        for _round in range(3):
            if not alive(root):  # a press closed it for good (the kiosk's exit)
                return
            before_each()
            found = [c for c in candidates(where, root) if c.key not in self._pressed]
            if not found:
                return
            self.press(found, roots, before_each, inside=root)

    def stop(self) -> None:
        self.closer.stop()

    def log(self) -> str:
        return "\n".join(
            f"  {o.candidate.key}: {', '.join(o.effects) or o.dead_reason}"
            for o in self.presser.outcomes
        )
