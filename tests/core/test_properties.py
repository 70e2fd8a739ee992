"""Properties that must hold for any input: order, filters, folding, hostile bytes, EDTF."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
from collections.abc import Callable
from random import Random

import edtf
from helpers import assert_in_time_order
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kimcli import dates
from kimcli import io as kimio
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.errors import DataError, PathError
from kimcli.query import TimelineFilter, fold, timeline

SETTINGS = settings(max_examples=200, deadline=None)

# -- EDTF strings --------------------------------------------------------------------------


@st.composite
def points(draw: st.DrawFn) -> str:
    year = draw(st.integers(1, 9999))
    text = f"{year:04d}"
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision != "year":
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if precision == "day":
            text += f"-{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}"
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


@st.composite
def intervals(draw: st.DrawFn) -> str:
    left = draw(st.one_of(points(), st.sampled_from(["..", ""])))
    if left in ("..", ""):
        right = draw(points())
    else:
        right = draw(st.one_of(points(), st.sampled_from(["..", ""])))
    if left not in ("..", "") and right not in ("..", ""):
        a, b = dates.parse(left).start, dates.parse(right).start
        if a.first_day() > b.last_day():
            left, right = right, left
    return f"{left}/{right}"


edtf_strings = st.one_of(points(), intervals())


def struct_day(value: object) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)  # type: ignore[attr-defined]


@SETTINGS
@given(edtf_strings)
def test_generated_edtf_parses_and_round_trips(text: str) -> None:
    parsed = dates.parse(text)
    assert parsed.edtf() == text
    assert dates.parse(parsed.edtf()) == parsed
    lo, hi = parsed.bounds(dt.date(2000, 1, 1))
    assert lo <= hi or parsed.start is None


@SETTINGS
@given(edtf_strings)
def test_edtf_agrees_with_the_edtf_package(text: str) -> None:
    ours = dates.parse(text)
    theirs = edtf.parse_edtf(text)
    lo, hi = ours.bounds(dt.date(2000, 1, 1))
    # Open and unknown sides are guessed differently by each library; compare known days only.
    if ours.start is not None:
        assert dt.date.fromordinal(lo) == struct_day(theirs.lower_strict())
    if not ours.interval or ours.end is not None:
        assert dt.date.fromordinal(hi) == struct_day(theirs.upper_strict())


@SETTINGS
@given(st.text(max_size=30))
def test_parse_fails_only_with_date_error(text: str) -> None:
    with contextlib.suppress(dates.DateError):
        dates.parse(text)


# -- order ---------------------------------------------------------------------------------


@SETTINGS
@given(st.lists(edtf_strings, max_size=12), st.randoms(use_true_random=False))
def test_date_order_is_total(texts: list[str], rnd: Random) -> None:
    shuffled = texts[:]
    rnd.shuffle(shuffled)
    first = [d.edtf() for d in sorted(map(dates.parse, texts), key=lambda d: d.sort_key())]
    second = [d.edtf() for d in sorted(map(dates.parse, shuffled), key=lambda d: d.sort_key())]
    assert first == second


@SETTINGS
@given(edtf_strings, edtf_strings)
def test_distinct_dates_have_distinct_keys(a: str, b: str) -> None:
    if a != b:
        assert dates.parse(a).sort_key() != dates.parse(b).sort_key()


KINDS = ["Gesetz", "Programm", "Bericht"]
TAGS = ["recht", "Projekt", "fest"]


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    texts = draw(st.lists(edtf_strings, max_size=10))
    milestones = tuple(
        Milestone(id=f"m{i}", title=f"M {i}", date=dates.parse(text),
                  kind=draw(st.sampled_from(KINDS)), summary="S",
                  tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))))
        for i, text in enumerate(texts)
    )
    return Dataset(title="T", milestones=milestones)


@SETTINGS
@given(datasets(), st.randoms(use_true_random=False))
def test_milestone_order_does_not_depend_on_input_order(ds: Dataset, rnd: Random) -> None:
    shuffled = list(ds.milestones)
    rnd.shuffle(shuffled)
    again = Dataset(title="T", milestones=tuple(shuffled))
    assert [m.id for m in ds.chronological()] == [m.id for m in again.chronological()]
    assert sorted(m.id for m in ds.chronological()) == sorted(m.id for m in shuffled)
    assert_in_time_order(again.chronological())


bounds = st.one_of(st.none(), st.integers(1, 9999).map(lambda y: dt.date(y, 1, 1).toordinal()))
case_variants = st.sampled_from([str.lower, str.upper, str])
Picked = list[tuple[str, Callable[[str], str]]]  # a kind or tag, and how to spell its case


@SETTINGS
@given(datasets(), bounds, bounds,
       st.lists(st.tuples(st.sampled_from([*KINDS, "Nichts"]), case_variants), max_size=2),
       st.lists(st.tuples(st.sampled_from(TAGS), case_variants), max_size=2),
       st.booleans(), st.lists(st.tuples(st.sampled_from(TAGS), case_variants), max_size=2),
       st.booleans())
def test_timeline_filter_returns_exactly_the_matching_subset(
        ds: Dataset, start: int | None, end: int | None, kinds: Picked, tags: Picked,
        reverse: bool, without: Picked, all_tags: bool) -> None:
    flt = TimelineFilter(start, end, tuple(f(k) for k, f in kinds), tuple(f(t) for t, f in tags),
                         reverse, without=tuple(f(t) for t, f in without), all_tags=all_tags)
    result = timeline(ds, flt)
    assert {m.id for m in result} <= {m.id for m in ds.milestones}
    assert len({m.id for m in result}) == len(result)

    def wanted(m: Milestone) -> bool:
        if kinds and m.kind.lower() not in {k.lower() for k, _ in kinds}:
            return False
        have, asked = {t.lower() for t in m.tags}, {t.lower() for t, _ in tags}
        if tags and not (asked <= have if all_tags else have & asked):
            return False
        if have & {t.lower() for t, _ in without}:
            return False
        lo, hi = m.date.bounds()
        return (start is None or hi >= start) and (end is None or lo <= end)

    assert {m.id for m in result} == {m.id for m in ds.milestones if wanted(m)}
    # A filter keeps the time order; --reverse turns it round.
    assert_in_time_order(result[::-1] if reverse else result)


# -- folding -------------------------------------------------------------------------------

# Vowels and umlauts often, so digraph rules get exercised; any character sometimes.
VOWELS = list("aeiouäöüßẞAEOUÄÖÜ -")
foldable = st.text(st.one_of(st.sampled_from(VOWELS), st.characters()), max_size=20)


@SETTINGS
@given(foldable)
@example("uee")  # the ue→u rule must reach a fixpoint: "uee" → "ue" → "u"
@example("ᴬ")  # NFKD can turn a lower-case-less letter into a capital after casefold
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@SETTINGS
@given(st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüß -")), max_size=20))
def test_fold_ignores_case_in_german_text(text: str) -> None:
    assert fold(text.upper()) == fold(text)


# -- hostile input to the loader -----------------------------------------------------------

VALID = """\
title: Zeitleiste
relations:
  folgt: {label: folgt, inverse: gefolgt von, ordered: true}
