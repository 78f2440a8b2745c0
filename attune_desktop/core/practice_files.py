"""Practices on their own, in a file: export one or several, import them elsewhere.

A practices file is JSON like a bundle's practice list, with its own format mark. Import takes
the same care as a template bundle (`core.bundle`'s reader and checker): a size limit, every
field checked before anything is written, then all of it in one transaction or nothing. A
practice that is already here word for word is recognised and not added twice; one that
shares a name but differs is added beside it, named "… (imported)".
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop import __version__
from attune_desktop.core.bundle import (
    BundleError,
    BundlePractice,
    atomic_write,
    bundle_bytes,
    check_keys,
    check_practices,
    check_version,
    decode_json,
    read_capped,
    slugify,
)
from attune_desktop.core.i18n import N_, _, ngettext
from attune_desktop.core.models import Practice
from attune_desktop.core.practice_fields import shared_fields

PRACTICES_FORMAT: Final = "attune-desktop.practices"
PRACTICES_VERSION: Final = 1
MAX_FILE_BYTES: Final = 2 * 1024 * 1024
MAX_PRACTICES_IN_FILE: Final = 500
IMPORTED_SUFFIX: Final = N_(" (imported)")


class PracticeFileError(BundleError):
    """A practices file was refused or could not be written; nothing was changed."""


@dataclass
class PracticeImport:
    """What an import did: names added, and names found already here."""

    added: list[str] = field(default_factory=list)
    already_here: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # added beside a different namesake
    added_ids: list[int] = field(default_factory=list)

    @property
    def message(self) -> str:
        parts: list[str] = []
        if self.added:
            count = len(self.added)
            added = ngettext("{count} practice added", "{count} practices added", count)
            parts.append(added.format(count=count))
        if self.already_here:
            count = len(self.already_here)
            here = ngettext(
                "{count} practice already here", "{count} practices already here", count
            )
            parts.append(here.format(count=count))
        if self.renamed:
            names = ", ".join(f"“{n}”" for n in self.renamed)
            parts.append(
                _("named “… (imported)” beside a different one of the same name: {names}").format(
                    names=names
                )
            )
        return ("; ".join(parts) or _("The file held no practices")) + "."


# --- export -----------------------------------------------------------------------------------


def export_practices(practices: Sequence[Practice]) -> dict[str, Any]:
    """The practices as a JSON-ready dict, in the order given."""
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for practice in practices:
        slug = practice.slug or slugify(practice.name)
        if slug.startswith("series-"):  # a name with no Latin letters: keep the hash, not "series"
            slug = "practice-" + slug.removeprefix("series-")
        while slug in seen:
            slug = f"{slug[:70]}-{len(seen)}"
        seen.add(slug)
        items.append({"slug": slug, **shared_fields(practice)})
    return {
        "format": PRACTICES_FORMAT,
        "version": PRACTICES_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "practices": items,
    }


def write_practices(practices: Sequence[Practice], out_path: str | os.PathLike[str]) -> Path:
    if not practices:
        raise PracticeFileError(_("Choose at least one practice to export."))
    data = bundle_bytes(export_practices(practices))
    return atomic_write(out_path, data, error=PracticeFileError)


# --- reading and checking ---------------------------------------------------------------------


def read_practices(path: str | os.PathLike[str]) -> tuple[BundlePractice, ...]:
    raw, name = read_capped(path, MAX_FILE_BYTES, error=PracticeFileError, too_big=_too_big)
    return parse_practices(raw, name=name)


def parse_practices(raw: bytes, *, name: str = "") -> tuple[BundlePractice, ...]:
    """Every practice in the file, checked; the first problem refuses the whole file."""
    name = name or _("The file")
    if len(raw) > MAX_FILE_BYTES:
        raise PracticeFileError(_too_big(name))
    data = decode_json(raw, name, error=PracticeFileError, what=_("a practices file"))
    if not isinstance(data, dict) or data.get("format") != PRACTICES_FORMAT:
        raise PracticeFileError(
            _(
                "{name} is not an Attune Desktop practices file (no “format” mark). A "
                "template bundle is imported with File → Import template bundle…"
            ).format(name=name)
        )
    check_version(
        data, name, newest=PRACTICES_VERSION, kind=_("practices file"), error=PracticeFileError
    )
    try:
        check_keys(data, "", {"format", "version", "practices"}, {"app_version", "exported_at"})
        practices = data["practices"]
        if isinstance(practices, list) and len(practices) > MAX_PRACTICES_IN_FILE:
            raise PracticeFileError(
                f"practices: a file holds at most {MAX_PRACTICES_IN_FILE} practices; "
                f"this one has {len(practices)}."
            )
        return check_practices(practices, "practices")
    except PracticeFileError:
        raise
    except BundleError as exc:
        raise PracticeFileError(str(exc).replace("a bundle can have", "a file can have")) from None


def _too_big(name: str) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return _(
        "{name} is larger than {limit} MB; a practices file is far smaller, so it was refused."
    ).format(name=name, limit=limit)


# --- import -----------------------------------------------------------------------------------


def import_practices(db: DbSession, items: Sequence[BundlePractice]) -> PracticeImport:
    """Add the checked practices; the caller's transaction holds all of them or none."""
    local = list(db.exec(select(Practice).order_by(col(Practice.id))))  # the same on any database
    by_content = {_content(shared_fields(p)): p for p in local}
    names = {p.name.casefold() for p in local}
    slugs = {p.slug for p in local if p.slug}
    report = PracticeImport()
    for item in items:
        fields = dict(item.fields)
        content = _content(_complete(fields))
        if content in by_content:
            report.already_here.append(str(fields["name"]))
            continue
        name = str(fields["name"])
        if name.casefold() in names:
            fields["name"] = _free_name(name, names)
            report.renamed.append(name)
        slug: str | None = item.key if item.key not in slugs else None
        practice = Practice(slug=slug, builtin=False, **fields)
        db.add(practice)
        db.flush()
        by_content[content] = practice
        names.add(str(fields["name"]).casefold())
        if slug:
            slugs.add(slug)
        report.added.append(str(fields["name"]))
        report.added_ids.append(practice.id or 0)
    return report


def _complete(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A file's practice with the fields it left out at their defaults, to compare with ours."""
    return shared_fields(Practice(**fields))


def _content(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted(fields.items()))


def _free_name(name: str, taken: set[str]) -> str:
    suffix = _(IMPORTED_SUFFIX)
    base = name[: 120 - len(suffix) - 3]
    candidate = base + suffix
    number = 2
    while candidate.casefold() in taken:
        candidate = _("{base} (imported {number})").format(base=base, number=number)
        number += 1
    return candidate
