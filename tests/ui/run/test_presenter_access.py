"""The live run by keyboard and by screen reader.

A facilitator who cannot use a mouse reaches every presenter control with Tab and presses it
with Space or Enter, or uses the key written on it; one who uses a screen reader hears the time
left as words, and is told when a segment starts, at the warning and at overtime.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from attune_desktop.core.timer import TimerState
from attune_desktop.ui.run.presenter import PresenterWindow
from attune_desktop.ui.run.spoken import spoken_time
from tests.ui.run.test_run_views import Clocks, clocks, presenter, session_id  # noqa: F401

# objectName -> the key written on it
KEYED = {
    "run_skip_button": "S",
    "run_settle_button": "T",
    "run_end_button": "E",
    "runProjectorToggle": "P",
    "runProjectorDigits": "D",
    "runMute": "M",
}
REACHABLE = [*KEYED, "runProjectorScreen", "runVolume", "runRing", "runFollowUpField"]


def _widget(window: QWidget, name: str) -> QWidget:
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def test_every_presenter_control_is_reached_with_tab_and_shows_its_key(
    qtbot: QtBot,
    presenter: PresenterWindow,  # noqa: F811
) -> None:
    # GIVEN a started run
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.run.state is TimerState.RUNNING
    # THEN every control can take focus, and the keyed ones show their key on them
    for name in REACHABLE:
        widget = _widget(presenter, name)
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{name} cannot take focus"
    for name, key in KEYED.items():
        text = _widget(presenter, name).property("text")
        assert f"({key})" in text, f"{name} does not show its key: {text!r}"
    # WHEN the facilitator presses Tab again and again from the window
    presenter.setFocus()
    reached: set[str] = set()
    for _ in range(60):
        QTest.keyClick(QApplication.focusWidget() or presenter, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is not None:
            reached.add(focused.objectName())
    # THEN each enabled control was reached (the screen chooser only with two screens)
    wanted = {n for n in REACHABLE if _widget(presenter, n).isEnabled()}
    assert wanted <= reached, f"never reached with Tab: {sorted(wanted - reached)}"


def test_a_click_leaves_space_to_pause(
    qtbot: QtBot,
    presenter: PresenterWindow,  # noqa: F811
) -> None:
    # GIVEN a started run WHEN the facilitator clicks Next with the mouse, then presses Space
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    qtbot.mouseClick(presenter.controls.buttons["next"], Qt.MouseButton.LeftButton)
    assert presenter.run.timer.current_index == 1
    qtbot.keyClick(QApplication.focusWidget() or presenter, Qt.Key.Key_Space)
    # THEN Space paused the run, as it always has; it did not press Next again
    assert presenter.run.state is TimerState.PAUSED
    assert presenter.run.timer.current_index == 1


def test_a_focused_button_takes_space_and_the_keys_act(
    qtbot: QtBot,
    presenter: PresenterWindow,  # noqa: F811
    clocks: Clocks,  # noqa: F811
) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    room = presenter.room_bar
    for control in (room.mute, room.volume, *room.actions()):  # as with a sound device
        control.setEnabled(True)
    # GIVEN the focus on Skip WHEN Space is pressed THEN Skip is pressed, not Pause
    skip = presenter.controls.buttons["skip"]
    skip.setFocus()
    qtbot.keyClick(skip, Qt.Key.Key_Space)
    assert presenter.run.state is TimerState.RUNNING
    assert presenter.run.timer.current_index == 1
    # WHEN the keys written on the buttons are pressed with the focus on the window
    presenter.setFocus()
    qtbot.keyClick(presenter, Qt.Key.Key_S)
    assert presenter.run.timer.current_index == 2
    qtbot.keyClick(presenter, Qt.Key.Key_T)
    assert presenter.run.state is TimerState.SETTLING
    muted, digits = room.mute.isChecked(), room.digits.isChecked()
    qtbot.keyClick(presenter, Qt.Key.Key_M)
    qtbot.keyClick(presenter, Qt.Key.Key_D)
    assert room.digits.isChecked() is not digits and room.mute.isChecked() is not muted
    volume = room.volume.value()
    QTest.keySequence(presenter, QKeySequence("["))
    assert room.volume.value() == max(0, volume - 10)
    qtbot.keyClick(presenter, Qt.Key.Key_P)
    assert presenter.projector.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_P)
    assert not presenter.projector.isVisible()
    # AND E asks first, with the focus on "Keep going"; Enter there keeps the session going
    qtbot.keyClick(presenter, Qt.Key.Key_E)
    assert presenter.end_confirm.isVisible()
    keep = _widget(presenter, "runEndKeep")
    assert keep.hasFocus()
    qtbot.keyClick(keep, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not presenter.end_confirm.isVisible())
    assert presenter.run.state is not TimerState.FINISHED
    # AND arrows on the focused volume move the volume, not the segment
    room.volume.setFocus()
    index, volume = presenter.run.timer.current_index, room.volume.value()
    qtbot.keyClick(room.volume, Qt.Key.Key_Right)
    assert presenter.run.timer.current_index == index
    assert room.volume.value() > volume


def test_the_time_left_is_read_as_words_and_changes_are_announced(
    qtbot: QtBot,
    presenter: PresenterWindow,  # noqa: F811
    clocks: Clocks,  # noqa: F811
) -> None:
    ring = QAccessible.queryAccessibleInterface(presenter.ring)
    # WHEN the run starts THEN the start of the welcome is announced
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert presenter.announced == ["Now: Welcome, 10 min"]
    # AND the ring is read as "Time left", its value in words
    assert ring.text(QAccessible.Text.Name) == "Time left"
    assert ring.text(QAccessible.Text.Value) == "10 min left in Welcome"
    clocks.advance(29.5)
    presenter.tick()
    assert ring.text(QAccessible.Text.Value) == "9 min 31 s left in Welcome"
    # WHEN 2 minutes are left THEN the warning is announced
    clocks.advance(8 * 60 - 29.5)
    presenter.tick()
    assert presenter.announced[-1] == "2 min left in Welcome"
    # WHEN the time is up THEN overtime is announced, and the ring says how far over
    clocks.advance(2 * 60 + 65)
    presenter.tick()
    assert presenter.announced[-1] == "Time is up in Welcome: now over time"
    assert ring.text(QAccessible.Text.Value) == "1 min 5 s over in Welcome"
    # WHEN the facilitator moves on THEN the next segment is announced
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.announced[-1].startswith("Now: Slow breathing")


def test_spoken_time_reads_as_a_person_says_it() -> None:
    assert spoken_time(750, "Welcome") == "12 min 30 s left in Welcome"
    assert spoken_time(0.2, "Welcome") == "1 s left in Welcome"
    assert spoken_time(0, "Welcome") == "0 s left in Welcome"
    assert spoken_time(-61, "Close") == "1 min 1 s over in Close"
