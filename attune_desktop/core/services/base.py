"""What every service shares: the database, and an announcement after each change."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from psygnal import Signal
from sqlmodel import SQLModel

from attune_desktop.core.errors import NotFoundError, ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.storage.database import Database


class ChangeKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RELOADED = "reloaded"  # many things changed at once (an import, a restore)


@dataclass(frozen=True)
class Change:
    """Announced after a write has been committed; views refresh from it."""

    entity: str  # "series", "session", "segment", "practice", ...
    kind: ChangeKind
    ids: tuple[int, ...] = ()
    parent_id: int | None = None  # e.g. the session a segment belongs to


Validator = Callable[[Any], Any]
RowT = TypeVar("RowT", bound=SQLModel)


class Service:
    """Base for services: holds the database and the `changed` signal."""

    changed = Signal(Change)

    def __init__(self, db: Database) -> None:
        self._db = db

    def _announce(
        self,
        entity: str,
        kind: ChangeKind,
        ids: tuple[int, ...] = (),
        parent_id: int | None = None,
    ) -> None:
        self.changed.emit(Change(entity, kind, ids, parent_id))


def clean_changes(
    changes: Mapping[str, Any], validators: Mapping[str, Validator]
) -> dict[str, Any]:
    """Validate every field before anything is written, so a bad field changes nothing."""
    unknown = sorted(set(changes) - set(validators))
    if unknown:
        raise ValidationError(
            unknown[0], _("'{unknown}' cannot be changed here.").format(unknown=unknown[0])
        )
    return {name: validators[name](value) for name, value in changes.items()}


def require(row: RowT | None, what: str, ident: int) -> RowT:
    if row is None:
        raise NotFoundError(
            _("No {what} with id {ident} exists (it may have been deleted).").format(
                what=what, ident=ident
            )
        )
    return row


def snapshot(row: SQLModel) -> dict[str, Any]:
    return row.model_dump()
