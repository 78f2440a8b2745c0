"""The room bar's choices in the presenter: projector on or off, its screen, digits, chimes.

A part of `PresenterWindow`; each choice is kept in the run settings for the next session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from attune_desktop.core.services.runs import LiveRun
    from attune_desktop.ui.run.chimes import ChimePlayer
    from attune_desktop.ui.run.projector import ProjectorWindow
    from attune_desktop.ui.run.room_bar import RoomBar
    from attune_desktop.ui.run.run_settings import RunSettings
    from attune_desktop.ui.shell import UiContext

    _Widget = QWidget
else:
    _Widget = object


class PresenterRoom(_Widget):
    """The room bar's slots, mixed into `PresenterWindow` (which sets these attributes)."""

    _context: UiContext
    run: LiveRun
    settings: RunSettings
    chimes: ChimePlayer
    projector: ProjectorWindow
    room_bar: RoomBar
    _closing: bool

    if TYPE_CHECKING:

        def _show_room(self) -> None: ...  # PresenterDrawing's

    def _on_projector_toggled(self, on: bool) -> None:
        if on:
            self.projector.place(self.settings.projector_screen or None)
            self._show_room()
        else:
            self.projector.hide()
        if not self._closing:
            self.run.set_projector_open(on)

    def _on_screen_chosen(self, name: str) -> None:
        self.settings.projector_screen = name
        self.settings.save(self._context.settings)
        if self.projector.isVisible():
            self.projector.place(name)

    def _on_digits_toggled(self, on: bool) -> None:
        self.settings.projector_digits = on
        self.settings.save(self._context.settings)
        self.projector.show_digits = on
        self._show_room()

    def _on_muted(self, muted: bool) -> None:
        self.settings.muted = muted
        self.chimes.set_muted(muted)
        self.settings.save(self._context.settings)

    def _on_volume(self, volume: float) -> None:
        self.settings.volume = volume
        self.chimes.set_volume(volume)
        self.settings.save(self._context.settings)

    def show_projector(self) -> None:
        self.room_bar.projector.setChecked(True)
