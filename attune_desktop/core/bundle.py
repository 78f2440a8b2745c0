"""Template bundles: a series' curriculum as a versioned JSON file, to share with other circles.

A bundle carries what another facilitator can reuse — each week's theme and agenda, and the
practices those agendas use — and nothing that happened or is private: no dates, venue or
facilitators, no attendance, check-in counts, preparation notes, follow-up notes or families.
Segment notes (the facilitator's scripts) stay out too unless the sharer asks for them
(`include_notes`), since a script can hold something meant for one group only.
The exporter only reads those fields, so nothing else can leak into the file.

Import is careful because a bundle comes from elsewhere: the file is read with a size limit,
every field is checked (types, lengths, ranges, known practices) before anything is written,
and then everything is written in one transaction, so a bad bundle changes nothing. Importing
the same bundle twice finds the first import (by slug and content) and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from attune_desktop import __version__
from attune_desktop.core import validation as v
from attune_desktop.core.errors import AttuneError, NotFoundError, ValidationError
from attune_desktop.core.i18n import _
from attune_desktop.core.models import Practice, Segment, Series, Session
from attune_desktop.core.practice_fields import PRACTICE_FIELDS, SHARED_FIELDS, shared_fields
from attune_desktop.core.series_dates import next_on_weekday
from attune_desktop.core.services.queries import ordered_segments, sessions_by_week
from attune_desktop.core.services.sessions import SEGMENT_FIELDS

BUNDLE_FORMAT: Final = "attune-desktop.series-template"
BUNDLE_VERSION: Final = 1
MAX_BUNDLE_BYTES: Final = 5 * 1024 * 1024
MAX_WEEKS: Final = 52
MAX_SEGMENTS: Final = 200
MAX_PRACTICES: Final = 500
TEMPLATE_EPOCH: Final = dt.date(2000, 1, 3)


class BundleError(AttuneError):
    """A bundle was refused or could not be written; nothing was changed."""


# --- the validated shape of a bundle ----------------------------------------------------------


@dataclass(frozen=True)
class BundlePractice:
    key: str  # the practice's slug in the bundle; segments refer to it
    fields: Mapping[str, Any]  # clean PRACTICE_FIELDS values


@dataclass(frozen=True)
class BundleSegment:
    fields: Mapping[str, Any]  # clean SEGMENT_FIELDS values, without practice_id
    practice: str | None


@dataclass(frozen=True)
class BundleWeek:
    week: int
    theme: str
    target_minutes: int
    segments: tuple[BundleSegment, ...]


@dataclass(frozen=True)
class Bundle:
    slug: str
    title: str
    weekday: int
    start_time: dt.time
    session_minutes: int
    weeks: tuple[BundleWeek, ...]
    practices: tuple[BundlePractice, ...]

    @property
    def content_key(self) -> str:
        """A short hash of the curriculum, so the same bundle is recognised when seen again."""
        return _content_hash(_curriculum(self.title, self.weeks_as_rows()))

    def weeks_as_rows(self) -> list[tuple[str, int, list[tuple[Any, ...]]]]:
        return [
            (w.theme, w.target_minutes, [_segment_row(s.fields) for s in w.segments])
            for w in self.weeks
        ]


@dataclass(frozen=True)
class ImportResult:
    series_id: int
    title: str
    created: bool
    practices_added: int

    @property
    def message(self) -> str:
        if not self.created:
            return _("“{title}” is already here; nothing was added.").format(title=self.title)
        extra = (
            _(" and {practices_added} new practices").format(practices_added=self.practices_added)
            if self.practices_added
            else ""
        )
        return _("Imported the template “{title}”{extra}.").format(title=self.title, extra=extra)


# --- export -----------------------------------------------------------------------------------


def export_bundle(db: DbSession, series_id: int, *, include_notes: bool = False) -> dict[str, Any]:
    """The bundle for a series (dated or template) as a JSON-ready dict.

    Segment notes (scripts) are left out unless `include_notes`: private by default.
    """
    series = db.get(Series, series_id)
    if series is None:
        raise NotFoundError(
            _("No series with id {series_id} exists (it may have been deleted).").format(
                series_id=series_id
            )
        )
    sessions = sessions_by_week(db, series_id)
    used: dict[int, Practice] = {}
    weeks: list[dict[str, Any]] = []
    for number, session in enumerate(sessions, start=1):
        segments: list[dict[str, Any]] = []
        for segment in ordered_segments(db, session.id or 0):
            practice = db.get(Practice, segment.practice_id) if segment.practice_id else None
            if practice is not None and practice.id is not None:
                used[practice.id] = practice
            segments.append(
                {
                    "kind": segment.kind,
                    "title": segment.title,
                    "minutes": segment.planned_minutes,
                    "fixed": segment.fixed,
                    "notes": segment.notes if include_notes else "",
                    "materials": segment.materials,
                    "practice": _practice_key(practice) if practice else None,
                }
            )
        weeks.append(
            {
                "week": number,
                "theme": session.title,
                "target_minutes": session.target_minutes,
                "segments": segments,
            }
        )
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "app_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "series": {
            "slug": series.slug or slugify(series.title),
            "title": series.title,
            "weekday": series.weekday,
            "start_time": series.start_time.strftime("%H:%M"),
            "session_minutes": series.session_minutes,
            "weeks": weeks,
        },
        "practices": [_practice_dict(p) for p in sorted(used.values(), key=_practice_key)],
    }


def bundle_bytes(data: Mapping[str, Any]) -> bytes:
    """Readable, stable JSON (UTF-8, keys in a fixed order) so bundles diff and hash well."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_bundle(
    db: DbSession,
    series_id: int,
    out_path: str | os.PathLike[str],
    *,
    include_notes: bool = False,
) -> Path:
    data = bundle_bytes(export_bundle(db, series_id, include_notes=include_notes))
    return atomic_write(out_path, data, error=BundleError)


