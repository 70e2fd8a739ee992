"""Queries over a dataset: folding, finding one milestone, search, timeline filters, links."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from helpers import said

from kimcli import dates, i18n
from kimcli import io as kimio
from kimcli.domain.dataset import Dataset
from kimcli.errors import NotFoundError
from kimcli.query import (
    TimelineFilter,
    find,
    fold,
    referenced_by,
    search,
    shortest_path,
    timeline,
)

DATA = """\
title: Testzeitleiste
relations:
  fuehrte-zu: {label: führte zu, inverse: ging hervor aus, ordered: true}
  regelt: {label: regelt, inverse: geregelt durch}
sources:
  q1: {title: Erste Quelle}
  q2: {title: Zweite Quelle}
glossary:
  - term: Einbürgerungsbehörde
    aliases: [EBH]
    definition: Die Stelle, die über Anträge entscheidet.
    sources: [q1]
milestones:
  - id: einbuergerung
    title: Einbürgerung erleichtert
    date: 2012
    kind: Gesetz
    summary: Die Einbürgerung wurde einfacher.
    aliases: [Einbürgerungsreform]
    tags: [Recht]
    sources: [q1]
  - id: einwanderung-gestalten
    title: Modellprojekt „Einwanderung gestalten“
    date: 2017/2020
    kind: Modellprojekt
    summary: Zwölf Kommunen erprobten die Zusammenarbeit.
    tags: [projekt]
    aliases: [EWG]
    sources: [q1]
    refs:
      - {to: programm, rel: fuehrte-zu}
  - id: einwanderung-steuern
    title: Straßenfest
    date: 2019-05
    kind: Veranstaltung
    summary: Ein Fest auf der Straße.
    tags: [fest, projekt]
    sources: [q2]
  - id: programm
    title: Landesprogramm
    date: 2020-11-25
    kind: Programm
    summary: Das Landesprogramm startete.
    refs:
      - {to: einbuergerung, rel: regelt}
    sources: [q2]
  - id: laufend
    title: Laufende Arbeit
    date: 2019/..
    kind: Programm
    summary: Läuft bis heute.
    refs:
      - {to: programm, rel: regelt, note: "§ 9"}
    sources: [q2]
  - id: insel
    title: Ohne Verweise
    date: 2005
    kind: Bericht
    summary: Ein Bericht über das Projekt.
    sources: [q2]
