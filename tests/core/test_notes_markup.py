"""The notes editor's B and I: format what is meant, never the list dash, toggle off again."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from attune_desktop.core.notes_markup import BOLD, ITALIC, toggle_marker


def test_a_selection_is_wrapped_and_stays_selected() -> None:
    done = toggle_marker("Breathe slowly", 8, 14, BOLD)
    assert done.text == "Breathe **slowly**"
    assert done.text[done.start : done.end] == "slowly"


def test_nothing_selected_bolds_the_word_under_the_cursor() -> None:
    done = toggle_marker("Breathe slowly now", 10, 10, BOLD)  # the cursor is in "slowly"
    assert done.text == "Breathe **slowly** now"
    assert "text" not in done.text


def test_between_words_opens_a_pair_to_type_into() -> None:
    done = toggle_marker("Breathe  now", 8, 8, BOLD)
    assert done.text == "Breathe **** now"
    assert (done.start, done.end) == (10, 10)  # typing goes between the markers


def test_a_list_line_keeps_its_dash_outside_the_bold() -> None:
    text = "Invite:\n- eyes open is fine\n- opt out freely"
    whole_line = text.index("- eyes")
    done = toggle_marker(text, whole_line, whole_line + len("- eyes open is fine"), BOLD)
    assert done.text == "Invite:\n- **eyes open is fine**\n- opt out freely"
    # several lines at once: each line's words, never the dashes
    done = toggle_marker(text, text.index("- eyes"), len(text), ITALIC)
    assert done.text == "Invite:\n- *eyes open is fine*\n- *opt out freely*"


def test_pressing_again_takes_the_formatting_off() -> None:
    bold = toggle_marker("Breathe slowly", 8, 14, BOLD)
    plain = toggle_marker(bold.text, bold.start, bold.end, BOLD)
    assert plain.text == "Breathe slowly"
    assert plain.text[plain.start : plain.end] == "slowly"
    # with the cursor in a bold word, B takes the bold off that word
    assert toggle_marker("a **calm** b", 5, 5, BOLD).text == "a calm b"


def test_italic_inside_bold_is_its_own_toggle() -> None:
    bold = toggle_marker("calm", 0, 4, BOLD)
    both = toggle_marker(bold.text, bold.start, bold.end, ITALIC)
    assert both.text == "***calm***"
    assert toggle_marker(both.text, 3, 7, ITALIC).text == "**calm**"
    assert toggle_marker(both.text, 3, 7, BOLD).text == "*calm*"


@given(st.text(alphabet="ab -*\n", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_toggling_twice_gives_the_text_back(text: str, a: int, b: int) -> None:
    once = toggle_marker(text, a, b, BOLD)
    if "*" in text or once.start == once.end:
        return  # existing stars or an opened pair: no promise of a round trip
    twice = toggle_marker(once.text, once.start, once.end, BOLD)
    assert twice.text == text