def _practice_key(practice: Practice) -> str:
    return practice.slug or slugify(practice.name) or f"practice-{practice.id}"


def _practice_dict(practice: Practice) -> dict[str, Any]:
    """A practice as a bundle carries it. The pacer's own words, counting and tones go only
    when set, so a bundle of plain practices still opens in an older Attune Desktop."""
    fields = shared_fields(practice)
    for name, default in (("phase_words", ""), ("counting", "natural"), ("breath_tones", False)):
        if fields[name] == default:
            del fields[name]
    return {"slug": _practice_key(practice), **fields}


# --- reading and checking ---------------------------------------------------------------------


def read_bundle(path: str | os.PathLike[str]) -> Bundle:
    """Read and check a bundle file, reading at most the size limit (plus one byte)."""
    raw, name = read_capped(path, MAX_BUNDLE_BYTES, error=BundleError, too_big=_too_big)
    return parse_bundle(raw, name=name)


def read_capped(
    path: str | os.PathLike[str],
    limit: int,
    *,
    error: type[AttuneError],
    too_big: Callable[[str], str],
) -> tuple[bytes, str]:
    """A file from elsewhere, read only if it is a regular file and no larger than `limit`.

    Returns the bytes and the file's name for messages; every problem is `error`.
    """
    source = Path(path).expanduser()
    name = source.name or str(source)
    try:
        info = source.stat()
        if not stat.S_ISREG(info.st_mode):
            raise error(_("{name} is not a file; choose a .json file.").format(name=name))
        if info.st_size > limit:
            raise error(too_big(name))
        with source.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(_("{source} does not exist.").format(source=source)) from None
    except PermissionError:
        raise error(
            _("{source} could not be read: permission denied.").format(source=source)
        ) from None
    except OSError as exc:
        raise error(
            _("{source} could not be read: {strerror}.").format(
                source=source, strerror=exc.strerror or exc
            )
        ) from None
    if len(raw) > limit:
        raise error(too_big(name))
    return raw, name


def decode_json(raw: bytes, name: str, *, error: type[AttuneError], what: str) -> Any:
    """UTF-8 JSON from elsewhere, or `error` saying plainly why it cannot be `what`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(
            _("{name} is not a text file (UTF-8 JSON); it cannot be {what}.").format(
                name=name, what=what
            )
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            _("{name} is not valid JSON (line {lineno}, column {colno}: {msg}).").format(
                name=name, lineno=exc.lineno, colno=exc.colno, msg=exc.msg
            )
        ) from None
    except RecursionError:
        raise error(
            _("{name} is nested too deeply to be {what}.").format(name=name, what=what)
        ) from None


def check_version(
    data: Mapping[str, Any], name: str, *, newest: int, kind: str, error: type[AttuneError]
) -> None:
    """Refuse a file with no valid format version, or one made by a newer Attune Desktop."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise error(_("{name} has no valid format version; it cannot be read.").format(name=name))
    if version > newest:
        raise error(
            _(
                "{name} was made by a newer Attune Desktop ({kind} version {version}); "
                "this one reads version {newest}. Update Attune Desktop to import it."
            ).format(name=name, kind=kind, version=version, newest=newest)
        )


