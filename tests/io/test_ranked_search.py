"""Search from the cache database (issue #16): one word with a limit is answered from the
records stored in rank order, and a vocabulary kept as one text is matched by string search;
both give exactly what the pure search gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cached_dataset, generate
from hypothesis import given, settings
from hypothesis import strategies as st

from kimcli import io as kimio
from kimcli import query
from kimcli.fuzzy import fold
from kimcli.index import Vocabulary
from kimcli.io import answers, cache, lazy, store

LETTERS = "aeinrstuäß§1"
token = st.text(LETTERS, min_size=1, max_size=9).map(fold).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(token, max_size=60, unique=True), token)
def test_matching_a_vocabulary_text_finds_what_the_loop_finds(tokens: list[str],
                                                              word: str) -> None:
    text, spans = Vocabulary.of(tokens)
    vocabulary = Vocabulary(text, {length: (a, b) for length, a, b in spans})
    assert sorted(vocabulary) == sorted(tokens) and len(vocabulary) == len(tokens)
    assert query.word_matches(word, vocabulary) == query.word_matches(word, list(tokens))


def test_a_long_vocabulary_is_sifted_the_same() -> None:
    # More longer tokens than are measured one by one: the regular expression sifts them.
    tokens = [f"integration{i}" for i in range(6000)] + ["intgeration7", "integratoin",
                                                          "xntegrationx", "integrat"]
    text, spans = Vocabulary.of(tokens)
    vocabulary = Vocabulary(text, {length: (a, b) for length, a, b in spans})
    for word in ("integration", "integratoin", "ntegrat", "integ"):
        assert query.word_matches(word, vocabulary) == query.word_matches(word, tokens)


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object, object]:
    folder = tmp_path_factory.mktemp("ranked")
    data = folder / "g.yaml"
    data.write_text(generate(600), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KIM_CACHE_DIR", str(folder / "cache"))
        mp.setattr(cache, "MIN_BYTES", 0)
        kimio.load(data)  # builds the database
        lazy_ds = kimio.load(data, lazy=True)
        db = lazy.store_of(lazy_ds)
        assert db is not None
        answers.search(lazy_ds, "x")  # builds the search index's database
        found = store.open_search(db.path, db.digest)
        assert found is not None
        whole = kimio.check(data, cached=False)
    return lazy_ds, whole.dataset, found


WORDS = ["integration", "Integratoin", "m1", "m12", "m100", "a7", "begriff1", "Begriff12",
         "kommune", "bildng", "2019", "t5", "§", "zz", "ntegration", "steuerung"]


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize("limit", [1, 3, 10, 200])
def test_one_word_from_the_ranked_records_is_the_pure_search(
        datasets: tuple[object, object, object], word: str, limit: int) -> None:
    lazy_ds, whole, found = datasets
    ranked = answers._ranked(found, lazy_ds, word, limit)  # type: ignore[arg-type]
    expected = query.search(whole, word, limit)  # type: ignore[arg-type]
    assert ranked is not None
    assert ranked == expected


def test_several_words_or_no_limit_are_not_such_a_question(
        datasets: tuple[object, object, object]) -> None:
    lazy_ds, _, found = datasets
    assert answers._ranked(found, lazy_ds, "integration kommune", 5) is None  # type: ignore[arg-type]
    assert answers._ranked(found, lazy_ds, "integration", None) is None  # type: ignore[arg-type]


def test_a_damaged_ranked_row_is_noticed(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    data = cached_dataset(tmp_path, monkeypatch, generate(200), "g.yaml")
    source = kimio.check(data, cached=False).dataset
    assert source is not None
    expected = query.search(source, "integration", 5)
    kimio.load(data)  # builds the database
    assert answers.search(kimio.load(data, lazy=True), "integration", 5) == expected
    target = store.entry(str(data), "search")
    assert target is not None and target.exists()
    with sqlite3.connect(target) as conn:
        conn.execute("UPDATE ranked SET ranks = '0 1 2' WHERE token = 'integration'")
        conn.execute("UPDATE ranks SET record = 3 WHERE rank = 0")
    conn.close()
    assert answers.search(kimio.load(data, lazy=True), "integration", 5) == expected
