"""Loading and validating datasets: every error class of `kim validate`, at the right line."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from helpers import FROZEN, said

from kimcli import dates, i18n
from kimcli import io as kimio
from kimcli.errors import DataError, Diagnostic, PathError
from kimcli.io import yamltree


@pytest.fixture(autouse=True)
def _german() -> None:
    i18n.set_language("de")


def check(text: str, name: str = "t.yaml") -> kimio.Report:
    return kimio.check_text(textwrap.dedent(text), name)


def errors(report: kimio.Report) -> list[tuple[int, str]]:
    return [(d.line, said(d)) for d in report.errors]


def warnings(report: kimio.Report) -> list[tuple[int, str]]:
    return [(d.line, said(d)) for d in report.warnings]


def only_error(report: kimio.Report) -> Diagnostic:
    assert report.dataset is None
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


VALID = """\
title: Kleine Zeitleiste
language: de
relations:
  folgt: {label: folgt auf, inverse: gefolgt von, ordered: true}
sources:
  q1: {title: Erste Quelle, url: "https://example.org/1"}
  q2: {title: Zweite Quelle}
glossary:
  - term: KIM
    definition: Kommunales Integrationsmanagement
    see: [b]
milestones:
  - id: a
    title: Gesetz
    date: '2012'
    kind: Gesetz
    summary: Das Gesetz.
    sources: [q1]
  - id: b
    title: Projekt
    date: '2017/2020'
    kind: Projekt
    summary: Das Projekt.
    tags: [projekt]
    aliases: [P]
    refs:
      - {to: a, rel: folgt}
    facts:
      - {text: Zwölf Orte., sources: [q2], confidence: confirmed}
