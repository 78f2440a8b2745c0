"""Where data lives and the settings the app knows about, declared once."""

from __future__ import annotations

import importlib.resources
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "AttuneDesktop"
APP_AUTHOR = "Attune"  # not-ui-text
HOME_ENV = "ATTUNE_HOME"
DATABASE_URL_ENV = "ATTUNE_DATABASE_URL"
DATABASE_FILENAME = "attune.sqlite3"


RESOURCES_ENV = "ATTUNE_RESOURCES"
PACKAGED_RESOURCES = "_resources"  # setup.py installs resources/ here


def resources_dir() -> Path:
    """Bundled resources: starter content, pictograms, fonts, sounds.

    `$ATTUNE_RESOURCES` first (development, a test's own set); then the copy installed inside
    the package (`attune_desktop/_resources`, from a wheel or a standalone build), found
    through importlib.resources; then, for an editable install from a checkout, the
    repository's top-level `resources/` folder that the packaging maps into the package.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    packaged = Path(str(importlib.resources.files("attune_desktop"))) / PACKAGED_RESOURCES
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `--home`, else $ATTUNE_HOME, else the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def resolve_database_url(explicit: str | None = None) -> str | None:
    """A database server to use instead of the home's own file: `--database-url`, else
    $ATTUNE_DATABASE_URL; None for the file (the usual case on a laptop)."""
    chosen = explicit if explicit is not None else os.environ.get(DATABASE_URL_ENV, "")
    return chosen.strip() or None


@dataclass(frozen=True)
class AppPaths:
    """Every file location derived from the home directory, in one place.

    `server_url` is a PostgreSQL database that holds the data instead of the home's file (an
    organiser's office machine); the home folder still keeps settings, photos and logs.
    """

    home: Path
    server_url: str | None = None

    @property
    def database(self) -> Path:
        return self.home / DATABASE_FILENAME

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def photos(self) -> Path:
        return self.home / "photos"

    @property
    def settings_file(self) -> Path:
        return self.home / "settings.ini"

    @property
    def database_url(self) -> str:
        return self.server_url or f"sqlite:///{self.database}"


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    description: str


# The one table of user settings; the UI reads and writes them only through
# ui.common.settings.Settings (an INI file in the home); tests get a fresh home and settings.
DEFAULT_SETTINGS: tuple[Setting, ...] = (  # not-ui-text: notes for developers
    Setting("ui/last_page", "series", "Sidebar page shown at the last exit"),
    Setting("ui/geometry", b"", "The window's place and size at the last exit (Qt's bytes)"),
    Setting("ui/theme", "system", "Colours: system (light or dark), light, dark or high-contrast"),
    Setting("run/warning_minutes", 2, "Minutes before a segment ends when the warning shows"),
    Setting("run/chime_volume", 0.6, "Chime volume, 0 to 1"),
    Setting("run/muted", False, "Chimes muted"),
    Setting("run/projector_digits", False, "Show remaining minutes on the projector"),
    Setting("run/warning_chime", True, "A soft chime with the warning (it always shows)"),
    Setting("run/interval_minutes", 1, "Minutes between soft bells inside a practice; 0 for none"),
    Setting("run/projector_screen", "", "Screen the projector view goes full-screen on"),
    Setting("pacer/reduced_motion", "system", "Still pacer prompt: system, on or off"),
    Setting("pacer/numbers", True, "Numbers on the breathing pacer"),
    Setting("pacer/language", "en", "Language of the pacer's words: en, es, fr, ar, uk or zh"),
    Setting("checkin/min_responses", 5, "Fewest responses before a round's results show"),
    Setting("checkins/language", "en", "Language a new check-in round opens in (the last used)"),
    Setting("print/paper", "a4", "a4 or letter"),
    Setting("ui/language", "system", "The facilitator's language: system, en, es or ar"),
)