def parse_bundle(raw: bytes, *, name: str = "") -> Bundle:
    """Check every part of a bundle and return it clean; the first problem is refused."""
    name = name or _("The bundle")
    if len(raw) > MAX_BUNDLE_BYTES:
        raise BundleError(_too_big(name))
    data = decode_json(raw, name, error=BundleError, what=_("a bundle"))
    if not isinstance(data, dict):
        raise BundleError(
            _("{name} is JSON, but not an Attune Desktop template bundle.").format(name=name)
        )
    if data.get("format") != BUNDLE_FORMAT:
        raise BundleError(
            _("{name} is not an Attune Desktop template bundle (no “format” mark).").format(
                name=name
            )
        )
    check_version(data, name, newest=BUNDLE_VERSION, kind=_("bundle"), error=BundleError)
    return _Checker().bundle(data)


def _too_big(name: str) -> str:
    limit = MAX_BUNDLE_BYTES // (1024 * 1024)
    return _(
        "{name} is larger than {limit} MB; a template bundle is far smaller, so it was refused."
    ).format(name=name, limit=limit)


def check_practices(value: Any, path: str) -> tuple[BundlePractice, ...]:
    """Check a list of practices from elsewhere as a bundle's are checked (a practices file
    uses this too); the first problem is refused with its exact place."""
    return _Checker()._practices(value, path)


def check_keys(value: Any, where: str, required: set[str], optional: set[str]) -> None:
    """An object with these required keys and no others, or a BundleError naming the field."""
    _Checker._keys(value, where, required, optional)