sources:
  q1: {title: Quelle, url: "https://example.org"}
glossary:
  - {term: KIM, definition: D, see: [a]}
milestones:
  - id: a
    title: "Erstes"
    date: 2012
    kind: Gesetz
    summary: S
    sources: [q1]
    tags: [x, y]
  - id: b
    title: Zweites
    date: 2017/2020
    kind: K
    summary: >-
      Lang
    refs:
      - {to: a, rel: folgt}
    facts:
      - {text: F, sources: [q1], confidence: primary}
"""

YAML_BITS = [":", "-", "[", "]", "{", "}", "&x", "*x", "!", "!!", "|", ">", "'", '"', "#", "%",
             "@", "`", ",", "?", " ", "\n", "\t", "~", "/", "..", "0", "2020-13", "No", "null",
             "\x00", "\ufeff", "\x85", "\u2028", "\u202e", "é", "---", "...", "<<"]


def assert_sane(report: kimio.Report, text: str) -> None:
    positions = [(d.line, d.col) for d in report.diagnostics]
    assert positions == sorted(positions)
    assert (report.dataset is None) == bool(report.errors)
    # Lines end at LF, CR LF or a lone CR (old Mac files), as editors count them.
    assert all(0 <= d.line <= text.count("\n") + text.count("\r") + 2
               for d in report.diagnostics)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_give_only_data_errors(data: bytes) -> None:
    try:
        text = kimio.decode(data, "x.yaml")
        assert_sane(kimio.check_text(text, "x.yaml"), text)
    except (DataError, PathError):
        pass


@SETTINGS
@given(st.data())
def test_mutated_dataset_gives_only_data_errors(data: st.DataObject) -> None:
    text = VALID
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        i = data.draw(st.integers(0, len(text)), label="at")
        j = data.draw(st.integers(i, min(len(text), i + 12)), label="to")
        insert = "".join(data.draw(st.lists(
            st.one_of(st.sampled_from(YAML_BITS), st.characters()), max_size=4), label="insert"))
        text = text[:i] + insert + text[j:]
    try:
        assert_sane(kimio.check_text(text, "x.yaml"), text)
        assert_sane(kimio.check_text(kimio.decode(text.encode("utf-8", "surrogatepass"),
                                                 "x.yaml"), "x.yaml"),
                    text)
    except (DataError, PathError):
        pass


def test_the_unmutated_dataset_is_valid() -> None:
    # Otherwise the mutation test above would only ever mutate a broken file.
    assert kimio.check_text(VALID, "x.yaml").diagnostics == []
