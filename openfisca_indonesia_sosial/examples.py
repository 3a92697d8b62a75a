"""Example situations shipped with the package (also shown in the Web API's OpenAPI spec)."""

from __future__ import annotations

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
