"""The organisation dialogs' tests use the sync tests' real PostgreSQL fixtures."""

from tests.sync.orgdb import memory_keyring, org

__all__ = ["memory_keyring", "org"]
