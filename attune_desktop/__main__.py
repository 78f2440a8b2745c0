"""`python -m attune_desktop` is the same as the `attune-desktop` command."""

from attune_desktop.cli import main

raise SystemExit(main())
