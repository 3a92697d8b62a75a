"""`bansos calculate`: one or more families from a JSON situation, as in the Web API."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.programs import headline_variables

#: Computed for every family or person when the situation asks for nothing itself: each
#: program's headline variables (the program registry).
DEFAULT_OUTPUTS = {
    "daftar_keluarga": headline_variables()["keluarga"],
    "daftar_individu": headline_variables()["individu"],
}


def _descriptions(situation: dict, plural: str) -> list[dict]:
    instances = situation.get(plural)
    if not isinstance(instances, dict):
        return []
    return [description for description in instances.values() if isinstance(description, dict)]


def _requests_something(situation: dict) -> bool:
    return any(
        value is None
        for plural in ("daftar_individu", "daftar_keluarga")
        for description in _descriptions(situation, plural)
        for periods in description.values()
        if isinstance(periods, dict)
        for value in periods.values()
    )


def _with_default_outputs(situation: dict, month: str) -> dict:
    filled = json.loads(json.dumps(situation))
    for plural, names in DEFAULT_OUTPUTS.items():
        for description in _descriptions(filled, plural):
            for name in names:
                values = description.setdefault(name, {})
                if isinstance(values, dict):
                    values[month] = None
    return filled


def _read_situation(path: Path) -> dict:
    """The situation file as a dict; every way it can be unreadable is one ApiError."""
    from openfisca_indonesia_sosial.situations.checks import quote
    from openfisca_indonesia_sosial.situations.errors import ApiError

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ApiError("the file is not UTF-8 text (a JSON situation)") from error
    except OSError as error:
        raise ApiError(f"{error.strerror or 'cannot open'}: {quote(path, 200)}") from error
    try:
        situation = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ApiError(
            f"malformed JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from error
    except RecursionError as error:
        raise ApiError("malformed JSON: nested too deeply") from error
    except ValueError as error:  # NaN/Infinity, or an integer of thousands of digits
        raise ApiError(f"malformed JSON: {quote(str(error), 120)}") from error
    if not isinstance(situation, dict):
        raise ApiError("the situation is a JSON object with daftar_individu and daftar_keluarga")
    return situation


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _cell(value: object) -> str:
    """Client text as a table cell: short, NIK masked, no markup or control characters."""
    return escape(shown(value))


def _print_table(console: Console, title: str, situation: dict, month: str | None) -> None:
    for plural in ("daftar_keluarga", "daftar_individu"):
        table = Table(title=f"{title}: {plural}")
        table.add_column("id")
        table.add_column("variabel / variable")
        table.add_column("periode / period")
        table.add_column("nilai / value", justify="right")
        for entity_id, description in situation.get(plural, {}).items():
            for name, periods in description.items():
                if not isinstance(periods, dict):
                    continue
                for period, value in periods.items():
                    if month is None or period == month:
                        text = (
                            f"{value:,}"
                            if isinstance(value, int) and not isinstance(value, bool)
                            else _cell(value)
                        )
                        table.add_row(_cell(entity_id), _cell(name), _cell(period), text)
        console.print(table)


def run_calculate(
    console: Console,
    situation_file: Path,
    reforms: list[str],
    month: str | None,
    explain: bool,
    lang: str,
    json_out: Path | None,
) -> int:
    from openfisca_indonesia_sosial.embed import hitung, jelaskan
    from openfisca_indonesia_sosial.explain.request import check_month
    from openfisca_indonesia_sosial.situations.checks import quote
    from openfisca_indonesia_sosial.situations.errors import ApiError

    try:
        situation = _read_situation(situation_file)
        if lang not in ("id", "en"):
            raise ApiError(f"--lang is 'id' or 'en', not {quote(lang)}")
        if month is not None:
            check_month(month)
    except ApiError as error:
        console.print(
            "[red]Situasi tidak dapat dibaca / cannot read the situation:[/red] "
            + escape(error.message)
        )
        return EXIT_BAD_INPUT
    if not _requests_something(situation):
        if month is None:
            console.print(
                "[red]Beri --month / give --month[/red] (e.g. 2024-01): the situation asks for "
                "no value itself (no null), so the contract outputs are computed for that month."
            )
            return EXIT_BAD_INPUT
        situation = _with_default_outputs(situation, month)
    results = {}
    try:
        for reform in [None, *reforms]:
            name = reform or "baseline"
            results[name] = hitung(situation, reform=reform)
            _print_table(console, name, results[name], month)
            if explain:
                if month is None:
                    raise ApiError("--explain needs --month")
                answer = jelaskan(situation, month, reform=reform)
                for family in answer["families"]:
                    console.print(escape(family["text"][lang]))
                results[name + "_explain"] = answer
    except ApiError as error:
        console.print(f"[red]Tidak dapat dihitung / cannot compute:[/red] {escape(error.message)}")
        return EXIT_BAD_INPUT
    if json_out is not None:
        try:
            json_out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError as error:
            console.print(
                f"[red]JSON tidak dapat ditulis / cannot write the JSON:[/red] "
                f"{escape(error.strerror or '')}: {_cell(json_out)}"
            )
            return EXIT_BAD_INPUT
        console.print(f"JSON: {_cell(json_out)}")
    return EXIT_OK


def calculate(
    situation: Path = typer.Argument(
        ..., help="Situation JSON (daftar_individu, daftar_keluarga)."
    ),
    reform: list[str] = typer.Option(
        [], "--reform", help="Shipped reform name, also computed beside the baseline (repeatable)."
    ),
    month: str | None = typer.Option(
        None, "--month", help="Month YYYY-MM: contract outputs when the situation asks for none."
    ),
    explain: bool = typer.Option(False, "--explain", help="Explain each program's result."),
    lang: str = typer.Option("id", "--lang", help="Language of explanations: id or en."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the results as JSON."),
) -> None:
    """Compute one or more families from a JSON situation, as the Web API's /calculate does."""
    raise typer.Exit(run_calculate(Console(), situation, reform, month, explain, lang, json_out))


def register(app) -> None:
    """Add ``calculate`` to the ``bansos`` command."""
    app.command("calculate")(calculate)
