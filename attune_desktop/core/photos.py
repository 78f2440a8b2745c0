"""A family's own photos for steps: checked, then copied into the home's photos folder.

Only the common picture formats are taken, recognised by their first bytes (not the file
name), and nothing larger than MAX_PHOTO_BYTES; a step then stores "photo:<file name>".
Whether the picture inside decodes is found out when it is drawn: a broken one prints as
an empty frame, never a crash.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from attune_desktop.core.errors import ValidationError
from attune_desktop.core.i18n import _

MAX_PHOTO_BYTES = 25 * 1024 * 1024
PHOTO_PREFIX = "photo:"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"BM", ".bmp"),
)


def photo_kind(head: bytes) -> str | None:
    """The file extension for a picture's first bytes, or None when it is not one we take."""
    for signature, extension in _SIGNATURES:
        if head.startswith(signature):
            return extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return None


def import_photo(source: str | Path, photos_dir: Path) -> str:
    """Copy a photo into the photos folder; returns the step's picture value."""
    path = Path(source).expanduser()
    name = path.name
    if not path.is_file():
        raise ValidationError(
            "picture", _("There is no file called {name} there.").format(name=name)
        )
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(
            "picture", _("{name} is empty; choose another photo.").format(name=name)
        )
    if size > MAX_PHOTO_BYTES:
        megabytes, most = size / 1_048_576, MAX_PHOTO_BYTES // 1_048_576
        raise ValidationError(
            "picture",
            _(
                "{name} is {megabytes:.0f} MB; photos up to {most} MB fit. Make it smaller first."
            ).format(name=name, megabytes=megabytes, most=most),
        )
    with path.open("rb") as handle:
        head = handle.read(16)
    extension = photo_kind(head)
    if extension is None:
        raise ValidationError(
            "picture",
            _(
                "{name} is not a photo this app can print: use a JPEG, PNG, GIF, BMP or WebP file."
            ).format(name=name),
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    photos_dir.mkdir(parents=True, exist_ok=True)
    target = photos_dir / f"{digest}{extension}"
    if not target.exists():
        temp = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(path, temp)
        temp.replace(target)
    return PHOTO_PREFIX + target.name


def photo_path(photos_dir: Path, picture: str) -> Path | None:
    """Where a step's photo lives, or None when the picture is not a photo."""
    if not picture.startswith(PHOTO_PREFIX):
        return None
    return photos_dir / Path(picture.removeprefix(PHOTO_PREFIX)).name
