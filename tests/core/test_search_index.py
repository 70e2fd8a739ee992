"""The indexed search gives exactly the results of a plain scan over every record.

The scan below is kim's search as it was before the index: it folds every record and scores
each one. It stays here as the reference the index must agree with, hit for hit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import FROZEN, SMALL, generate
from hypothesis import given, settings
from hypothesis import strategies as st

from kimcli import index, query
from kimcli import io as kimio
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import SearchField
from kimcli.fuzzy import TOKEN_RE, distance, fold, fold_text, tokens
from kimcli.io import cache

# The reference's own rules, written down here rather than borrowed from kimcli.query: the
# fields that name a record, the terse ones, how a word matches a token and where it is shown.
NAMES = {SearchField.ID, SearchField.ALIAS, SearchField.TITLE, SearchField.GLOSSARY}
TERSE = {SearchField.ID, SearchField.TAG, SearchField.KIND}
WORD = re.compile("[\\w§\u0300-\u036f]+")


def word_matches(word: str, vocabulary: set[str]) -> dict[str, float]:
    """Tokens a query word finds, with a quality: the same word 1, a prefix 0.85, inside a
    longer word 0.7 (from four letters), one or two typos 0.6, a typo in a prefix 0.5. Short
    words and numbers need the exact letters."""
    typos = 0 if len(word) <= 3 or word.isdigit() else (1 if len(word) <= 7 else 2)
    found: dict[str, float] = {}
    for tok in vocabulary:
        if tok == word:
            found[tok] = 1.0
        elif len(word) >= 2 and tok.startswith(word):
            found[tok] = 0.85
        elif len(word) >= 4 and word in tok:
            found[tok] = 0.7
        elif typos and distance(word, tok, typos) <= typos:
            found[tok] = 0.6
        elif typos and len(tok) > len(word) and distance(word, tok[:len(word)], 1) <= 1:
            found[tok] = 0.5
    return found


def spans(value: str, matched: set[str]) -> tuple[tuple[int, int], ...]:
    """Where in the shown text the matched words are."""
    return tuple(m.span() for m in WORD.finditer(value) if fold(m.group()) in matched)


def scan(dataset: Dataset, text: str, limit: int | None = None) -> list[query.Hit]:
    """The reference: fold and score every record."""
    words = list(dict.fromkeys(tokens(text)))
    records = [index.fields(dataset, i) for i in range(index.record_count(dataset))]
    folded = [fold_text("\x00".join(t for _, t, _ in pairs)) for pairs in records]
    vocabulary: set[str] = set()
    for t in folded:
        vocabulary.update(TOKEN_RE.findall(t))
    matches = {w: word_matches(w, vocabulary) for w in words}
    if not all(matches.values()):
        return []
    n = len(dataset.milestones)

    def name(i: int) -> str:
        return dataset.milestones[i].id if i < n else dataset.glossary[i - n].term

    scored = []
    for i, t in enumerate(folded):
        toks = set(TOKEN_RE.findall(t))
        if any(toks.isdisjoint(matches[w]) for w in words):
            continue
        parts = [fold(x) for _, x, _ in records[i]]
        best_per_word = dict.fromkeys(words, 0.0)
        exact_name = False
        best = None
        for j, ((field, _, _), part) in enumerate(zip(records[i], parts, strict=True)):
            found = TOKEN_RE.findall(part)
            ftoks = set(found)
            matched: set[str] = set()
            n_words = 0
            for w in words:
                common = ftoks.intersection(matches[w])
                if common:
                    n_words += 1
                    matched |= common
                    value = max(matches[w][x] for x in common) * field.weight
                    best_per_word[w] = max(best_per_word[w], value)
            if not n_words:
                continue
            exact_name = exact_name or (field in NAMES and found == words)
            rank = n_words * 100 + field.weight - (
                20 if field in TERSE else 0)
            if best is None or rank > best[0]:
                best = (rank, j, matched)
        assert best is not None
        total = sum(best_per_word.values()) + (query.EXACT_NAME_BONUS if exact_name else 0.0)
        if len(words) > 1 and " ".join(words) in t:
            total *= query.PHRASE_BONUS
        scored.append((total, i, best[1], best[2]))
    scored.sort(key=lambda x: (-x[0], x[1] >= n, name(x[1])))
    hits = []
    for total, i, j, matched in scored[:limit] if limit else scored:
        kind, value, translates = records[i][j]
        if i < n:
            m = dataset.milestones[i]
            hits.append(query.Hit("milestone", m.id, m.title, kind, value,
                                  spans(value, matched), round(total, 3), milestone=m,
                                  translates=translates))
        else:
            g = dataset.glossary[i - n]
            hits.append(query.Hit("glossary", g.term, g.term, kind, value,
                                  spans(value, matched), round(total, 3), entry=g))
    return hits


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path = tmp_path_factory.mktemp("synthetic") / "s.yaml"
    path.write_text(generate(400, seed=7), encoding="utf-8")
    return kimio.load(path)


@pytest.fixture(scope="module")
def frozen() -> Dataset:
    return kimio.load(FROZEN)


QUERIES = ["TIntG", "KI", "einbürgerung", "einbuergerung", "einwanderung gestlaten",
           "Case Management", "§ 9", "Modellkommunen", "kommunale integrationszentren",
           "MKFFI", "2020", "Kreis Lippe", "integration kommune", "strategie 2030", "xyzzy",
           "gesetz integration teilhabe", "Fallmanagment", "ein", "integration integration"]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", [None, 1, 3, 10])
def test_frozen_index_equals_scan(frozen: Dataset, text: str, limit: int | None) -> None:
    assert cache.search(frozen, text, limit) == scan(frozen, text, limit)


@pytest.mark.parametrize("text", ["integration kommune", "kommune integration", "gesetz",
                                  "strategie steuerung wohnen", "einburgerung", "netzwerk m1",
                                  "zuwanderung beratung", "m12", "qualitat ubergang"])
@pytest.mark.parametrize("limit", [None, 2, 10])
def test_synthetic_index_equals_scan(synthetic: Dataset, text: str, limit: int | None) -> None:
    assert cache.search(synthetic, text, limit) == scan(synthetic, text, limit)


WORDS = ["integration", "kommune", "gesetz", "ki", "einbürgerung", "kreis", "2012", "§",
         "teilhabe", "strategie", "modell", "intgration", "kommunal", "lippe", "case"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
       st.one_of(st.none(), st.integers(1, 5)))
def test_any_query_index_equals_scan(frozen: Dataset, picked: list[str],
                                     limit: int | None) -> None:
    text = " ".join(picked)
    assert cache.search(frozen, text, limit) == scan(frozen, text, limit)


def test_index_survives_the_cache_round_trip(synthetic: Dataset) -> None:
    built = index.build(synthetic)
    stored = json.loads(json.dumps(index.to_record(built)))
    again = index.from_record(stored)
    assert again is not None
    assert all(isinstance(v, str) for v in again.postings.values())
    for token in ("integration", "kommune", "m12"):
        assert list(again.entries(token)) == list(built.entries(token))
    assert query.search(synthetic, "integration kommune", 5, index=again) == \
        scan(synthetic, "integration kommune", 5)


def test_repeated_search_reads_the_index_from_the_cache(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KIM_NO_CACHE", raising=False)
    data = tmp_path / "big.yaml"
    data.write_text(generate(300, seed=3), encoding="utf-8")
    assert data.stat().st_size >= cache.MIN_BYTES
    first = kimio.load(data)
    expected = scan(first, "integration kommune", 10)
    assert cache.search(first, "integration kommune", 10) == expected
    entries = sorted(p.name for p in (tmp_path / "cache").iterdir() if p.name != "secret.key")
    assert len(entries) == 1 and entries[0].endswith(".db")  # the dataset's database
    assert cache.search(kimio.load(data, lazy=True), "integration kommune", 10) == expected
    entries = sorted(p.name for p in (tmp_path / "cache").iterdir() if p.name != "secret.key")
    assert len(entries) == 2 and entries[1].endswith(".search.db")  # made by the first search
    again = kimio.load(data, lazy=True)
    assert again.digest == first.digest != ""
    built = []
    monkeypatch.setattr(index, "build", lambda ds: built.append(ds) or pytest.fail("rebuilt"))
    assert cache.search(again, "integration kommune", 10) == expected
    assert not built


def _sql(data: Path, *statements: str) -> None:
    """Change the search index's database behind kim's back (rows keep their old macs)."""
    import sqlite3

    from kimcli.io import store

    cache.search(kimio.load(data, lazy=True), "x")  # the first search makes it
    target = store.entry(str(data), "search")
    assert target is not None
    with sqlite3.connect(target) as conn:
        for statement in statements:
            conn.execute(statement)


def test_a_damaged_cached_index_is_rebuilt_not_trusted(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KIM_NO_CACHE", raising=False)
    data = tmp_path / "big.yaml"
    data.write_text(generate(300, seed=3), encoding="utf-8")
    expected = scan(kimio.load(data), "kommune", 3)
    _sql(data, "update postings set numbers = '99999999 x'")
    assert cache.search(kimio.load(data, lazy=True), "kommune", 3) == expected
    for entry in (tmp_path / "cache").glob("*.db"):
        entry.write_text("{not json", encoding="utf-8")
    assert cache.search(kimio.load(data, lazy=True), "kommune", 3) == expected


def test_small_dataset_search_needs_no_cache(tmp_path: Path) -> None:
    dataset = kimio.load(SMALL)
    assert dataset.digest == ""
    assert cache.search(dataset, "einburgerung") == scan(dataset, "einburgerung")


def _cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int = 300) -> Path:
    monkeypatch.setenv("KIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KIM_NO_CACHE", raising=False)
    data = tmp_path / "big.yaml"
    data.write_text(generate(n, seed=3), encoding="utf-8")
    return data


@pytest.mark.parametrize("damage", [
    "delete from meta where key = 'stride'", "update meta set value = '0' where key = 'stride'",
    "update meta set value = 'x' where key = 'stride'", "delete from postings",
    "update meta set value = '99' where key = 'format'",
    "update postings set numbers = '1 2 x' where token = 'kommune'",
    "update postings set token = 'kommunen' where token = 'kommune'",
    "update exact set tokens = 'kommune'",
])
def test_a_damaged_index_is_replaced_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              damage: str) -> None:
    data = _cached(tmp_path, monkeypatch)
    dataset = kimio.load(data)
    expected = scan(dataset, "kommune", 3)
    assert cache.search(kimio.load(data, lazy=True), "kommune", 3) == expected
    _sql(data, damage)
    assert cache.search(kimio.load(data, lazy=True), "kommune", 3) == expected
    # The damaged database was replaced by a good one, so the next search need not build again.
    monkeypatch.setattr(index, "build", lambda ds: pytest.fail("built again"))
    assert cache.search(kimio.load(data, lazy=True), "kommune", 3) == expected


def test_an_index_follows_the_file_it_was_made_for(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = _cached(tmp_path, monkeypatch)
    assert cache.search(kimio.load(data, lazy=True), "einzigartigeswort") == []
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('    title: "', '    title: "Einzigartigeswort ', 1),
                    encoding="utf-8")
    changed = kimio.load(data, lazy=True)
    hits = cache.search(changed, "einzigartigeswort")
    assert hits and hits == scan(kimio.load(data), "einzigartigeswort")


def test_an_index_of_another_kim_version_is_not_used(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = _cached(tmp_path, monkeypatch)
    dataset = kimio.load(data)
    _sql(data, "update meta set value = '0.0.0' where key = 'kim'")
    assert cache.search(kimio.load(data, lazy=True), "kommune") == scan(dataset, "kommune")


def test_search_after_the_file_went_away(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _cached(tmp_path, monkeypatch)
    dataset = kimio.load(data)
    data.unlink()
    assert cache.search(dataset, "kommune", 2) == scan(dataset, "kommune", 2)


@pytest.mark.parametrize("limit", [-1, 0])
def test_odd_limits_behave_as_before(frozen: Dataset, limit: int) -> None:
    for text in ("einwanderung gestalten", "kim"):
        assert cache.search(frozen, text, limit) == scan(frozen, text, limit)