"""


# -- a valid dataset -----------------------------------------------------------------------


def test_valid_dataset_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "kim.yaml"
    path.write_text(VALID, encoding="utf-8")
    report = kimio.check(path)
    assert report.diagnostics == []
    ds = report.dataset
    assert ds is not None
    assert ds.title == "Kleine Zeitleiste"
    assert [m.id for m in ds.milestones] == ["a", "b"]
    b = ds.by_id()["b"]
    assert b.date == dates.parse("2017/2020") and b.date.edtf() == "2017/2020"
    assert b.refs[0].to == "a" and b.refs[0].rel == "folgt"
    assert b.line == 19
    assert ds.relations["folgt"].ordered
    assert ds.sources["q1"].url == "https://example.org/1"
    assert ds.glossary[0].see == ("b",)
    assert kimio.load(path) == ds


def test_load_raises_data_error_with_every_error(tmp_path: Path) -> None:
    path = tmp_path / "kim.yaml"
    path.write_text(VALID.replace("'2012'", "'2012-13'").replace("[q2]", "[q9]"),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        kimio.load(path)
    assert [d.line for d in info.value.diagnostics] == [15, 29]


@pytest.mark.parametrize("unquoted, quoted", [
    ("2012", "'2012'"),
    ("2022-01-01", "'2022-01-01'"),
    ("2020-11", "'2020-11'"),
])
def test_unquoted_dates_mean_the_same_as_quoted(unquoted: str, quoted: str) -> None:
    a = check(VALID.replace("date: '2012'", f"date: {unquoted}")).dataset
    b = check(VALID.replace("date: '2012'", f"date: {quoted}")).dataset
    assert a is not None and b is not None
    ma, mb = a.by_id()["a"], b.by_id()["a"]
    assert (ma.date, ma.date.edtf()) == (mb.date, mb.date.edtf()) == \
        (dates.parse(unquoted), unquoted)


# -- YAML syntax and shape -----------------------------------------------------------------


def test_yaml_syntax_error_names_its_line() -> None:
    d = only_error(check("""\
        title: T
        milestones:
          - id: a
            tags: [offen
          - id: b
        """))
    assert d.line == 5 and "YAML" in said(d)


def test_tab_indentation_is_a_yaml_error() -> None:
    d = only_error(check("title: T\nmilestones:\n  - id: a\n\ttitle: A\n"))
    assert d.line == 4


@pytest.mark.parametrize("text, found", [
    ("- id: a\n  title: A\n", "Liste"),
    ("nur ein Satz\n", "Text"),
])
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    d = only_error(check(text))
    assert d.line == 1 and "oberste Ebene" in said(d) and found in said(d)


@pytest.mark.parametrize("text", ["", "# nur ein Kommentar\n", "---\n", "\n\n   \n"])
def test_empty_file(text: str) -> None:
    d = only_error(check(text))
    assert "keinen Datensatz" in said(d)


def test_milestones_must_be_a_list() -> None:
    d = only_error(check("title: T\nmilestones: keine\n"))
    assert (d.line, d.col) == (2, 13) and "Liste" in said(d)


def test_milestone_must_be_a_mapping() -> None:
    d = only_error(check("title: T\nmilestones:\n  - a\n"))
    assert d.line == 3 and "Zuordnung" in said(d)


def test_two_documents() -> None:
    d = only_error(check(VALID + "---\n" + VALID))
    assert d.line == VALID.count("\n") + 1 and "Dokument" in said(d)


def test_one_document_with_an_explicit_start_marker_is_fine() -> None:
    assert check("---\n" + VALID).dataset is not None


# -- fields --------------------------------------------------------------------------------


A_LINES = {"title": "    title: Gesetz\n", "date": "    date: '2012'\n",
           "kind": "    kind: Gesetz\n", "summary": "    summary: Das Gesetz.\n"}


@pytest.mark.parametrize("field", ["id", "title", "date", "kind", "summary"])
def test_missing_required_field(field: str) -> None:
    if field == "id":
        text = VALID.replace("  - id: a\n    title: Gesetz", "  - title: Gesetz")
    else:
        text = VALID.replace(A_LINES[field], "", 1)
    report = check(text)
    assert report.dataset is None
    assert (13, f"Pflichtfeld „{field}“ fehlt") in errors(report)


def test_missing_top_level_field() -> None:
    report = check("title: T\n")
    assert errors(report) == [(1, "Pflichtfeld „milestones“ fehlt")]


def test_unknown_field_suggests_the_known_one_in_a_single_message() -> None:
    report = check(VALID.replace("    title: Gesetz", "    titel: Gesetz"))
    d = only_error(report)
    assert d.line == 14
    assert "„titel“" in said(d) and "meinten Sie „title“" in said(d)
    # The field the typo stands for is not reported a second time as missing.
    assert sum("title" in said(e) for e in report.errors) == 1


def test_unknown_top_level_field_suggests_milestones() -> None:
    # Without `see: [b]`: no milestone is read, so that reference could not resolve.
    d = only_error(check(VALID.replace("milestones:", "milestone:").replace("[b]", "[]")))
    assert d.line == 12 and "meinten Sie „milestones“" in said(d)


def test_unknown_field_without_a_close_match() -> None:
    d = only_error(check(VALID.replace("    kind: Gesetz", "    kind: Gesetz\n    zzz: 1")))
    assert d.line == 17 and "„zzz“" in said(d) and "meinten" not in said(d)


@pytest.mark.parametrize("raw", ["No", "yes", "off", "True"])
def test_bool_where_text_belongs_suggests_quoting(raw: str) -> None:
    d = only_error(check(VALID.replace("title: Gesetz", f"title: {raw}")))
    assert d.line == 14 and f'"{raw}"' in said(d) and "Anführungszeichen" in said(d)


@pytest.mark.parametrize("value", ["", " ~", " null"])
def test_null_where_text_belongs(value: str) -> None:
    d = only_error(check(VALID.replace("summary: Das Gesetz.", f"summary:{value}")))
    assert d.line == 17 and "„summary“ ist leer" in said(d)


def test_list_where_text_belongs() -> None:
    d = only_error(check(VALID.replace("kind: Gesetz", "kind: [Gesetz]")))
    assert d.line == 16 and "Text" in said(d)


def test_numbers_are_read_as_text() -> None:
    ds = check(VALID.replace("title: Gesetz", "title: 1848")).dataset
    assert ds is not None and ds.by_id()["a"].title == "1848"


@pytest.mark.parametrize("value", ["Gross", "1a!", "-a"])
def test_bad_id(value: str) -> None:
    text = VALID.replace("id: a\n", f"id: '{value}'\n")
    d = only_error(check(text.replace("    refs:\n      - {to: a, rel: folgt}\n", "")))
    assert d.line == 13 and value in said(d)


def test_non_http_url_is_kept_with_a_warning() -> None:
    report = check(VALID.replace("https://example.org/1", "javascript:alert(1)"))
    assert report.errors == [] and report.dataset is not None
    (warning,) = [d for d in report.warnings if "http" in said(d)]
    assert warning.line == 6
    assert "javascript:alert(1)" in [s.url for s in report.dataset.sources.values()]


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2021-02-30", "'2021-02-30'", "2020-13", "abc"])
def test_impossible_date(value: str) -> None:
    d = only_error(check(VALID.replace("date: '2012'", f"date: {value}")))
    assert (d.line, d.col) == (15, 11) and value.strip("'") in said(d)


def test_reversed_interval() -> None:
    d = only_error(check(VALID.replace("'2017/2020'", "2020/2017")))
    assert d.line == 21 and "2020/2017" in said(d)


def test_dates_in_key_dates_and_sources_are_checked_too() -> None:
    text = VALID.replace("  q2: {title: Zweite Quelle}",
                         "  q2: {title: Zweite Quelle, date: 2021-02-30}")
    text = text.replace("    tags: [projekt]",
                        "    key_dates:\n      - {date: '2019-02-29', label: L}\n"
                        "    tags: [projekt]")
    assert [line for line, _ in errors(check(text))] == [7, 25]


# -- duplicates ----------------------------------------------------------------------------


def test_duplicate_id_is_reported_at_the_second_naming_the_first() -> None:
    text = VALID + "  - {id: a, title: T, date: '2013', kind: K, summary: S, sources: [q1]}\n"
    d = only_error(check(text))
    assert d.line == 30 and "„a“" in said(d) and "Zeile 13" in said(d)


def test_duplicate_key_is_reported_at_the_second_naming_the_first() -> None:
    d = only_error(check(VALID.replace("    title: Gesetz", "    title: Gesetz\n    title: B")))
    assert d.line == 15 and "„title“" in said(d) and "Zeile 14" in said(d)


def test_duplicate_top_level_key() -> None:
    d = only_error(check(VALID + "title: Zweiter Titel\n"))
    assert d.line == 30 and "Zeile 1" in said(d)


# -- references ----------------------------------------------------------------------------


def test_unknown_milestone_ref_suggests_the_closest_id() -> None:
    text = VALID.replace("id: a\n", "id: gesetz-2012\n").replace("to: a,", "to: gesetz-2021,")
    d = only_error(check(text))
    assert d.line == 27 and "„gesetz-2021“" in said(d)
    assert "meinten Sie „gesetz-2012“" in said(d)


def test_unknown_source_suggests_the_closest_id() -> None:
    text = VALID.replace("q1:", "bamf-2020:").replace("[q1]", "[bamf-2021]")
    d = only_error(check(text))
    assert d.line == 18 and "„bamf-2021“" in said(d)
    assert "meinten Sie „bamf-2020“" in said(d)


def test_unknown_glossary_see() -> None:
    d = only_error(check(VALID.replace("see: [b]", "see: [c]")))
    assert d.line == 11 and "„c“" in said(d)


def test_self_reference() -> None:
    d = only_error(check(VALID.replace("to: a,", "to: b,")))
    assert d.line == 27 and "sich selbst" in said(d)


def test_unknown_relation_with_a_declared_vocabulary() -> None:
    d = only_error(check(VALID.replace("rel: folgt}", "rel: folgte}")))
    assert d.line == 27 and "„folgte“" in said(d) and "meinten Sie „folgt“" in said(d)


def test_relations_are_free_text_without_a_vocabulary() -> None:
    text = VALID.replace("relations:\n  folgt: {label: folgt auf, inverse: gefolgt von, "
                         "ordered: true}\n", "").replace("rel: folgt}", "rel: irgendwas}")
    report = check(text)
    assert report.dataset is not None and report.errors == []


def test_ref_to_a_milestone_that_has_its_own_error_is_not_unknown() -> None:
    # `a` exists but has a bad date; `b -> a` must not add a misleading "unknown milestone".
    report = check(VALID.replace("date: '2012'", "date: '2012-13'"))
    assert errors(report) == [(15, "Datum „2012-13“: Monat 13 gibt es nicht")]


# -- warnings ------------------------------------------------------------------------------


def test_milestone_without_sources_is_a_warning() -> None:
    report = check(VALID.replace("    sources: [q1]\n", ""))
    assert report.dataset is not None
    assert (13, "Meilenstein „a“ nennt keine Quelle") in warnings(report)


def test_a_source_cited_only_in_a_fact_counts_as_a_source() -> None:
    report = check(VALID)
    assert not any("„b“ nennt keine Quelle" in m for _, m in warnings(report))


def test_uncited_source_is_a_warning() -> None:
    report = check(VALID.replace("[q2]", "[q1]"))
    assert report.dataset is not None
    assert warnings(report) == [(7, "Quelle „q2“ wird nirgends zitiert")]


A_TO_B = "    refs: [{to: b, rel: folgt}]\n"  # with b -> a already in VALID: a cycle


def test_cycle_among_ordered_relations_is_a_warning() -> None:
    text = VALID.replace("    sources: [q1]\n", "    sources: [q1]\n" + A_TO_B, 1)
    report = check(text)
    assert report.dataset is not None and report.errors == []
    cycles = [(line, m) for line, m in warnings(report) if "Zyklus" in m]
    assert len(cycles) == 1
    assert "a → b → a" in cycles[0][1] or "b → a → b" in cycles[0][1]


def test_cycle_among_unordered_relations_is_fine() -> None:
    text = VALID.replace("ordered: true", "ordered: false").replace(
        "    sources: [q1]\n", "    sources: [q1]\n" + A_TO_B, 1)
    assert check(text).diagnostics == []


# -- all at once ---------------------------------------------------------------------------


def test_every_problem_is_reported_at_once_sorted_by_position() -> None:
    text = (VALID.replace("title: Gesetz", "title: No")
            .replace("{title: Zweite Quelle}", "{title: Zweite Quelle, date: 2020/2017}")
            .replace("[q1]", "[q9]")
            .replace("kind: Projekt", "kind: Projekt\n    kind: Nochmal")
            .replace("to: a,", "to: zz,"))
    report = check(text)
    assert report.dataset is None
    positions = [(d.line, d.col) for d in report.diagnostics]
    assert positions == sorted(positions)
    assert [line for line, _ in errors(report)] == [7, 14, 18, 23, 28]
    assert warnings(report) == [(6, "Quelle „q1“ wird nirgends zitiert")]


def test_diagnostics_carry_the_file_name() -> None:
    report = kimio.check_text("title: T\n", "mein.yaml")
    assert {d.file for d in report.diagnostics} == {"mein.yaml"}
    assert report.diagnostics[0].location() == "mein.yaml:1:1"


# -- bytes and encodings -------------------------------------------------------------------


def test_latin1_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(VALID.replace("Zweite Quelle", "Zweite Qu\u00e9lle").encode("latin-1"))
    report = kimio.check(path)
    d = only_error(report)
    assert (d.line, d.col) == (7, 24) and "UTF-8" in said(d) and "0xe9" in said(d)


def test_decode_reports_bad_bytes_as_data_error() -> None:
    with pytest.raises(DataError) as info:
        kimio.decode(b"title: T\nx: \xff\n", "x.yaml")
    assert info.value.diagnostics[0].line == 2


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    report = kimio.check(path)
    assert report.diagnostics == [] and report.dataset is not None
    assert report.dataset.title == "Kleine Zeitleiste"
    assert kimio.decode(b"\xef\xbb\xbfa: b", "x") == "a: b"


def test_control_characters_are_a_yaml_error() -> None:
    assert check("title: T\x00\nmilestones: []\n").errors


# -- hostile input -------------------------------------------------------------------------


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!custom x",
])
def test_foreign_tags_are_rejected_and_nothing_runs(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tag: str) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "kim-pwned"
    path = tmp_path / "tag.yaml"
    path.write_text(VALID.replace("title: Gesetz", "title: " + tag.format(marker=marker)),
                    encoding="utf-8")
    d = only_error(kimio.check(path))
    assert d.line == 14 and "Tag" in said(d)
    assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tag.yaml"]


def test_tag_on_a_collection_is_rejected() -> None:
    d = only_error(check(VALID.replace("tags: [projekt]", "tags: !!set {projekt: null}")))
    assert d.line == 24


def test_billion_laughs_is_rejected() -> None:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=False):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(rows) + "\n" + VALID.replace("tags: [projekt]", "tags: *i")
    d = only_error(check(text))
    assert "Alias" in said(d)


def test_recursive_alias_is_rejected() -> None:
    d = only_error(check("title: T\nmilestones: &m [*m]\n"))
    assert d.line == 2


@pytest.mark.parametrize("text", [
    "[" * 100_000,
    "{a: " * 100_000,
    "- " * 100_000,
    "".join(" " * i + "k:\n" for i in range(2_000)),
])
def test_deep_nesting_is_a_data_error_not_a_crash(text: str) -> None:
    with pytest.raises(DataError):
        yamltree.parse(text, "deep.yaml")
    d = only_error(kimio.check_text(text, "deep.yaml"))
    assert d.file == "deep.yaml"


# -- paths ---------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PathError) as info:
        kimio.check(tmp_path / "nope.yaml")
    assert info.value.path == str(tmp_path / "nope.yaml")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(PathError):
        kimio.check(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    # Opening a FIFO with no writer would block forever; the call must just return.
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PathError):
        kimio.check(fifo)
    with pytest.raises(PathError):
        kimio.load(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_refused() -> None:
    with pytest.raises(PathError):
        kimio.check("/dev/zero")


def test_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(PathError):
        kimio.check(link)


def test_pure_python_parser_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML has no libyaml, its Python parser must give the same dataset and errors."""
    import yaml

    from kimcli import io as kim_loader
    from kimcli.io import yamltree

    frozen = FROZEN.read_text(encoding="utf-8")
    bad = (Path(__file__).parents[1] / "bad_inputs" / "typo-field.yaml").read_text(encoding="utf-8")
    fast = [kim_loader.check_text(t, "x.yaml") for t in (frozen, bad, "[" * 200)]
    monkeypatch.setattr(yamltree, "_Loader", yaml.SafeLoader)
    slow = [kim_loader.check_text(t, "x.yaml") for t in (frozen, bad, "[" * 200)]
    assert slow[0].dataset == fast[0].dataset
    assert [said(d) for d in slow[1].diagnostics] == [said(d) for d in fast[1].diagnostics]
    assert [(d.line, d.col) for d in slow[1].diagnostics] == [(d.line, d.col)
                                                              for d in fast[1].diagnostics]
    assert slow[2].errors and fast[2].errors  # too deep, either way
