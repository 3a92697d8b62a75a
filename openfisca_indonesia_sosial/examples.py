"""Example situations shipped with the package, and the requests built from them.

The same examples fill the OpenAPI spec of ``openfisca serve`` and ``bansos serve``
(:func:`open_api_config`), so they live with the law's examples, not in the HTTP layer.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

EXAMPLES_DIR = Path(__file__).parent / "situation_examples"


@dataclass(frozen=True)
class Example:
    name: str
    year: int
    label: str

    @property
    def path(self) -> Path:
        return EXAMPLES_DIR / f"{self.name}.json"

    def situation(self) -> dict:
        return load(self.name)


EXAMPLES = (
    Example(
        "keluarga_pkh_2024",
        2024,
        "Keluarga DTKS di Jawa Tengah: ibu hamil anak ke-3, anak SD, balita, nenek lansia (2024)",
    ),
    Example(
        "keluarga_desil_2025",
        2025,
        "Ibu tunggal desil 3 di NTT: anak SMA dan anak SMP disabilitas, keduanya yatim (2025)",
    ),
    Example(
        "keluarga_mampu_2025",
        2025,
        "Keluarga mampu desil 8 di DKI Jakarta dengan satu balita (2025)",
    ),
)


@cache
def load(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


#: What the example requests ask for, per entity: (variable, period relative to the year).
EXAMPLE_OUTPUTS = {
    "daftar_keluarga": ("pkh_layak", "pkh_bantuan", "sembako_bantuan", "bantuan_tambahan"),
    "daftar_individu": ("pkh_komponen", "pbi_jk_iuran", "atensi_yapi"),
}


def example_month(example) -> str:
    """The month an example is computed for: a PKH tahap month after the DTSEN switch in 2025."""
    return f"{example.year}-01" if example.year < 2025 else f"{example.year}-07"


def example_request(example) -> dict:
    """An example situation with the outputs set to null (what /calculate fills in)."""
    situation = copy.deepcopy(example.situation())
    month = example_month(example)
    for plural, names in EXAMPLE_OUTPUTS.items():
        for description in situation.get(plural, {}).values():
            for name in names:
                description.setdefault(name, {})[month] = None
    return situation


def open_api_config() -> dict:
    """``open_api_config`` of the CountryTaxBenefitSystem (read by ``openfisca serve``)."""
    return {
        "variable_example": "pkh_bantuan",
        "parameter_example": "sembako.nilai_bulanan",
        "simulation_example": example_request(EXAMPLES[0]),
    }
