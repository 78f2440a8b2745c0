"""The editors' form binding: filling the form is not an edit, and typed words save once."""

from __future__ import annotations

from PySide6.QtCore import QObject

from attune_desktop.ui.common.form_binding import FormBinding


def test_typing_saves_once_after_the_pause(qtbot) -> None:
    # GIVEN a form whose typed words are saved after a short pause
    saved: list[str] = []
    owner = QObject()
    form = FormBinding(owner, lambda: saved.append("saved"), interval=20)
    # WHEN the person types three keys in a burst
    for _ in range(3):
        form.typed()
    assert form.typing()
    # THEN one save follows the pause, and nothing is pending after it
    qtbot.waitUntil(lambda: saved == ["saved"], timeout=2000)
    assert not form.typing()


def test_filling_the_form_is_not_typing_and_flush_saves_only_what_is_pending(qtbot) -> None:
    saved: list[str] = []
    owner = QObject()
    form = FormBinding(owner, lambda: saved.append("saved"), interval=10_000)
    # GIVEN the form being filled from the model
    with form.filling():
        assert form.loading
        form.typed()  # a field's change signal while filling
    # THEN nothing is pending, and a flush saves nothing
    assert not form.loading and not form.typing()
    form.flush()
    assert saved == []
    # WHEN the person types and then moves to another row before the pause ends
    form.typed()
    form.flush()
    # THEN the words are saved at once, once
    assert saved == ["saved"]
    form.flush()
    assert saved == ["saved"]
