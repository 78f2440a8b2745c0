"""The take-home card "what we practised today", read back from the PDF a family keeps."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from attune_desktop import cli
from attune_desktop.core.container import Core
from attune_desktop.core.errors import AttuneError
from attune_desktop.core.sheet_words import LANGUAGE_CODES, take_home_words
from attune_desktop.printing.jobs import make_pdf

A4 = (595, 842)
LETTER = (612, 792)
PRIVATE = ("NOTE-4F", "SCRIPT-7H", "CARE-2J", "PREP-9Q", "MATERIAL-3X")


def pdf_text(path: Path) -> str:
    """pdftotext's text with Arabic presentation forms folded back (NFKC), marks dropped."""
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = unicodedata.normalize("NFKC", raw)
    return " ".join("".join(c for c in text if c not in "\u202a\u202b\u202c\u202e\u200f").split())


def bare(text: str) -> str:
    """Without combining marks (Arabic vowel signs), as a search compares words."""
    return "".join(c for c in text if not unicodedata.combining(c))


def session_with_practices(core: Core) -> int:
    """A session with a paced practice, an unpaced one, and private notes everywhere."""
    paced = core.practices.create_practice(
        "Box breathing",
        kind="breathing",
        pacing="in 4, hold 4, out 4, hold 4",
        script="SCRIPT-7H breathe in a square",
        care_notes="CARE-2J asthma: skip the holds",
    )
    unpaced = core.practices.create_practice("Hand on heart", kind="self_holding")
    session = core.sessions.create_session(
        "Calm first, then connect", date=dt.date(2026, 12, 15), prep_notes="PREP-9Q urn"
    )
    sid = session.id or 0
    core.sessions.add_segment(sid, kind="welcome", notes="NOTE-4F greet", materials="MATERIAL-3X")
    core.sessions.add_practice_segment(sid, paced.id or 0)
    core.sessions.add_practice_segment(sid, unpaced.id or 0)
    return sid


def test_the_card_in_english_has_the_practices_their_breath_and_the_invitation(
    empty_core: Core, tmp_path: Path
) -> None:
    # GIVEN a session with two practices WHEN its take-home card is printed on Letter
    sid = session_with_practices(empty_core)
    out = make_pdf(empty_core, "take-home", tmp_path / "card.pdf", paper="letter", session=sid)
    # THEN it is one Letter page
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER
    # AND it names the practices in order, draws the box breath's phases, and invites
    text = pdf_text(out)
    assert "What we practised today" in text
    assert "Calm first, then connect" in text
    assert text.index("Box breathing") < text.index("Hand on heart")
    for phase in ("Breathe in 4 s", "Hold 4 s", "Breathe out 4 s"):
        assert phase in text
    assert "Notice one moment your child's face lights up" in text
    # AND nothing private is on it: no notes, script, care notes, preparation or materials
    for private in PRIVATE:
        assert private not in text


def test_the_card_in_arabic_reads_back_in_arabic(empty_core: Core, tmp_path: Path) -> None:
    # GIVEN the same session WHEN its card is printed in Arabic
    sid = session_with_practices(empty_core)
    out = make_pdf(empty_core, "take-home", tmp_path / "card-ar.pdf", session=sid, lang="ar")
    # THEN the fixed words are the Arabic ones, as a search of the PDF finds them (a search
    # ignores the vowel marks, which pdftotext may give in another order)
    words = take_home_words("ar")
    text = bare(pdf_text(out))
    assert bare(words.heading) in text
    assert bare(words.this_week) in text
    assert bare("وجه طفلك") in text  # "your child's face", inside the invitation
    assert bare(words.breathe_in) in text and bare(words.breathe_out) in text
    assert "Box breathing" in text  # the practice keeps the name the room used
    assert "What we practised today" not in text
    assert len(PdfReader(out).pages) == 1


def test_a_circle_gets_one_card_per_family_language(core: Core, tmp_path: Path) -> None:
    # GIVEN the demo circle, whose families speak several languages
    series = core.series.list_series()[0]
    session = core.series.sessions_of(series.id or 0)[0]
    languages = {f.language for f in core.families.list_families(series_id=series.id)}
    # WHEN the card is printed for the session without a language
    out = make_pdf(core, "take-home", tmp_path / "cards.pdf", session=session.id)
    # THEN there is one A4 page per language, each with its own heading
    reader = PdfReader(out)
    assert len(reader.pages) == len(languages)
    text = bare(pdf_text(out))
    for code in languages:
        assert bare(take_home_words(code).heading) in text


def test_every_room_language_has_the_cards_words() -> None:
    for code in LANGUAGE_CODES:
        words = take_home_words(code)
        assert words.code == code and words.invitation and words.heading


def test_the_card_is_a_command_line_sheet_and_refuses_an_unknown_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "home")
    assert cli.main(["--home", home, "demo"]) == 0
    out = tmp_path / "card.pdf"
    argv = ["print", "take-home", "--home", home, "--session", "10", "--lang", "fr"]
    assert cli.main([*argv, "--out", str(out)]) == 0
    assert "Ce que nous avons pratiqué aujourd’hui" in pdf_text(out)
    wrong = ["print", "take-home", "--home", home, "--session", "10", "--lang", "xx"]
    assert cli.main([*wrong, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "'xx' is not one" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_session_is_a_sentence(empty_core: Core, tmp_path: Path) -> None:
    with pytest.raises(AttuneError, match="999"):
        make_pdf(empty_core, "take-home", tmp_path / "x.pdf", session=999)
