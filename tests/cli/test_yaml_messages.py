"""Messages of the YAML layer name what was written and where (issue 14), via the installed kim."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MILESTONE = """\
title: T
sources:
  Q1: {title: Q}
milestones:
  - &m1
    id: a
    title: A
    date: 2020
    kind: Gesetz
    summary: S
    sources: [Q1]
"""


def kim() -> str:
    candidate = Path(sys.executable).parent / ("kim.exe" if os.name == "nt" else "kim")
    found = str(candidate) if candidate.exists() else shutil.which("kim")
    if not found:
        pytest.fail("the kim entry point is not installed; run pip install '.[test]'")
    return found


def validate(path: Path, *lang: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KIM_LANG", "KIM_DATA")}
    env.update({"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})
    done = subprocess.run([kim(), *lang, "validate", path.name], capture_output=True,
                          text=True, env=env, cwd=path.parent)
    return done.returncode, done.stdout + done.stderr


def test_a_merge_key_says_merge_keys_are_not_supported(tmp_path: Path) -> None:
    data = tmp_path / "merge.yaml"
    data.write_text(MILESTONE + "  - <<: *m1\n    id: b\n", encoding="utf-8")
    code, out = validate(data)
    assert code == 1
    assert ("merge.yaml:12:5: Fehler: „<<“ in „milestones[]“: YAML-Zusammenführungsschlüssel "
            "(merge keys) werden in kim-Datensätzen nicht unterstützt") in out
    assert "„en“" not in out  # no more "did you mean en?"
    code, out = validate(data, "--lang", "en")
    assert "merge.yaml:12:5: error: “<<” in “milestones[]”: YAML merge keys are not supported" \
        in out


def test_a_merge_key_at_the_top_level(tmp_path: Path) -> None:
    data = tmp_path / "top.yaml"
    data.write_text("base: &b {title: T}\n" + MILESTONE.replace("title: T\n", "<<: *b\n", 1),
                    encoding="utf-8")
    _, out = validate(data)
    assert "top.yaml:2:1: Fehler: „<<“ auf oberster Ebene: YAML-Zusammenführungsschlüssel" in out


def test_a_quoted_merge_key_is_just_an_unknown_field(tmp_path: Path) -> None:
    data = tmp_path / "quoted.yaml"
    data.write_text(MILESTONE + '    "<<": x\n', encoding="utf-8")
    _, out = validate(data)
    assert "quoted.yaml:12:5: Fehler: unbekanntes Feld „<<“" in out


def test_a_mapping_or_a_list_as_a_key_is_named_with_its_place(tmp_path: Path) -> None:
    data = tmp_path / "keys.yaml"
    data.write_text(MILESTONE + "    ? {x: 1}\n    : y\n    ? [1, 2]\n    : z\n",
                    encoding="utf-8")
    code, out = validate(data)
    assert code == 1
    assert ("keys.yaml:12:7: Fehler: eine Zuordnung ({x: 1}) kann in „milestones[]“ kein "
            "Schlüssel sein; Schlüssel müssen Texte sein") in out
    assert "keys.yaml:14:7: Fehler: eine Liste ([1, 2]) kann in „milestones[]“ kein Schlüssel" \
        in out
    assert "muss ein Text sein" not in out
    _, out = validate(data, "--lang", "en")
    assert "keys.yaml:12:7: error: a mapping ({x: 1}) cannot be a key in “milestones[]”" in out


def test_a_long_key_is_cut_short(tmp_path: Path) -> None:
    data = tmp_path / "long.yaml"
    data.write_text(MILESTONE + "    ? {" + ", ".join(f"k{i}: v{i}" for i in range(40))
                    + "}\n    : y\n", encoding="utf-8")
    _, out = validate(data)
    line = next(x for x in out.splitlines() if "kein Schlüssel" in x)
    assert "({k0: v0, k1: v1" in line and "…)" in line and "k39" not in line


BROKEN = [
    MILESTONE + "    bogus: 1\n  - id: B!\n",
    MILESTONE + "  - id: b\n    title: [\n",
    MILESTONE.replace("date: 2020", "date: 2020-13-45"),
]


@pytest.mark.parametrize("text", BROKEN)
def test_old_mac_and_windows_line_ends_give_the_same_positions(text: str,
                                                               tmp_path: Path) -> None:
    outputs = []
    for end in ("\n", "\r\n", "\r"):
        folder = tmp_path / str(len(outputs))
        folder.mkdir()
        data = folder / "d.yaml"
        data.write_bytes(text.replace("\n", end).encode("utf-8"))
        code, out = validate(data)
        assert code == 1
        outputs.append(out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert "d.yaml:1:" not in outputs[0]


def test_old_mac_line_ends_in_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    data = tmp_path / "bytes.yaml"
    data.write_bytes(b"title: T\rx: \xff\r")
    _, out = validate(data)
    assert "bytes.yaml:2:4: Fehler: kein gültiges UTF-8 (Byte 0xff)" in out