"""


@pytest.fixture(autouse=True)
def _german() -> None:
    i18n.set_language("de")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    report = kimio.check_text(DATA, "query.yaml")
    assert report.dataset is not None and report.errors == [], report.diagnostics
    return report.dataset


def ids(items: list) -> list[str]:  # type: ignore[type-arg]
    return [m.id for m in items]


def year(y: int, upper: bool = False) -> int:
    return dates.parse_bound(str(y), upper=upper)


# -- folding -------------------------------------------------------------------------------


def test_umlaut_spellings_fold_alike() -> None:
    assert fold("Einbürgerung") == fold("einbuergerung") == fold("einburgerung")
    assert fold("EINBÜRGERUNG") == fold("Einbürgerung")


def test_sharp_s_folds_to_ss() -> None:
    assert fold("Straße") == fold("STRASSE") == fold("strasse") == "strasse"
    assert fold("ẞ") == "ss"


def test_accents_are_stripped() -> None:
    assert fold("Café") == fold("cafe")


# -- find ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query, expected", [
    ("einbuergerung", "einbuergerung"),  # id
    ("Einbürgerung", "einbuergerung"),  # id, umlaut and case folded
    ("EINBURGERUNG", "einbuergerung"),
    ("einbürgerungsreform", "einbuergerung"),  # alias, folded
    ("ewg", "einwanderung-gestalten"),  # alias, case-insensitive
    ("prog", "programm"),  # unique prefix
    ("  laufend ", "laufend"),
])
def test_find(ds: Dataset, query: str, expected: str) -> None:
    assert find(ds, query).id == expected


def test_ambiguous_prefix_lists_the_candidates(ds: Dataset) -> None:
    with pytest.raises(NotFoundError) as info:
        find(ds, "einw")
    # The candidates are named once, in the message; no second "Meinten Sie" line repeats them.
    assert info.value.suggestions == []
    assert "einwanderung-gestalten" in said(info.value)
    assert "einwanderung-steuern" in said(info.value)


def test_unknown_id_suggests_the_closest(ds: Dataset) -> None:
    with pytest.raises(NotFoundError) as info:
        find(ds, "einwanderung-gestaltn")
    assert info.value.suggestions[0] == "einwanderung-gestalten"
    assert "einwanderung-gestaltn" in said(info.value)


def test_a_mistyped_alias_suggests_the_milestone_that_owns_it(ds: Dataset) -> None:
    with pytest.raises(NotFoundError) as info:
        find(ds, "Einbürgerungsrefrom")
    assert info.value.suggestions == ["einbuergerung"]


def test_unknown_id_without_anything_close(ds: Dataset) -> None:
    with pytest.raises(NotFoundError) as info:
        find(ds, "xyz")
    assert info.value.suggestions == []


# -- search --------------------------------------------------------------------------------


def test_search_ranks_the_id_match_first(ds: Dataset) -> None:
    hits = search(ds, "einbürgerung")
    assert [(h.type, h.id) for h in hits] == [
        ("milestone", "einbuergerung"), ("glossary", "Einbürgerungsbehörde")]
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize("query", ["einbuergerung", "Einburgerung", "EINBÜRGERUNG"])
def test_search_folds_umlauts_and_case(ds: Dataset, query: str) -> None:
    assert search(ds, query)[0].id == "einbuergerung"


@pytest.mark.parametrize("query", ["strasse", "Straße", "STRASSE"])
def test_search_folds_sharp_s(ds: Dataset, query: str) -> None:
    assert ids(h.milestone for h in search(ds, query)) == ["einwanderung-steuern"]


def test_search_forgives_a_typo_per_word(ds: Dataset) -> None:
    hits = search(ds, "gestlaten")
    assert [h.id for h in hits] == ["einwanderung-gestalten"]
    assert [hits[0].text[a:b] for a, b in hits[0].spans] == ["gestalten"]


def test_search_needs_every_word(ds: Dataset) -> None:
    assert [h.id for h in search(ds, "einwanderung gestalten")] == ["einwanderung-gestalten"]
    assert search(ds, "einbürgerung kommunen") == []


def test_search_with_a_typo_in_each_of_two_words(ds: Dataset) -> None:
    assert [h.id for h in search(ds, "landesprogram startette")] == ["programm"]


def test_search_ranks_better_matches_higher(ds: Dataset) -> None:
    hits = search(ds, "projekt")
    assert {h.id for h in hits} == {"einwanderung-gestalten", "einwanderung-steuern", "insel"}
    # A tag or title beats a word in a summary.
    assert hits[-1].id == "insel"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_limit(ds: Dataset) -> None:
    full = search(ds, "projekt")
    assert len(full) >= 2
    assert search(ds, "projekt", limit=1) == full[:1]


def test_search_finds_glossary_terms_and_aliases(ds: Dataset) -> None:
    hits = search(ds, "ebh")
    assert [(h.type, h.id) for h in hits] == [("glossary", "Einbürgerungsbehörde")]
    assert hits[0].entry is not None and hits[0].milestone is None
    assert [hits[0].text[a:b] for a, b in hits[0].spans] == ["EBH"]


def test_search_finds_words_inside_definitions(ds: Dataset) -> None:
    assert [h.id for h in search(ds, "anträge")] == ["Einbürgerungsbehörde"]


@pytest.mark.parametrize("query", [
    "einbürgerung", "straße", "zusammenarbeit", "modellprojekt gestalten", "ebh", "projekt"])
def test_search_spans_point_at_the_matched_words(ds: Dataset, query: str) -> None:
    words = [fold(w) for w in query.split()]
    hits = search(ds, query)
    assert hits
    for hit in hits:
        assert hit.spans, hit
        for a, b in hit.spans:
            word = hit.text[a:b]
            # A whole word: word characters only, and none just outside the span.
            assert re.fullmatch(r"[\w§]+", word), (hit.text, a, b)
            assert not re.match(r"[\w§]", hit.text[a - 1:a]) if a else True
            assert not re.match(r"[\w§]", hit.text[b:b + 1])
            assert any(w in fold(word) for w in words), (query, hit.text, word)


def test_search_spans_work_for_decomposed_umlauts() -> None:
    # Text pasted from macOS often arrives as NFD: "u" + combining diaeresis.
    title = unicodedata.normalize("NFD", "Die Einbürgerung")
    text = ("title: T\nmilestones:\n"
            f"  - {{id: m1, title: '{title}', date: '2020', kind: K, summary: S}}\n")
    dataset = kimio.check_text(text, "nfd.yaml").dataset
    assert dataset is not None
    (hit,) = search(dataset, "einbürgerung")
    assert [hit.text[a:b] for a, b in hit.spans] == [title[4:]]


def test_empty_query_is_an_error(ds: Dataset) -> None:
    with pytest.raises(NotFoundError):
        search(ds, " ... ")


def test_no_match_is_an_empty_list(ds: Dataset) -> None:
    assert search(ds, "quantenphysik") == []


# -- timeline ------------------------------------------------------------------------------


def test_timeline_is_in_date_order(ds: Dataset) -> None:
    assert ids(timeline(ds, TimelineFilter())) == [
        "insel", "einbuergerung", "einwanderung-gestalten", "laufend", "einwanderung-steuern",
        "programm"]


def test_reverse(ds: Dataset) -> None:
    forward = ids(timeline(ds, TimelineFilter()))
    assert ids(timeline(ds, TimelineFilter(reverse=True))) == forward[::-1]


def test_from_to_keeps_everything_that_overlaps(ds: Dataset) -> None:
    flt = TimelineFilter(start=year(2019), end=year(2019, upper=True))
    # 2017/2020 and 2019/.. overlap 2019 even though neither starts or ends in it.
    assert ids(timeline(ds, flt)) == ["einwanderung-gestalten", "laufend", "einwanderung-steuern"]


def test_from_alone(ds: Dataset) -> None:
    flt = TimelineFilter(start=year(2020))
    assert ids(timeline(ds, flt)) == ["einwanderung-gestalten", "laufend", "programm"]


def test_to_alone(ds: Dataset) -> None:
    flt = TimelineFilter(end=year(2012, upper=True))
    assert ids(timeline(ds, flt)) == ["insel", "einbuergerung"]


def test_bounds_are_inclusive_to_the_day(ds: Dataset) -> None:
    day = dt.date(2020, 11, 25).toordinal()
    assert "programm" in ids(timeline(ds, TimelineFilter(start=day, end=day)))
    assert "programm" not in ids(timeline(ds, TimelineFilter(start=day + 1)))
    assert "programm" not in ids(timeline(ds, TimelineFilter(end=day - 1)))


def test_open_end_reaches_this_year(ds: Dataset) -> None:
    current = getattr(dates, "current_day", dt.date.today)()
    flt = TimelineFilter(start=year(current.year))
    assert "laufend" in ids(timeline(ds, flt))


def test_kind_filter_is_case_insensitive(ds: Dataset) -> None:
    assert ids(timeline(ds, TimelineFilter(kinds=("programm",)))) == ["laufend", "programm"]


def test_repeated_kind_means_either(ds: Dataset) -> None:
    flt = TimelineFilter(kinds=("Gesetz", "Bericht"))
    assert ids(timeline(ds, flt)) == ["insel", "einbuergerung"]


def test_repeated_tag_means_either(ds: Dataset) -> None:
    assert ids(timeline(ds, TimelineFilter(tags=("recht",)))) == ["einbuergerung"]
    flt = TimelineFilter(tags=("recht", "fest"))
    assert ids(timeline(ds, flt)) == ["einbuergerung", "einwanderung-steuern"]


def test_kind_and_tag_and_range_all_apply(ds: Dataset) -> None:
    flt = TimelineFilter(start=year(2018), kinds=("Modellprojekt", "Veranstaltung"),
                         tags=("projekt",), reverse=True)
    assert ids(timeline(ds, flt)) == ["einwanderung-steuern", "einwanderung-gestalten"]


def test_unknown_kind_gives_nothing(ds: Dataset) -> None:
    assert timeline(ds, TimelineFilter(kinds=("Nichts",))) == []


# -- references ----------------------------------------------------------------------------


def test_referenced_by(ds: Dataset) -> None:
    incoming = referenced_by(ds, "programm")
    assert sorted((link.other, link.rel) for link in incoming) == [
        ("einwanderung-gestalten", "fuehrte-zu"), ("laufend", "regelt")]
    assert all(not link.outgoing for link in incoming)
    assert referenced_by(ds, "insel") == []
    assert [link.note for link in incoming if link.other == "laufend"] == ["§ 9"]


def test_shortest_path_follows_references_forwards(ds: Dataset) -> None:
    path = shortest_path(ds, "einwanderung-gestalten", "einbuergerung")
    assert [node for node, _ in path] == ["einwanderung-gestalten", "programm", "einbuergerung"]
    assert path[0][1] is None
    assert [(link.rel, link.outgoing) for _, link in path[1:]] == [
        ("fuehrte-zu", True), ("regelt", True)]


def test_shortest_path_follows_references_backwards(ds: Dataset) -> None:
    path = shortest_path(ds, "einbuergerung", "laufend")
    assert [node for node, _ in path] == ["einbuergerung", "programm", "laufend"]
    assert all(not link.outgoing for _, link in path[1:])


def test_shortest_path_to_itself(ds: Dataset) -> None:
    assert shortest_path(ds, "programm", "programm") == [("programm", None)]


def test_no_path(ds: Dataset) -> None:
    assert shortest_path(ds, "insel", "programm") == []
