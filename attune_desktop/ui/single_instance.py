"""One window per home: a second launch on the same home hands over to the running window.

The first launch on a home takes a lock file in the home (`QLockFile`: a crashed owner's
stale lock is taken over) and listens on a local socket named after the home. A later launch
on the same home finds the lock held, connects, sends the files it was given (a bundle to
import, or none) and exits; the running window comes forward and imports them. A launch on
another home has another lock and another socket, so it opens normally.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # QtNetwork is imported when first needed: not before the window shows
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILENAME = ".window.lock"
CONNECT_TIMEOUT_MS = 1000
# A second launch may find the lock taken by a first one that is still starting up (its socket
# not listening yet); it keeps trying this long before it gives up with a message.
HAND_OVER_PATIENCE_MS = 10_000


def server_name(home: Path) -> str:
    """The local socket's name: the same for the same home (and user), short enough for
    Unix socket paths, and free of characters a Windows pipe name refuses."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment: the home alone decides
        user = ""
    key = f"{user}\0{Path(home).expanduser().resolve()}".encode()
    return "attune-desktop-" + hashlib.sha256(key).hexdigest()[:20]


def encode_message(files: list[str]) -> bytes:
    return json.dumps({"files": files}).encode() + b"\n"


def decode_message(data: bytes) -> list[str]:
    """The files a second launch handed over; anything malformed hands over nothing."""
    try:
        message = json.loads(data.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    files = message.get("files") if isinstance(message, dict) else None
    return [str(f) for f in files if isinstance(f, str)] if isinstance(files, list) else []


class SingleInstance(QObject):
    """The running window's side: owns the home's lock and answers later launches."""

    # the files a later launch was given (possibly none): come forward, then import them
    handed_over = Signal(list)

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = Path(home).expanduser().resolve()
        self.name = server_name(self.home)
        self._lock = QLockFile(str(self.home / LOCK_FILENAME))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never an old one
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the home for this process; False when another window already has it.

        Needs no QApplication; `listen()` follows once one exists (a later launch waits).
        """
        self.home.mkdir(parents=True, exist_ok=True)
        return self._lock.tryLock(0)

    def listen(self) -> None:
        """Answer later launches; call once the application (its event loop) exists."""
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file a crashed owner left behind
        if not server.listen(self.name):
            # The window still opens; a later launch just cannot find it.
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The server owns the socket; Qt deletes it once the other launch hangs up.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            self._answer(socket)  # the message may have come with the connection

    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._answer(socket)

    def _answer(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return  # the rest of the line is on its way
        files = decode_message(bytes(socket.readLine().data()))
        socket.write(b"ok\n")
        socket.flush()
        self.handed_over.emit(files)


def hand_over(home: Path, files: list[str], patience_ms: int = HAND_OVER_PATIENCE_MS) -> bool:
    """A later launch's side: give the running window on `home` these files (and the focus).

    True once the running window has said it got them; False if none answered in time.
    Works without a running event loop (blocking socket calls only).
    """
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(home)
    deadline = QDeadlineTimer(patience_ms)
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(encode_message(files))
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            answered = socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 3)
            ok = answered and bytes(socket.readAll().data()).startswith(b"ok")
            socket.abort()
            if ok:
                return True
        else:
            socket.abort()
        if deadline.hasExpired():
            return False
        QThread.msleep(100)  # no event loop here: a plain pause between tries


class _Importer(Protocol):
    def import_bundle_file(self, path: str | Path) -> bool: ...


class _Window(Protocol):
    """What the hand-over needs of the main window."""

    @property
    def series_view(self) -> _Importer: ...

    def show_page(self, key: str) -> None: ...


def bring_forward(window: QWidget, files: list[str]) -> None:
    """The running window comes to the front and imports what a later launch handed it."""
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()
    if files:
        target = cast(_Window, window)
        target.show_page("series")
        for path in files:
            target.series_view.import_bundle_file(path)
