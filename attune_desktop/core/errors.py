"""Errors a user can be shown as they are: each message says what went wrong and what to do."""

from __future__ import annotations


class AttuneError(Exception):
    """Base for every error whose message is meant for the user."""


class ValidationError(AttuneError):
    """Input was refused; nothing was changed.

    `field` names the input at fault so a form can show the message beside it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(AttuneError):
    """The thing asked for does not exist (any more)."""


class StorageError(AttuneError):
    """The database could not be opened or written; the file was left as it was."""


class NewerSchemaError(StorageError):
    """The database was written by a newer Attune Desktop."""
