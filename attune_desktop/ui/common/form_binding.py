"""What every editor form shares: a loading flag, a typing pause, and a commit when leaving.

An editor fills its fields from the model inside `with binding.filling():`, so the fields'
change signals save nothing and start no pause. Typing calls `typed()`; the typed words are
saved once the person pauses (`save_typed`), or at once by `flush()` when they move to another
row, print or run, so nothing typed is lost and a pause mid-word never saves half a word twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

TYPING_PAUSE_MS = 600  # typed words are saved this long after the last key


class FormBinding(QObject):
    """The loading flag and typing pause of one editor form."""

    def __init__(
        self, owner: QObject, save_typed: Callable[[], None], interval: int = TYPING_PAUSE_MS
    ) -> None:
        super().__init__(owner)
        self.loading = False
        self._save_typed = save_typed
        self._pause = QTimer(self, singleShot=True, interval=interval)
        self._pause.timeout.connect(save_typed)

    @contextmanager
    def filling(self) -> Iterator[None]:
        """Fill the form from the model: nothing said by the fields meanwhile is an edit."""
        self.loading = True
        try:
            yield
        finally:
            self.loading = False

    def typed(self) -> None:
        if not self.loading:
            self._pause.start()

    def typing(self) -> bool:
        """Words typed and not saved yet (a pause that has just ended is not typing)."""
        return self._pause.isActive()

    def stop(self) -> None:
        self._pause.stop()

    def flush(self) -> None:
        """Save what is being typed now, if anything is."""
        if self._pause.isActive():
            self._pause.stop()
            self._save_typed()

    def show_line(self, edit: QLineEdit, value: str, *, same_row: bool) -> None:
        """Show the row's `value` in `edit`, unless this is the row being typed into.

        Words the person is typing (or has typed, still to save) stay under their cursor;
        another row, or a line nobody is in, shows the stored value from its beginning.
        """
        typing = self.typing() or " ".join(edit.text().split()) == value
        if not (same_row and edit.hasFocus() and typing):
            edit.setText(value)
            edit.home(False)  # a long value shows its beginning
