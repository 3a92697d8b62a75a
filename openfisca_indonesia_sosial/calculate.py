"""`bansos calculate`: one or more families from a JSON situation, as in the Web API."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from openfisca_indonesia_sosial.api.errors import ApiError
from openfisca_indonesia_sosial.embed import hitung, jelaskan

#: Computed for every family or person when the situation asks for nothing itself.
DEFAULT_OUTPUTS = {
    "daftar_keluarga": (
        "pkh_layak",
        "pkh_bantuan",
        "sembako_layak",
        "sembako_bantuan",
        "bantuan_tambahan",
    ),
    "daftar_individu": (
        "pkh_komponen",
        "pbi_jk_layak",
        "pbi_jk_iuran",
        "atensi_layak",
        "atensi_yapi",
    ),
}
EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _requests_something(situation: dict) -> bool:
    return any(
        value is None
        for plural in ("daftar_individu", "daftar_keluarga")
        for description in situation.get(plural, {}).values()
        for periods in description.values()
        if isinstance(periods, dict)
        for value in periods.values()
    )


def _with_default_outputs(situation: dict, month: str) -> dict:
    filled = json.loads(json.dumps(situation))
    for plural, names in DEFAULT_OUTPUTS.items():
        for description in filled.get(plural, {}).values():
            for name in names:
                description.setdefault(name, {})[month] = None
    return filled


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
                        shown = (
                            f"{value:,}"
                            if isinstance(value, int) and not isinstance(value, bool)
                            else str(value)
                        )
                        table.add_row(entity_id, name, period, shown)
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
    try:
        situation = json.loads(situation_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        console.print(f"[red]Situasi tidak dapat dibaca / cannot read the situation:[/red] {error}")
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
                    console.print(family["text"][lang])
                results[name + "_explain"] = answer
    except ApiError as error:
        console.print(f"[red]Tidak dapat dihitung / cannot compute:[/red] {error.message}")
        return EXIT_BAD_INPUT
    if json_out is not None:
        json_out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        console.print(f"JSON: {json_out}")
    return EXIT_OK
