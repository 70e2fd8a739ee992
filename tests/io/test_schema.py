"""`kim schema` and the validator agree: what the schema rejects kim rejects, and what kim
accepts the schema accepts (kim checks more: ids, references, real calendar days)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import PLAIN_ENV, TESTS, as_json, said
from typer.testing import CliRunner

from kimcli import i18n
from kimcli import io as kimio
from kimcli.cli import app

BAD = TESTS / "bad_inputs"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    result = CliRunner().invoke(app, ["schema"], env=PLAIN_ENV)
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


CASES = [*sorted(BAD.glob("*.yaml")), TESTS / "fixtures" / "small.yaml",
         TESTS.parent / "docs" / "examples" / "broken.yaml"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_schema_and_validator_agree(validator, path: Path) -> None:  # type: ignore[no-untyped-def]
    report = kimio.check(path)
    bomb = i18n.t("load.too_many_aliases", limit=0).split("(")[0]
    if any(said(d).startswith(bomb) for d in report.errors):
        pytest.skip("an alias bomb: expanding it for the schema checker would never end")
    try:
        data = yaml.safe_load(path.read_bytes())
    except (yaml.YAMLError, UnicodeDecodeError, ValueError):
        pytest.skip("not YAML an editor could check either")
    schema_ok = validator.is_valid(as_json(data))
    if not schema_ok:
        assert report.errors, f"{path.name}: the schema rejects it, kim accepts it"
    if not report.errors:
        assert schema_ok, f"{path.name}: kim accepts it, the schema rejects it"
