"""Series on the command line: calendar, bundle, import, plan, pack and report."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "attune_desktop", *args, "--home", str(home)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "home"
    assert run(folder, "demo").returncode == 0
    return folder


def sample_id(home: Path) -> str:
    line = run(home, "list", "series").stdout.splitlines()[0]
    return line.split("\t")[0]


def test_export_ics_gives_one_event_per_session(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "basics.ics"
    result = run(home, "export", "ics", "--series", sample_id(home), "--out", str(out))
    assert result.returncode == 0, result.stderr
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert len(events) == 6


def test_bundle_export_then_import_twice_adds_nothing(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "basics.json"
    exported = run(home, "export", "bundle", "--series", sample_id(home), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    text = out.read_text(encoding="utf-8").replace("attunement-basics", "shared-basics")
    out.write_text(text, encoding="utf-8")
    first = run(home, "import", str(out))
    assert first.returncode == 0 and "Imported the template" in first.stdout
    again = run(home, "import", "bundle", str(out))
    assert again.returncode == 0 and "already here" in again.stdout


def test_print_series_plan_pack_and_report(home: Path, tmp_path: Path) -> None:
    sid = sample_id(home)
    plan = run(home, "print", "series-plan", "--series", sid, "--out", str(tmp_path / "p.pdf"))
    assert plan.returncode == 0, plan.stderr
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF")
    session = run(home, "list", "sessions").stdout.splitlines()[0].split("\t")[0]
    pack = run(home, "print", "pack", "--session", session, "--out", str(tmp_path / "k.pdf"))
    assert pack.returncode == 0, pack.stderr
    report = run(home, "report", "--series", sid, "--out", str(tmp_path / "r.csv"))
    assert report.returncode == 0, report.stderr
    rows = list(csv.reader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert rows[0][0] == "week" and len(rows) == 7
    pdf = run(home, "report", "--series", sid, "--out", str(tmp_path / "r.pdf"))
    assert pdf.returncode == 0, pdf.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("export", "ics", "--series", "999", "--out", "x.ics"), "No series with id 999"),
        (("report", "--series", "1", "--out", "r.txt"), ".pdf or .csv"),
        (("import", "/no/such/bundle.json"), "does not exist"),
        (("print", "pack", "--session", "999", "--out", "x.pdf"), "No session with id 999"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(home: Path, args: tuple[str, ...], words: str) -> None:
    result = run(home, *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_pack_with_routines_adds_every_familys_sheets(home: Path, tmp_path: Path) -> None:
    # GIVEN week 1 of the sample circle, which five families attend
    session = run(home, "list", "sessions").stdout.splitlines()[0].split("\t")[0]
    plain, full = tmp_path / "plain.pdf", tmp_path / "full.pdf"
    # WHEN the pack is printed without and with the families' routine sheets
    args = ("print", "pack", "--session", session)
    assert run(home, *args, "--out", str(plain)).returncode == 0
    result = run(home, *args, "--with-routines", "--out", str(full))
    assert result.returncode == 0, result.stderr
    # THEN the full pack is one PDF with the same sheets plus a sheet for each family
    plain_text = subprocess.run(
        ["pdftotext", str(plain), "-"], capture_output=True, text=True, check=True
    ).stdout
    full_text = subprocess.run(
        ["pdftotext", str(full), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Team Sunflower" not in plain_text
    for label in ("Team Sunflower", "Los Colibríes", "Їжачки"):
        assert label in full_text
    assert full_text.count("\f") > plain_text.count("\f") + 4


def test_a_low_ink_report_has_the_same_words(home: Path, tmp_path: Path) -> None:
    # GIVEN the sample series WHEN its report is saved in colour and in low ink
    sid = sample_id(home)
    colour, low = tmp_path / "colour.pdf", tmp_path / "low.pdf"
    assert run(home, "report", "--series", sid, "--out", str(colour)).returncode == 0
    result = run(home, "report", "--series", sid, "--out", str(low), "--ink", "low")
    assert result.returncode == 0, result.stderr

    # THEN the low-ink one is accepted and says exactly the same
    def text(pdf: Path) -> str:
        return subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout

    assert text(low) == text(colour)


def test_the_organisation_report_as_csv_and_pdf(tmp_path: Path) -> None:
    """GIVEN a home holding the three-circle organisation of tests/org_fixture.py
    WHEN `report --organisation` is asked for January, whole and for the North site
    THEN the CSV parses back with the hand-computed total, and the PDF is written."""
    from attune_desktop.core.container import open_core
    from tests.org_fixture import seed_org

    home = tmp_path / "org-home"
    core = open_core(home, load_starter_on_first_run=False)
    seed_org(core)
    core.close()
    dates = ("--organisation", "--from", "2026-01-01", "--to", "2026-01-31")
    result = run(home, "report", *dates, "--csv", str(tmp_path / "o.csv"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "o.csv").open(encoding="utf-8")))
    assert [r["circle"] for r in rows][-1] == "All circles"
    assert (rows[-1]["sessions_planned"], rows[-1]["dose_percent"]) == ("10", "53")
    north = run(home, "report", *dates, "--site", "North", "--out", str(tmp_path / "n.csv"))
    assert north.returncode == 0, north.stderr
    rows = list(csv.DictReader((tmp_path / "n.csv").open(encoding="utf-8")))
    assert [r["circle"] for r in rows] == ["Maple circle", "Oak circle", "All circles"]
    pdf = run(home, "report", *dates, "--pdf", str(tmp_path / "o.pdf"))
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("report", "--organisation", "--to", "2026-01-31", "--csv", "o.csv"), "needs --from"),
        (
            (
                "report",
                "--organisation",
                "--from",
                "31/01/2026",
                "--to",
                "2026-02-01",
                "--csv",
                "o.csv",
            ),
            "date like 2026-01-31",
        ),
        (
            (
                "report",
                "--organisation",
                "--from",
                "2026-02-01",
                "--to",
                "2026-01-01",
                "--pdf",
                "o.pdf",
            ),
            "before its first day",
        ),
        (
            (
                "report",
                "--organisation",
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-01",
                "--pdf",
                "o.csv",
            ),
            ".pdf or .csv",
        ),
    ],
)
def test_organisation_report_mistakes_are_one_line(
    home: Path, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    result = run(home, *args)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr


def test_both_organisation_reports_take_from_and_to_and_the_old_words_too(
    tmp_path: Path,
) -> None:
    """GIVEN a home holding the three-circle organisation
    WHEN `report --organisation` and `print org-report` are given --from/--to, and a script
    still uses the older --from-date/--to-date
    THEN each writes its PDF, help shows only --from/--to, and a left-out date is one line"""
    from attune_desktop.core.container import open_core
    from tests.org_fixture import seed_org

    home = tmp_path / "org-home"
    core = open_core(home, load_starter_on_first_run=False)
    seed_org(core)
    core.close()
    for number, words in enumerate(
        (
            ("report", "--organisation", "--from", "2026-01-01", "--to", "2026-01-31", "--pdf"),
            ("print", "org-report", "--from", "2026-01-01", "--to", "2026-01-31", "--out"),
            (
                "print",
                "org-report",
                "--from-date",
                "2026-01-01",
                "--to-date",
                "2026-01-31",
                "--out",
            ),
            (
                "report",
                "--organisation",
                "--from-date",
                "2026-01-01",
                "--to-date",
                "2026-01-31",
                "--pdf",
            ),
        )
    ):
        out = tmp_path / f"org{number}.pdf"
        result = run(home, *words, str(out))
        assert result.returncode == 0, (words, result.stderr)
        assert out.read_bytes().startswith(b"%PDF")
    helped = run(home, "print", "org-report", "--help").stdout
    assert "--from DATE" in helped and "--to DATE" in helped and "--from-date" not in helped
    assert "--from-date" not in run(home, "report", "--help").stdout
    missing = run(
        home, "print", "org-report", "--to", "2026-01-31", "--out", str(tmp_path / "m.pdf")
    )
    assert missing.returncode == 2
    assert "needs --from DATE" in missing.stderr and "Traceback" not in missing.stderr
