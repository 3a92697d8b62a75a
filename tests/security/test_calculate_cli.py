"""Hostile situation files for ``bansos calculate``: exit 2 with one short line, never a trace.

The command reads a situation as /calculate does and goes through the same checks (the
embedding API), so the inputs that took the server down are refused here the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CLEAR_NIK, Stopwatch, assert_clean, bansos

SMALL = 10_000  # characters of output for a refusal
CEILING = 120.0  # seconds, process start included: a ceiling, not a benchmark


def situation(person: dict | None = None, family: dict | None = None, pid: str = "ibu") -> dict:
    return {
        "daftar_individu": {pid: dict(person or {})},
        "daftar_keluarga": {
            "k": {"kepala_keluarga": pid, "pkh_bantuan": {"2024-01": None}, **(family or {})}
        },
    }


def run(tmp_path: Path, content: str | bytes | dict, *args: str):
    path = tmp_path / "situasi.json"
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    with Stopwatch(CEILING):
        return bansos("calculate", str(path), *args)


def refused(result, *fragments: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output[-3000:]
    assert len(output) < SMALL, len(output)
    assert_clean(output)
    flat = " ".join(output.split())
    for fragment in fragments:
        assert fragment in flat, flat
    return flat


@pytest.mark.parametrize("pid", ["1234567", CLEAR_NIK])
def test_numeric_id_with_invalid_value(tmp_path, pid):
    # before: the 43 MB error of openfisca-core's situation parser for id 1234567
    result = run(tmp_path, situation({"umur": {"2024-01": "x"}}, pid=pid))
    # a NIK-shaped id is refused for itself, before its values are read
    expected = ("like a NIK",) if pid == CLEAR_NIK else ("umur/2024-01", "whole number")
    refused(result, *expected)


@pytest.mark.parametrize(
    "content, args, fragments",
    [
        (situation(family={"pkh_bantuan": {"9999-12": None}}), (), ("supported range",)),
        (situation(family={"pkh_bantuan": {"2010-01": None}}), (), ("'2010-01' is outside",)),
        ({"daftar_individu": {"a": {}}}, ("--month", "9999-12"), ("supported range",)),
        ({"daftar_individu": {"a": {}}}, ("--month", "2024-1"), ("YYYY-MM",)),
        (situation({"tanggal_lahir": {"ETERNITY": CLEAR_NIK}}), (), ("ISO date",)),
        (situation({"umur": {"2024-01": -3}}), (), ("umur must be 0–120",)),
        (situation(pid="a\x1b[2Jb"), (), ("control characters",)),
        (situation(), ("--explain", "--month", "2024-01", "--lang", "xx"), ("--lang",)),
    ],
)
def test_refused_situations(tmp_path, content, args, fragments):
    refused(run(tmp_path, content, *args), *fragments)


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("[1, 2]", "JSON object"),
        (b"\xff\xfe\x00binary", "UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' + "9" * 5000 + "}", "malformed JSON"),
        ('{"a": NaN}', "malformed JSON"),
        ('{"daftar_individu": 5}', "--month"),
    ],
)
def test_unreadable_files(tmp_path, content, fragment):
    # before: a traceback (exit 1) for all but plain malformed JSON
    refused(run(tmp_path, content), fragment)


def test_markup_in_ids_is_printed_literally(tmp_path):
    # before: rich read "[/red]" in an id as markup and stopped with a MarkupError traceback
    pid = "[/red]ibu[bold]"
    result = run(tmp_path, situation({"hamil": {"2024": True}}, pid=pid))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert_clean(output)
    assert pid in output
