"""The sync tests' fixtures live in tests/sync/orgdb.py (the UI's organisation tests share them)."""

from tests.sync.orgdb import memory_keyring, org

__all__ = ["memory_keyring", "org"]
