"""The example families, computed and printed: the smallest end-to-end run of the rules."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from openfisca_indonesia_sosial.examples import EXAMPLES

#: (variable, entity plural, label) of the yearly amounts shown for each family.
YEARLY_OUTPUTS = (
    ("pkh_bantuan_tahunan", "daftar_keluarga", "PKH"),
    ("sembako_bantuan_tahunan", "daftar_keluarga", "Sembako"),
    ("pbi_jk_iuran_tahunan", "daftar_individu", "PBI-JK"),
    ("atensi_yapi", "daftar_individu", "ATENSI YAPI"),
)


def compute_example(example) -> dict[str, int]:
    """Yearly rupiah per program for one example family (persons summed)."""
    from openfisca_core.simulation_builder import SimulationBuilder

    from openfisca_indonesia_sosial.system import baseline

    system = baseline()
    simulation = SimulationBuilder().build_from_entities(system, example.situation())
    totals = {}
    for variable, _, label in YEARLY_OUTPUTS:
        definition = system.get_variable(variable)
        period = str(example.year)
        if definition.definition_period == "month":
            values = simulation.calculate_add(variable, period)
        else:
            values = simulation.calculate(variable, period)
        totals[label] = int(values.astype("int64").sum())
    return totals


def run_demo(console: Console) -> None:
    table = Table(title="Contoh keluarga / example families: bantuan setahun (Rp)")
    table.add_column("Keluarga / family")
    for _, _, label in YEARLY_OUTPUTS:
        table.add_column(label, justify="right")
    for example in EXAMPLES:
        totals = compute_example(example)
        table.add_row(example.label, *(f"{totals[label]:,}" for _, _, label in YEARLY_OUTPUTS))
    console.print(table)


def demo() -> None:
    """Compute the example families shipped in the package and print their benefits."""
    run_demo(Console())


def register(app) -> None:
    """Add ``demo`` to the ``bansos`` command."""
    app.command("demo")(demo)
