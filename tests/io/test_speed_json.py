"""JSON at C speed (issue 17): the same bytes as json.dumps(indent=2), with and without orjson."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT as _ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from kimcli import jsontext
from kimcli.export.data import dataset_record
from kimcli.export.registry import ExportFormat, export_chunks, render_export
from kimcli.export.timelines import to_timelinejs
from kimcli.io.loading import load
from kimcli.render.inert import json_escape, replace_unsafe

ROOT = _ROOT
BUNDLED = ROOT / "data" / "kim.yaml"
KIM = Path(sys.executable).parent / "kim"

try:
    import orjson  # noqa: F401

    HAS_ORJSON = True
except ImportError:
    HAS_ORJSON = False


def reference(value: Any) -> str:
    """What kim wrote before: the pure-Python indenting encoder, then the inert escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False,
                      default=list)  # a Stream is the list it stands for
    return replace_unsafe(text, json_escape)


@pytest.fixture(params=["c", "orjson"])
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs on the C-encoder path and, when orjson is installed, on orjson's."""
    if request.param == "c":
        monkeypatch.setattr(jsontext, "_orjson", None)
    elif not HAS_ORJSON:
        pytest.skip("orjson is not installed here: the optional fast path cannot be compared")
    else:
        assert jsontext._orjson is not None
    return str(request.param)


SCALARS = st.one_of(
    st.text(), st.integers(), st.booleans(), st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=2**63, max_value=2**80),
    st.sampled_from(["\x00\x1f\x7f\u2028\u200b\ufeff", "\"\\/\b\f\n\r\t", "ü€😀", ""]),
)
KEYS = st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=30,
)


@given(value=VALUES, size=st.sampled_from([1, 7, 1 << 16]))
@settings(max_examples=300, deadline=None)
def test_chunks_are_the_bytes_json_dumps_writes(value: Any, size: int) -> None:
    for orjson_module in {jsontext._orjson, None}:
        saved = jsontext._orjson
        jsontext._orjson = orjson_module
        try:
            assert "".join(jsontext.chunks(value, size)) == reference(value)
        finally:
            jsontext._orjson = saved


def test_a_stream_is_written_as_its_list(encoder: str) -> None:
    stream = jsontext.Stream(range(3), lambda i: {"n": i, "tags": ["a", str(i)], "x": {}})
    doc = {"head": [], "items": stream, "tail": {"k": [1, [2, {"z": None}]]}}
    expected = reference({"head": [], "items": [{"n": i, "tags": ["a", str(i)], "x": {}}
                                                for i in range(3)],
                          "tail": {"k": [1, [2, {"z": None}]]}})
    assert jsontext.dumps(doc) == expected
    assert jsontext.dumps(jsontext.Stream([], str)) == "[]"


def test_large_documents_come_in_pieces() -> None:
    doc = {"milestones": jsontext.Stream(range(5000), lambda i: {"id": f"m{i}", "n": i})}
    pieces = list(jsontext.chunks(doc, 4096))
    assert len(pieces) > 10
    assert max(map(len, pieces)) < 4096 + 200
    assert "".join(pieces) == reference(doc)


def test_export_json_bytes_are_unchanged(encoder: str) -> None:
    dataset = load(BUNDLED)
    items = list(dataset.chronological())
    expected = reference(dataset_record(dataset, items)) + "\n"
    assert render_export(ExportFormat.json, dataset, items, 100) == expected
    pieces = list(export_chunks(ExportFormat.json, dataset, items, 100))
    assert "".join(pieces) == expected
    assert json.loads(expected)["milestones"][0]["title"]


def test_export_timelinejs_bytes_are_unchanged(encoder: str) -> None:
    dataset = load(BUNDLED)
    items = list(dataset.chronological())
    expected = reference(to_timelinejs(dataset, items)) + "\n"
    assert render_export(ExportFormat.timelinejs, dataset, items, 100) == expected
    assert len(json.loads(expected)["events"]) == len(items)


def test_export_of_nothing_keeps_its_shape(encoder: str) -> None:
    dataset = load(BUNDLED)
    assert reference(to_timelinejs(dataset, [])) + "\n" == render_export(
        ExportFormat.timelinejs, dataset, [], 100)
    assert reference(dataset_record(dataset, [])) + "\n" == render_export(
        ExportFormat.json, dataset, [], 100)


@pytest.mark.parametrize("args", [["timeline", "--json"], ["search", "TIntG", "--json"],
                                  ["show", "kim-start-2020", "--json"]])
def test_installed_kim_json_matches_the_reference(args: list[str], tmp_path: Path) -> None:
    """`--json` from the installed kim parses and is the indenting encoder's text."""
    out = subprocess.run([str(KIM), *args], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "KIM_CACHE_DIR": str(tmp_path),
                              "COLUMNS": "80"}).stdout
    assert out == reference(json.loads(out)) + "\n"


def test_export_to_a_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    subprocess.run([str(KIM), "export", "-f", "json", "-o", str(target)], check=True,
                   capture_output=True, env={"PATH": "/usr/bin:/bin",
                                             "KIM_CACHE_DIR": str(tmp_path)})
    dataset = load(BUNDLED)
    expected = reference(dataset_record(dataset, list(dataset.chronological()))) + "\n"
    assert target.read_text(encoding="utf-8") == expected
