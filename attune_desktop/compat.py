"""A guard against a PySide6 6.12 bug on Python 3.11: every call of a Qt method returning
void (setPen, setFont, save, scale...) takes one reference from `None` without giving it.

Shiboken 6.12 treats None as immortal, as it is from Python 3.12 on; on 3.11 None's count
(about 4,500 at start) reaches zero after a few thousand such calls and the interpreter
aborts ("none_dealloc: deallocating None"). One printed routine sheet makes hundreds of
those calls. Giving None a very large count makes it as good as immortal, as in 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_ENOUGH = 1 << 40  # a trillion leaked references before it could matter


def keep_none_alive() -> None:
    """Make None practically immortal on Python < 3.12 (a no-op on newer Pythons)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if sys.getrefcount(None) < _ENOUGH:
        ctypes.c_ssize_t.from_address(id(None)).value += _ENOUGH
