"""The dataset kim ships (data/kim.yaml): valid, complete and connected. Only the tests in
tests/data read it; code tests use tests/fixtures/kim-frozen.yaml and stay as they are when
the data is updated."""

from __future__ import annotations

import json

import jsonschema
import yaml
from helpers import BUNDLED_ENV, as_json
from typer.testing import CliRunner

from kimcli import io as kimio
from kimcli import query
from kimcli.cli import app

runner = CliRunner()
BUNDLED = kimio.default_data_path()


def kim(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=BUNDLED_ENV)


def test_bundled_dataset_is_strictly_valid() -> None:
    result = kim("validate", "--strict")
    assert result.exit_code == 0, result.stderr


def test_bundled_dataset_stays_clean_under_strict() -> None:
    result = kim("validate", "--strict", str(BUNDLED))
    assert result.exit_code == 0, result.output


def test_bundled_dataset_satisfies_the_schema() -> None:
    schema = json.loads(kim("schema").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    errors = list(validator.iter_errors(as_json(data)))
    assert errors == [], [e.message for e in errors[:3]]


def test_bundled_graph_is_connected() -> None:
    ds = kimio.load(BUNDLED)
    first = ds.milestones[0].id
    for m in ds.milestones:
        assert query.shortest_path(ds, first, m.id), m.id


def test_kim_without_data_shows_every_bundled_milestone() -> None:
    """No --data and no KIM_DATA: the timeline is the shipped file's, read here by PyYAML."""
    written = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))["milestones"]
    shown = json.loads(kim("timeline", "--json").stdout)
    assert sorted(m["id"] for m in shown) == sorted(m["id"] for m in written)


def test_kim_funding_amounts_stay_side_by_side_with_their_years() -> None:
    """The amounts named for KIM are kept as a disagreement with their sources and years, not
    cut to one value: 75 Mio. € "im Endausbau" (kim.nrw, no year), 75 Mio. € for 2022 (CDU
    budget speech of 24.11.2021), over 65 Mio. € for 2025 (Grünen-Fraktion)."""
    ds = kimio.load(BUNDLED)
    dispute = next(d for m in ds.milestones for d in m.disputes if d.topic == "Höhe der KIM-Mittel")
    claims = {(c.sources, c.date.edtf() if c.date else None) for c in dispute.claims}
    assert claims == {(("S05",), None), (("S114",), "2022"), (("S63",), "2025")}
    speech = ds.sources["S114"]
    assert speech.url and speech.url.startswith("https://www.cdu-nrw-fraktion.de/")
    assert speech.date is not None and speech.date.edtf() == "2021-11-24"
    assert speech.accessed is not None
