"""A keyring backend for the sync tests' subprocesses: secrets encrypted (Fernet) in one file.

The test machine has no desktop keyring (no Secret Service daemon), and each `attune-desktop`
command is a separate process, so keyring's own in-process stores would forget a password
between `org join` and `org sync`. This backend keeps them encrypted with a key held only in the
test's environment (ATTUNE_TEST_KEYRING_KEY), in ATTUNE_TEST_KEYRING_FILE; it is selected with
PYTHON_KEYRING_BACKEND=tests.sync.keyring_backend.EncryptedTestKeyring. Never used by the app.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.fernet import Fernet
from keyring.backend import KeyringBackend


class EncryptedTestKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _load(self) -> tuple[Fernet, Path, dict[str, str]]:
        box = Fernet(os.environ["ATTUNE_TEST_KEYRING_KEY"].encode())
        path = Path(os.environ["ATTUNE_TEST_KEYRING_FILE"])
        data: dict[str, str] = {}
        if path.exists():
            data = json.loads(box.decrypt(path.read_bytes()))
        return box, path, data

    def get_password(self, service: str, username: str) -> str | None:
        return self._load()[2].get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        box, path, data = self._load()
        data[f"{service}\x00{username}"] = password
        path.write_bytes(box.encrypt(json.dumps(data).encode()))

    def delete_password(self, service: str, username: str) -> None:
        box, path, data = self._load()
        data.pop(f"{service}\x00{username}", None)
        path.write_bytes(box.encrypt(json.dumps(data).encode()))


class MemoryKeyring(KeyringBackend):
    """In-process only, for tests that join inside the test process (set with set_keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)
