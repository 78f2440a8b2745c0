"""The standalone build's entry point (PyInstaller): the same as the `attune-desktop` command."""

import sys

from attune_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
