"""kim's EDTF subset: parsing, errors, German labels, bounds, overlap, order, --from/--to."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kimcli import dates, i18n
from kimcli.dates import parse, parse_bound
from kimcli.errors import DateError


@pytest.fixture(autouse=True)
def _german() -> None:
    i18n.set_language("de")


def day(y: int, m: int, d: int) -> int:
    return dt.date(y, m, d).toordinal()


def kims_today() -> dt.date:
    # Open ends run to "today"; the suite may pin it (dates.current_day), so ask kim.
    current = getattr(dates, "current_day", None)
    return current() if current else dt.date.today()


# -- parsing -------------------------------------------------------------------------------


def test_year() -> None:
    d = parse("2012")
    assert (d.interval, d.precision) == (False, "year")
    assert (d.start.year, d.start.month, d.start.day) == (2012, None, None)
    assert d.bounds() == (day(2012, 1, 1), day(2012, 12, 31))


def test_month() -> None:
    d = parse("2020-11")
    assert d.precision == "month"
    assert (d.start.year, d.start.month, d.start.day) == (2020, 11, None)
    assert d.bounds() == (day(2020, 11, 1), day(2020, 11, 30))


def test_day() -> None:
    d = parse("2022-01-01")
    assert d.precision == "day"
    assert d.bounds() == (day(2022, 1, 1), day(2022, 1, 1))


def test_closed_interval() -> None:
    d = parse("2017/2020")
    assert d.interval and d.precision == "interval"
    assert (d.start.year, d.end.year) == (2017, 2020)
    assert not d.open_end
    assert d.bounds() == (day(2017, 1, 1), day(2020, 12, 31))


def test_open_end_runs_to_today() -> None:
    d = parse("2012/..")
    assert d.interval and d.end is None and d.end_mode == dates.OPEN
    assert d.open_end
    assert d.bounds(dt.date(2024, 5, 6)) == (day(2012, 1, 1), day(2024, 5, 6))


def test_open_start_runs_from_the_beginning() -> None:
    d = parse("../2020")
    assert d.start is None and d.start_mode == dates.OPEN
    assert d.bounds() == (dates.MIN_ORDINAL, day(2020, 12, 31))


def test_unknown_end_is_not_open() -> None:
    d = parse("2019/")
    assert d.interval and d.end is None and d.end_mode == dates.UNKNOWN
    # Not known is not the same as "still running": the text keeps the difference.
    assert d.edtf() == "2019/"
    assert d.bounds(dt.date(2024, 5, 6)) == (day(2019, 1, 1), day(2024, 5, 6))


def test_open_end_never_ends_before_its_start() -> None:
    # A start after "today" (a planned date) must not produce an inverted span.
    lo, hi = parse("2030-06/..").bounds(dt.date(2024, 1, 1))
    assert lo <= hi == day(2030, 6, 30)


@pytest.mark.parametrize("text, approximate, uncertain", [
    ("1993~", True, False),
    ("1993?", False, True),
    ("1993%", True, True),
    ("2020-11-25~", True, False),
    ("2017/2020?", False, True),
])
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    d = parse(text)
    assert (d.approximate, d.uncertain) == (approximate, uncertain)
    assert d.edtf() == text


def test_qualifier_does_not_change_the_days_covered() -> None:
    assert parse("1993~").bounds() == parse("1993").bounds()


def test_surrounding_whitespace_is_ignored() -> None:
    assert parse("  2012 ").edtf() == "2012"


@pytest.mark.parametrize("text", [
    "2012", "2020-11", "2022-01-01", "2017/2020", "2012/..", "../2020", "2019/", "/2020",
    "1993~", "1993?", "1993%", "2019-03~/2020-01-01?",
])
def test_round_trip(text: str) -> None:
    assert parse(text).edtf() == text
    assert parse(parse(text).edtf()) == parse(text)


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "2021-02-30",  # no such day
    "2020-13",  # no such month
    "2020-00",
    "2020/2017",  # ends before it starts
    "abc",
    "../..",  # no known end at all
    "/",
    "2020/2021/2022",
    "",
    "0000",  # there is no year 0 in kim's calendar
    "2020-1",
    "20201",
    "2020-11-25T10:00",
])
def test_rejected(text: str) -> None:
    with pytest.raises(DateError):
        parse(text)


def test_leap_day_only_in_leap_years() -> None:
    assert parse("2020-02-29").bounds()[0] == day(2020, 2, 29)
    with pytest.raises(DateError):
        parse("2021-02-29")


def test_error_message_names_the_value() -> None:
    with pytest.raises(DateError) as caught:
        parse("2021-02-30")
    assert "2021-02-30" in i18n.word(caught.value.message)


@pytest.mark.parametrize("text", [
    "２０１２",  # full-width digits
    "٢٠١٢",  # Arabic-Indic digits
    "2012\n/2013",  # a line break inside an interval
])
def test_only_plain_ascii_edtf_is_accepted(text: str) -> None:
    # EDTF has only the digits 0-9. Editors check `kim schema` with ECMA-262 regexes, where \d
    # is ASCII, so accepting other digits here would let validate pass what the schema rejects.
    with pytest.raises(DateError):
        parse(text)


# -- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, label", [
    ("2017/2020", "2017–2020"),
    ("2020-11", "Nov. 2020"),
    ("2020-03", "März 2020"),
    ("2020-11-25", "25.11.2020"),
    ("2012", "2012"),
    ("1993~", "ca. 1993"),
    ("1993?", "1993?"),
    ("2012/..", "seit 2012"),
    ("../2020", "bis 2020"),
    ("2019/", "2019–?"),
    ("2019-03/2020", "März 2019 – 2020"),
])
def test_german_labels(text: str, label: str) -> None:
    assert i18n.date_text(parse(text)) == label


# -- overlap -------------------------------------------------------------------------------


def test_interval_overlaps_a_range_inside_it() -> None:
    assert parse("2017/2020").overlaps(day(2019, 1, 1), day(2020, 12, 31))


def test_overlap_is_inclusive_at_both_edges() -> None:
    d = parse("2017/2020")
    assert d.overlaps(day(2020, 12, 31), day(2021, 12, 31))
    assert d.overlaps(day(2010, 1, 1), day(2017, 1, 1))
    assert not d.overlaps(day(2021, 1, 1), day(2021, 12, 31))
    assert not d.overlaps(day(2010, 1, 1), day(2016, 12, 31))


def test_point_overlaps_only_its_own_span() -> None:
    d = parse("2012")
    assert d.overlaps(day(2012, 6, 1), day(2012, 6, 1))
    assert not d.overlaps(day(2013, 1, 1), day(2013, 12, 31))


def test_open_end_overlaps_todays_year() -> None:
    year = kims_today().year
    assert parse("2019/..").overlaps(day(year, 1, 1), day(year, 12, 31))


def test_open_end_overlap_follows_the_day_given() -> None:
    d = parse("2019/..")
    assert d.overlaps(day(2030, 1, 1), day(2030, 12, 31), today=dt.date(2030, 6, 1))
    assert not d.overlaps(day(2030, 1, 1), day(2030, 12, 31), today=dt.date(2025, 6, 1))


def test_open_start_overlaps_the_distant_past() -> None:
    assert parse("../2020").overlaps(day(1900, 1, 1), day(1900, 12, 31))


# -- ordering ------------------------------------------------------------------------------

MIXED = ["2005", "2005-01-01", "2005/..", "2005-01"]


def test_mixed_precision_order_is_total_and_deterministic() -> None:
    orders = {tuple(sorted(p, key=lambda s: parse(s).sort_key()))
              for p in itertools.permutations(MIXED)}
    assert len(orders) == 1
    # Same first day: the one that ends first comes first, the open interval last.
    assert orders.pop() == ("2005-01-01", "2005-01", "2005", "2005/..")


def test_distinct_dates_never_tie() -> None:
    keys = [parse(s).sort_key() for s in [*MIXED, "2005~", "2005?", "2005/", "../2005"]]
    assert len(set(keys)) == len(keys)


def test_sort_key_does_not_depend_on_today(monkeypatch: pytest.MonkeyPatch) -> None:
    before = parse("2019/..").sort_key()
    if hasattr(dates, "current_day"):
        monkeypatch.setattr(dates, "current_day", lambda: dt.date(2099, 1, 1))
    assert parse("2019/..").sort_key() == before


def test_earlier_start_sorts_first_regardless_of_precision() -> None:
    texts = ["2006", "2005-12-31", "2005/2007", "../2004"]
    assert sorted(texts, key=lambda s: parse(s).sort_key()) == [
        "../2004", "2005/2007", "2005-12-31", "2006"]


# -- --from / --to -------------------------------------------------------------------------


@pytest.mark.parametrize("text, upper, expected", [
    ("2019", False, day(2019, 1, 1)),
    ("2019", True, day(2019, 12, 31)),
    ("2020-02", False, day(2020, 2, 1)),
    ("2020-02", True, day(2020, 2, 29)),
    ("2020-11-25", False, day(2020, 11, 25)),
    ("2020-11-25", True, day(2020, 11, 25)),
    (" 2019 ", False, day(2019, 1, 1)),
])
def test_parse_bound(text: str, upper: bool, expected: int) -> None:
    assert parse_bound(text, upper=upper) == expected


@pytest.mark.parametrize("text", ["2020/2021", "..", "abc", "2020-13", "2021-02-29", ""])
def test_parse_bound_rejects(text: str) -> None:
    with pytest.raises(DateError):
        parse_bound(text, upper=False)
