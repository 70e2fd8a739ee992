"""The commands through Typer's runner and through the installed entry point."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from helpers import PLAIN_ENV, SMALL, installed_kim, plain_env
from typer.testing import CliRunner

from kimcli import __version__, i18n
from kimcli.cli import app

runner = CliRunner()


def kim(*args: str, **env: str | None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={**PLAIN_ENV, **env})


def test_version() -> None:
    result = kim("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"kim {__version__}"


def test_timeline_lists_history_in_order() -> None:
    result = kim("timeline")
    assert result.exit_code == 0, result.output
    out = result.stdout
    order = ["kommunale-integrationszentren", "migration-2015-2016", "einwanderung-gestalten",
             "strategie-2030", "kim-start-2020", "kim-richtlinie-2020", "tintg-novelle-2022"]
    positions = [out.index(i) for i in order]
    assert positions == sorted(positions)
    assert "2017–2020" in out and "Anfang 2022" in out and "Nov. 2020" in out


def test_timeline_json_filters_by_overlap() -> None:
    result = kim("timeline", "--from", "2019", "--to", "2020", "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    ids = [m["id"] for m in items]
    assert "einwanderung-gestalten" in ids  # 2017/2020 overlaps 2019–2020
    assert "tintg-2012" not in ids
    for m in items:
        assert {"id", "title", "date", "kind", "summary"} <= set(m)


def test_timeline_kind_tag_reverse() -> None:
    laws = json.loads(kim("timeline", "--kind", "gesetz", "--json", "--data", str(SMALL)).stdout)
    assert [m["id"] for m in laws] == ["gesetz-alt", "novelle"]
    rev = json.loads(kim("timeline", "--reverse", "--json", "--data", str(SMALL)).stdout)
    assert rev[0]["id"] == "novelle" and rev[-1]["id"] == "gesetz-alt"
    both = json.loads(kim("timeline", "-t", "projekt", "-t", "recht", "--json",
                          "--data", str(SMALL)).stdout)
    assert {m["id"] for m in both} == {"gesetz-alt", "projekt", "novelle"}


def test_timeline_bad_option_is_usage_error() -> None:
    result = kim("timeline", "--from", "2020-13")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert kim("timeline", "--from", "2021", "--to", "2019").exit_code == 2


def test_show_names_model_municipalities_refs_and_sources() -> None:
    result = kim("show", "einwanderung-gestalten")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "12 Modellkommunen" in out and "2017–2020" in out
    assert "kim-start-2020" in out and "https://kim.nrw/" in out


def test_show_finds_alias_prefix_and_folded_case() -> None:
    for query in ("EWG", "ewg", "einwanderung-g", "Einwanderung-Gestalten"):
        result = kim("show", query, "--json")
        assert result.exit_code == 0, query
        assert json.loads(result.stdout)["id"] == "einwanderung-gestalten"


def test_show_json_has_refs_and_backlinks() -> None:
    data = json.loads(kim("show", "programm", "--json", "--data", str(SMALL)).stdout)
    assert data["refs"] == [{"to": "gesetz-alt", "rel": "regelt"}]
    assert {"from": "projekt", "rel": "fuehrte-zu"} in data["referenced_by"]
    assert {"from": "novelle", "rel": "regelt", "note": "§ 9"} in data["referenced_by"]


def test_show_unknown_suggests_and_exits_not_found() -> None:
    result = kim("show", "einwanderung-gestaltn")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "einwanderung-gestalten" in result.stderr


@pytest.mark.parametrize("query", ["einburgerung", "einbuergerung", "Einbürgerung"])
def test_search_folds_umlauts(query: str) -> None:
    result = kim("search", query, "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits and any("Einbürgerung" in h["text"] for h in hits)


@pytest.mark.parametrize("query,expected", [
    ("einwanderung gestlaten", "einwanderung-gestalten"),
    ("TIntG", "tintg-novelle-2022"),
    ("EWG", "einwanderung-gestalten"),
    ("MKFFI", "ministerium-umbenennung-2022"),
    ("Modellkommunen", "einwanderung-gestalten"),
    ("§ 9", "tintg-novelle-2022"),
    ("Case Management", "kim-start-2020"),
    ("KI", "kommunale-integrationszentren"),
])
def test_newcomer_searches_land(query: str, expected: str) -> None:
    hits = json.loads(kim("search", query, "--json", "--limit", "5").stdout)
    assert expected in [h["id"] for h in hits], (query, [h["id"] for h in hits])


def test_search_limit_and_no_hits() -> None:
    hits = json.loads(kim("search", "KIM", "--json", "-n", "2").stdout)
    assert len(hits) == 2
    result = kim("search", "xylophonorchester")
    # Nothing found is no error: nothing on stdout, a note on stderr, exit 0.
    assert result.exit_code == 0 and result.stdout == "" and "keine Treffer" in result.stderr


def test_data_from_environment() -> None:
    result = kim("timeline", "--json", KIM_DATA=str(SMALL))
    assert next(m["id"] for m in json.loads(result.stdout)) == "gesetz-alt"


def test_missing_data_file_is_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = kim("timeline", "--data", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "nope.yaml" in result.stderr and result.stdout == ""


def test_validate_reports_all_errors_sorted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nmilestones:\n  - id: a\n    titel: A\n    date: 2021-02-30\n"
                   "    kind: K\n    summary: S\n", encoding="utf-8")
    result = kim("validate", str(bad))
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{bad}:4:5: Fehler: unbekanntes Feld „titel“")
    assert lines[1].startswith(f"{bad}:5:11: Fehler: Datum „2021-02-30“")
    assert "2 Fehler" in lines[-1]
    same = kim("timeline", "--data", str(bad))
    assert same.exit_code == 1 and same.stderr.splitlines()[:2] == lines[:2]


def test_validate_strict_turns_warnings_into_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "w.yaml"
    f.write_text("title: T\nmilestones:\n  - {id: a, title: A, date: 2020, kind: K, summary: S}\n",
                 encoding="utf-8")
    assert kim("validate", str(f)).exit_code == 0
    strict = kim("validate", str(f), "--strict")
    assert strict.exit_code == 1 and "nennt keine Quelle" in strict.stderr


def test_json_stays_json_for_hostile_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "h.yaml"
    f.write_text('title: T\nmilestones:\n  - id: m1\n    title: "[red]x\\e[2J \\u202e :smile:"\n'
                 "    date: '2020'\n    kind: K\n    summary: 'a \"quoted\" \\\\ text'\n",
                 encoding="utf-8")
    out = kim("show", "m1", "--json", "--data", str(f)).stdout
    data = json.loads(out)
    assert data["title"] == "[red]x\x1b[2J \u202e :smile:"
    assert "\x1b" not in out and "\u202e" not in out


def test_every_command_help_has_an_example() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = kim(name, "--help")
        assert result.exit_code == 0
        assert re.search(rf"{i18n.t('help.example')}: kim {name}", result.stdout), name


def test_installed_entry_point_runs_like_a_user(tmp_path) -> None:  # type: ignore[no-untyped-def]
    exe = installed_kim()
    env = plain_env()
    out = subprocess.run([exe, "timeline"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "einwanderung-gestalten" in out.stdout and "\x1b[" not in out.stdout
    js = subprocess.run([exe, "timeline", "--from", "2019", "--to", "2020", "--json"],
                        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert "einwanderung-gestalten" in [m["id"] for m in json.loads(js.stdout)]
    miss = subprocess.run([exe, "show", "einwanderung-gestaltn"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert miss.returncode == 3 and "einwanderung-gestalten" in miss.stderr
    module = subprocess.run([__import__("sys").executable, "-m", "kimcli", "--version"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert module.stdout.strip() == f"kim {__version__}"


@pytest.mark.parametrize("query,first", [("KI", "kommunale-integrationszentren"),
                                         ("EWG", "einwanderung-gestalten"),
                                         ("LaKI", "laki-2013")])
def test_a_name_typed_exactly_ranks_first(query: str, first: str) -> None:
    hits = json.loads(kim("search", query, "--json").stdout)
    assert hits[0]["id"] == first, [h["id"] for h in hits[:3]]
