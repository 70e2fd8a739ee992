"""The cache database's first build takes shortcuts with the very bytes of the long way: records
written as JSON by the C encoder straight from their tuples, row macs computed inline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, generate

from kimcli import dates
from kimcli.domain.fields import ACTOR, GLOSSARY_ENTRY, MILESTONE, SOURCE, Fact, Milestone, Spec
from kimcli.io import codec, dbwrite, store
from kimcli.io.loading import check

_DISPUTE = next(f.of for f in MILESTONE.fields if f.name == "disputes")


def _long_way(record: Any, spec: Spec) -> str:
    return json.dumps(codec.encode(record, spec), ensure_ascii=False, separators=(",", ":"))


def _records(path: Path) -> list[tuple[Spec, Any]]:
    report = check(path, cached=False)
    ds = report.dataset
    assert ds is not None
    found: list[tuple[Spec, Any]] = [(MILESTONE, m) for m in ds.milestones]
    found += [(SOURCE, s) for s in ds.sources.values()]
    found += [(ACTOR, a) for a in ds.actors.values()]
    found += [(GLOSSARY_ENTRY, g) for g in ds.glossary]
    found += [(_DISPUTE, d) for m in ds.milestones for d in m.disputes]  # type: ignore[misc]
    return found


@pytest.mark.parametrize("name", ["bundled", "generated"])
def test_records_are_written_as_their_encoding_says(name: str, tmp_path: Path) -> None:
    path = ROOT / "data" / "kim.yaml"
    if name == "generated":
        path = tmp_path / "g.yaml"
        path.write_text(generate(200, seed=3), encoding="utf-8")
    records = _records(path)
    assert {spec.name for spec, _ in records} >= {"milestone", "source", "glossary_entry"}
    for spec, record in records:
        assert codec.direct(spec)
        assert dbwrite.record_json(record, spec) == _long_way(record, spec)


def test_odd_text_is_written_as_the_encoder_writes_it() -> None:
    odd = "\x00\x1f\x7f\u2028\u00ad\"\\\n\t😀 Zürich"
    when = dates.parse("2019-03~/..")
    m = Milestone(odd, odd, when, odd, odd, date_label=odd, tags=(odd, ""),
                  facts=(Fact(odd, (odd,), None, when),), en=(("title", odd),), line=7)
    assert dbwrite.record_json(m, MILESTONE) == _long_way(m, MILESTONE)


def test_a_spec_with_a_mapping_is_encoded_the_long_way() -> None:
    from kimcli.domain.dataset import DATASET

    assert not codec.direct(DATASET)  # sources, actors, relations: mappings of records


def test_inline_row_macs_are_the_signers() -> None:
    sign = store.Signer(b"s" * 32, "digest")
    rows = [(1, "a", None, b"x"), (2, "ü\udcff", 3, ""), (3, "b", "c\x00d")]
    assert list(dbwrite.with_macs(sign, "refs", rows)) == [(*r, sign("refs", r)) for r in rows]
