"""What a screen reader says for one cell of a table: its column, then its words.

Qt reads a cell by its `AccessibleTextRole`, else its displayed text. A row-wide summary on
every cell makes every cell of a row sound the same, and an empty cell (or one showing only a
picture) says nothing; these names keep each cell distinct and never silent.
"""

from __future__ import annotations

NOTHING = "none"


def cell_name(column: str, text: str) -> str:
    """'Minutes: 5'; an empty cell says 'none' rather than nothing."""
    words = text.strip() or NOTHING
    return f"{column}: {words}" if column else words
