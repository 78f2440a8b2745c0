"""Printing needs what the screens' tests have: a themed Qt application (fonts) and a home."""

from __future__ import annotations

from tests.ui.conftest import (  # noqa: F401  (fixtures, shared)
    _themed_app,
    context,
    core,
    empty_context,
    empty_core,
    home,
)