class _Checker:
    """Walks the JSON with a path, so each message names the exact field at fault."""

    def bundle(self, data: dict[str, Any]) -> Bundle:
        self._keys(
            data, "", {"format", "version", "series"}, {"app_version", "exported_at", "practices"}
        )
        practices = self._practices(data.get("practices", []), "practices")
        series = data["series"]
        self._keys(
            series,
            "series",
            {"slug", "title", "weeks"},
            {"weekday", "start_time", "session_minutes"},
        )
        title = self._field(series, "series", "title", str, lambda x: v.required_text(x, "title"))
        slug = self._field(series, "series", "slug", str, _slug)
        weekday = self._field(
            series,
            "series",
            "weekday",
            int,
            lambda x: v.whole_number(x, "weekday", low=0, high=6),
            0,
        )
        start = self._field(series, "series", "start_time", str, v.clock_time, "18:00")
        minutes = self._field(series, "series", "session_minutes", int, v.session_minutes, 120)
        weeks = self._list(series["weeks"], "series.weeks", 1, MAX_WEEKS, "weeks")
        known = {p.key for p in practices}
        clean_weeks = tuple(
            self._week(item, f"series.weeks[{i}]", i + 1, known)  # not-ui-text: a JSON path
            for i, item in enumerate(weeks)
        )
        return Bundle(slug, title, weekday, start, minutes, clean_weeks, practices)

    def _practices(self, value: Any, path: str) -> tuple[BundlePractice, ...]:
        items = self._list(value, path, 0, MAX_PRACTICES, "practices")
        found: list[BundlePractice] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            optional = set(SHARED_FIELDS) - {"name"}
            self._keys(item, where, {"slug", "name"}, optional)
            key = self._field(item, where, "slug", str, _slug)
            if key in seen:
                raise BundleError(
                    _("{where}.slug: the practice “{key}” is listed twice.").format(
                        where=where, key=key
                    )
                )
            seen.add(key)
            clean: dict[str, Any] = {
                "name": self._field(item, where, "name", str, PRACTICE_FIELDS["name"])
            }
            for name in sorted(optional & set(item)):
                kind = SHARED_FIELDS[name]
                clean[name] = self._field(item, where, name, kind, PRACTICE_FIELDS[name])
            found.append(BundlePractice(key, clean))
        return tuple(found)

    def _week(self, item: Any, where: str, number: int, known: set[str]) -> BundleWeek:
        self._keys(item, where, {"theme", "segments"}, {"week", "target_minutes"})
        week = self._field(item, where, "week", int, lambda x: x, number)
        if week != number:
            raise BundleError(
                _("{where}.week: week {week} is out of order; expected {number}.").format(
                    where=where, week=week, number=number
                )
            )
        theme = self._field(item, where, "theme", str, lambda x: v.required_text(x, "theme"))
        target = self._field(item, where, "target_minutes", int, v.session_minutes, 120)
        items = self._list(item["segments"], f"{where}.segments", 0, MAX_SEGMENTS, "segments")
        segments = tuple(
            self._segment(seg, f"{where}.segments[{i}]", known)  # not-ui-text: a JSON path
            for i, seg in enumerate(items)
        )
        return BundleWeek(week, theme, target, segments)

    def _segment(self, item: Any, where: str, known: set[str]) -> BundleSegment:
        self._keys(
            item, where, {"kind", "title", "minutes"}, {"fixed", "notes", "materials", "practice"}
        )
        clean = {
            "kind": self._field(item, where, "kind", str, SEGMENT_FIELDS["kind"]),
            "title": self._field(item, where, "title", str, SEGMENT_FIELDS["title"]),
            "planned_minutes": self._field(
                item, where, "minutes", int, SEGMENT_FIELDS["planned_minutes"]
            ),
            "fixed": self._field(item, where, "fixed", bool, bool, False),
            "notes": self._field(item, where, "notes", str, SEGMENT_FIELDS["notes"], ""),
            "materials": self._field(
                item, where, "materials", str, SEGMENT_FIELDS["materials"], ""
            ),
        }
        practice = item.get("practice")
        if practice is not None:
            if not isinstance(practice, str):
                raise BundleError(
                    _("{where}.practice: must be a practice's slug (text) or null.").format(
                        where=where
                    )
                )
            if practice not in known:
                raise BundleError(
                    _("{where}.practice: “{practice}” is not among the bundle's practices.").format(
                        where=where, practice=practice[:80]
                    )
                )
        return BundleSegment(clean, practice)

    # -- small checks --------------------------------------------------------------------------

    @staticmethod
    def _keys(value: Any, where: str, required: set[str], optional: set[str]) -> None:
        label = where or _("the bundle")
        if not isinstance(value, dict):
            raise BundleError(
                _("{label}: must be an object ({{…}}), not {type_name}.").format(
                    label=label, type_name=_type_name(value)
                )
            )
        missing = sorted(required - set(value))
        if missing:
            raise BundleError(
                _("{label}: the field “{missing}” is missing.").format(
                    label=label, missing=missing[0]
                )
            )
        unknown = sorted(set(value) - required - optional)
        if unknown:
            raise BundleError(
                _("{label}: “{unknown}” is not a field a bundle can have.").format(
                    label=label, unknown=unknown[0][:60]
                )
            )

    @staticmethod
    def _list(value: Any, where: str, low: int, high: int, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise BundleError(
                _("{where}: must be a list ([…]), not {type_name}.").format(
                    where=where, type_name=_type_name(value)
                )
            )
        if not low <= len(value) <= high:
            raise BundleError(
                f"{where}: a bundle holds {low} to {high} {what}; this one has {len(value)}."
            )
        return value

    @staticmethod
    def _field(
        item: Mapping[str, Any],
        where: str,
        name: str,
        kind: type,
        check: Callable[[Any], Any],
        default: Any = ...,
    ) -> Any:
        path = f"{where}.{name}" if where else name
        if name not in item:
            if default is ...:
                raise BundleError(
                    _("{where}: the field “{name}” is missing.").format(where=where, name=name)
                )
            value = default
        else:
            value = item[name]
            wrong = isinstance(value, bool) and kind is not bool
            if wrong or not isinstance(value, kind):
                raise BundleError(
                    _("{path}: must be {type_name_of}, not {type_name}.").format(
                        path=path, type_name_of=_type_name_of(kind), type_name=_type_name(value)
                    )
                )
        try:
            return check(value)
        except ValidationError as exc:
            raise BundleError(f"{path}: {exc.message}") from None


def _slug(value: object) -> str:
    text = v.required_text(value, "slug", max_len=80)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", text):
        raise ValidationError(
            "slug", _("a slug uses only a–z, 0–9 and . _ - (for example “attunement-basics”).")
        )
    return text


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return _("the text “{shown}”").format(shown=shown)
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def _type_name_of(kind: type) -> str:
    return {int: _("a whole number"), str: _("text"), bool: _("true or false")}.get(
        kind, kind.__name__
    )


# --- import -----------------------------------------------------------------------------------


def import_bundle(db: DbSession, bundle: Bundle) -> ImportResult:
    """Write a checked bundle as a curriculum template; the caller's transaction holds it all.

    The same bundle imported twice is found by its slug and content and not added again. A
    different curriculum under a slug already taken gets the slug plus its content hash.
    """
    existing = _already_here(db, bundle)
    if existing is not None:
        return ImportResult(existing.id or 0, existing.title, False, 0)
    slug = bundle.slug
    if db.exec(select(Series).where(Series.slug == slug)).first() is not None:
        slug = f"{bundle.slug[:70]}-{bundle.content_key[:8]}"
    practices, added = _match_practices(db, bundle.practices)
    series = Series(
        title=bundle.title,
        weekday=bundle.weekday,
        start_time=bundle.start_time,
        first_date=next_on_weekday(TEMPLATE_EPOCH, bundle.weekday),
        weeks=len(bundle.weeks),
        session_minutes=bundle.session_minutes,
        is_template=True,
        slug=slug,
    )
    db.add(series)
    db.flush()
    assert series.id is not None
    for week in bundle.weeks:
        session = Session(
            series_id=series.id,
            week=week.week,
            title=week.theme,
            start_time=bundle.start_time,
            target_minutes=week.target_minutes,
            is_template=True,
        )
        db.add(session)
        db.flush()
        assert session.id is not None
        for position, segment in enumerate(week.segments):
            practice = practices.get(segment.practice) if segment.practice else None
            db.add(
                Segment(
                    session_id=session.id,
                    position=position,
                    practice_id=practice.id if practice else None,
                    **segment.fields,
                )
            )
    db.flush()
    return ImportResult(series.id, series.title, True, added)


def _already_here(db: DbSession, bundle: Bundle) -> Series | None:
    key = bundle.content_key
    for slug in (bundle.slug, f"{bundle.slug[:70]}-{key[:8]}"):
        found = db.exec(select(Series).where(Series.slug == slug)).first()
        if found is not None and found.id is not None and _stored_key(db, found) == key:
            return found
    return None


def _stored_key(db: DbSession, series: Series) -> str:
    rows = []
    for session in sessions_by_week(db, series.id or 0):
        segments = [_segment_row(s.model_dump()) for s in ordered_segments(db, session.id or 0)]
        rows.append((session.title, session.target_minutes, segments))
    return _content_hash(_curriculum(series.title, rows))


def _match_practices(
    db: DbSession, items: Sequence[BundlePractice]
) -> tuple[dict[str, Practice], int]:
    """Each bundle practice as a local one: same slug, else same name, else added new."""
    # In id order on every database: of two practices with one name, the newer is matched.
    local = list(db.exec(select(Practice).order_by(col(Practice.id))))
    by_slug = {p.slug: p for p in local if p.slug}
    by_name = {p.name.casefold(): p for p in local}
    matched: dict[str, Practice] = {}
    added = 0
    for item in items:
        name = str(item.fields["name"])
        found = by_slug.get(item.key) or by_name.get(name.casefold())
        if found is None:
            found = Practice(slug=item.key, builtin=False, **item.fields)
            db.add(found)
            db.flush()
            by_slug[item.key] = found
            by_name[name.casefold()] = found
            added += 1
        matched[item.key] = found
    return matched, added


def _curriculum(title: str, weeks: list[tuple[str, int, list[tuple[Any, ...]]]]) -> Any:
    return {"title": title, "weeks": weeks}


def _segment_row(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    """The parts of a segment that make it the same agenda item (practice links aside)."""
    names = ("kind", "title", "planned_minutes", "fixed", "notes", "materials")
    return tuple(fields.get(name) for name in names)


def _content_hash(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- shared helpers ---------------------------------------------------------------------------


def slugify(text: str) -> str:
    """'Attunement basics!' -> 'attunement-basics'; text with no Latin letters gets a hash."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60]
    if slug:
        return slug
    return "series-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def atomic_write(
    out_path: str | os.PathLike[str],
    data: bytes,
    *,
    error: type[AttuneError] = AttuneError,
) -> Path:
    """Write a file so that a reader never sees half of it, and a failure keeps the old one."""
    out = Path(out_path).expanduser().absolute()
    if out.is_dir():
        raise error(_("Could not write {out}: that is a folder; give a file name.").format(out=out))
    if not out.parent.is_dir():
        raise error(
            _("Could not write {out}: the folder {parent} does not exist.").format(
                out=out, parent=out.parent
            )
        )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise error(
            _("Could not write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
        ) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(out.stat().st_mode & 0o777 if out.exists() else 0o644)
        os.replace(temp, out)
    except OSError as exc:
        raise error(
            _("Could not write {out}: {strerror}.").format(out=out, strerror=exc.strerror or exc)
        ) from exc
    finally:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
    return out
