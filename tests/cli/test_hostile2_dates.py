"""Issue 14: a date is never cut across lines, in any view that shows one, at any width from
40 columns, in plain text and in Rich's output alike (a range may break after its dash)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kimcli.cli.app import app
from kimcli.render.layout import date_parts, date_width, fit_date

DATASET = """\
title: Daten
language: de
relations:
  r: {label: führt zu, inverse: folgt aus}
sources:
  Q1: {title: Quelle, date: 2016-05-02/2016-07-31, accessed: 2026-01-03}
actors:
  amt: {name: Amt, abbr: AM, sources: [Q1],
        facts: [{text: Es leitete, valid: 2016-02-11/2016-09-22, sources: [Q1]}]}
glossary:
  - {term: KIM, definition: Eins, sources: [Q1], see: [c1, c2, c3, c4, c5]}
milestones:
  - id: c1
    title: Ein Programm mit einem langen Titel, der umbrechen muss, weil er lang ist
    date: 2017-03-15/2020-06-30
    kind: Modellprojekt
    summary: Zusammenfassung zu Eins mit Wörtern.
    actors: [amt]
    key_dates: [{date: 2014-01-05/2014-12-30, label: Lauf, sources: [Q1]}]
    disputes:
      - topic: Ende
        claims:
          - {claim: früh, date: 2013-02-03/2013-11-29, sources: [Q1]}
          - {claim: spät, date: 2017-03-15/2020-06-30, sources: [Q1]}
    sources: [Q1]
    refs: [{to: c2, rel: r}]
  - {id: c2, title: Zwei mit einem Titel der Länge, date: 2020-11/2021-03, kind: Gesetz,
     summary: Zwei., sources: [Q1], refs: [{to: c3, rel: r}], actors: [amt]}
  - {id: c3, title: Drei, date: 2015-04-07~, kind: Gesetz, summary: Drei., sources: [Q1],
     refs: [{to: c4, rel: r}]}
  - {id: c4, title: Vier, date: 2019-03-15/.., kind: Gesetz, summary: Vier., sources: [Q1],
     refs: [{to: c5, rel: r}]}
  - {id: c5, title: Fünf, date: ../2012-08-19, kind: Gesetz, summary: Fünf., sources: [Q1],
     refs: [{to: c1, rel: r}]}
"""

# Every date the dataset shows, as kim words it in German.
DATES = ["15.03.2017–30.06.2020", "Nov. 2020 – März 2021", "ca. 07.04.2015", "seit 15.03.2019",
         "bis 19.08.2012", "05.01.2014–30.12.2014", "03.02.2013–29.11.2013",
         "11.02.2016–22.09.2016"]

VIEWS = [["timeline"], ["show", "c1"], ["show", "c2"], ["actors", "amt"], ["actors"],
         ["glossary"], ["glossary", "KIM"], ["refs", "c1", "--depth", "5"],
         ["path", "c1", "c5"], ["search", "Zwei"], ["sources"], ["graph"]]

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _whole(lines: list[str], date: str) -> list[str]:
    """Where a date starts on a line but is cut: the lines, for the failure message."""
    parts = date_parts(date)
    # A date is recognised by its last word ("15.03.2019" of "seit 15.03.2019") or the
    # first part of a range: each is unique in the dataset.
    marks = {parts[0].rstrip(" –"), date.split()[-1]} if len(parts) == 1 else {parts[0]}
    cut = []
    for i, line in enumerate(lines):
        for mark in marks:
            for found in re.finditer(re.escape(mark), line):
                if date in line:
                    continue
                c = found.start()
                after = lines[i + 1] if i + 1 < len(lines) else ""
                if len(parts) == 2 and line[c:].startswith(parts[0]) and (
                        after[c:].startswith(parts[1])  # in a table's column
                        or (line.rstrip().endswith(parts[0])  # in running text
                        and re.sub("^[ │├└─]*", "", after).startswith(parts[1]))):
                    continue  # a range broken after its dash, both dates whole
                cut.append(f"{line!r} / {after!r}")
    return cut


@pytest.mark.parametrize("color", [False, True], ids=["plain", "rich"])
@pytest.mark.parametrize("width", [40, 80, 120])
def test_no_view_cuts_a_date(tmp_path: Path, width: int, color: bool) -> None:
    data = tmp_path / "dates.yaml"
    data.write_text(DATASET, encoding="utf-8")
    env = {"COLUMNS": str(width), "LINES": "1000", "TERM": "xterm",
           "NO_COLOR": None if color else "1", "FORCE_COLOR": "1" if color else None}
    shown: set[str] = set()
    for view in VIEWS:
        result = CliRunner().invoke(app, ["--no-pager", *view, "--data", str(data)], env=env)
        assert result.exit_code == 0, (view, result.output)
        out = ANSI.sub("", result.stdout)
        if color:
            assert "\x1b[" in result.stdout  # the Rich path, not the plain one
        lines = out.splitlines()
        for date in DATES:
            assert _whole(lines, date) == [], (view, date, out)
            if any(date in line for line in lines):
                shown.add(date)
    assert shown == set(DATES)  # every date was seen whole somewhere


def test_the_timeline_breaks_a_long_range_only_after_its_dash() -> None:
    assert date_parts("15.03.2017–30.06.2020") == ["15.03.2017–", "30.06.2020"]
    assert date_parts("Nov. 2020 – März 2021") == ["Nov. 2020 –", "März 2021"]
    assert date_parts("seit 2019") == ["seit 2019"]
    assert fit_date("15.03.2017–30.06.2020", 21) == "15.03.2017–30.06.2020"
    assert fit_date("15.03.2017–30.06.2020", 16) == "15.03.2017–\n30.06.2020"
    # Whole where it fits, else as wide as the widest part.
    assert date_width(["2017–2020", "15.03.2017–30.06.2020"], 5, 24) == 21
    assert date_width(["2017–2020", "15.03.2017–30.06.2020"], 5, 16) == 11


@pytest.mark.parametrize("width", [40, 80])
def test_a_date_in_running_text_never_breaks_inside(tmp_path: Path, width: int) -> None:
    """Titles of every length put the date of a line at every place the line may break."""
    data = tmp_path / "dates.yaml"
    for n in range(1, 60, 1 if width == 40 else 3):
        data.write_text(DATASET.replace("title: Zwei mit einem Titel der Länge",
                                        "title: " + "W" * n), encoding="utf-8")
        for view in (["glossary", "KIM"], ["path", "c1", "c5"], ["graph"]):
            result = CliRunner().invoke(app, ["--no-pager", *view, "--data", str(data)],
                                        env={"COLUMNS": str(width), "NO_COLOR": "1"})
            lines = result.stdout.splitlines()
            for date in DATES:
                assert _whole(lines, date) == [], (n, view, date, result.stdout)


@pytest.mark.parametrize("width", ["80", "120"])
def test_the_installed_kim_keeps_the_issues_date_whole(tmp_path: Path, width: str) -> None:
    import subprocess

    from helpers import installed_kim, plain_env

    data = tmp_path / "dates.yaml"
    data.write_text(DATASET, encoding="utf-8")
    result = subprocess.run([installed_kim(), "timeline", "--data", str(data)],
                            capture_output=True, text=True, encoding="utf-8",
                            env=plain_env(COLUMNS=width), timeout=60)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"15\.03\.2017–30\.\s", result.stdout)  # the issue's cut
    assert _whole(result.stdout.splitlines(), "15.03.2017–30.06.2020") == []
