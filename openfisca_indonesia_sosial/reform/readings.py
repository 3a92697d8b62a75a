"""Open legal readings: the registry, and the price of switching each to its alternative.

Where the sources leave a rule unclear, the package ships one reading as the baseline (its
reason is in the documentation of the parameter that holds the choice) and the alternative as a
shipped reform in reforms/. The registry (``readings.yaml`` beside this module) names, for each
reading, its question, the default and the alternative (Indonesian and English), the reform, the
parameters involved, the fact-sheet sources, and dated values the baseline holds under its
reading (tests/readings checks them against the parameters).

The price of each alternative (``bansos readings``, ``cli/readings.py``) comes from the
microsimulation, which this room does not import; ``row`` shapes one priced row of the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REGISTRY_PATH = Path(__file__).with_name("readings.yaml")
#: Keys of one row of ``bansos readings --json`` (the contract's "Open legal readings").
ROW_KEYS = (
    "name",
    "question",
    "default",
    "alternative",
    "reform",
    "parameters",
    "cost_change_idr",
    "recipient_change",
)


@dataclass(frozen=True)
class Reading:
    name: str
    question: dict[str, str]  # {"id": ..., "en": ...}
    default: dict[str, str]
    alternative: dict[str, str]
    reform: str
    parameters: tuple[str, ...]
    sources: tuple[str, ...]
    #: parameter path -> {ISO date: value the baseline holds under its reading}
    baseline: dict[str, dict[str, object]]

    def text(self, field: str) -> str:
        """The field in both languages, Indonesian first: ``"<id> / <en>"``."""
        value = getattr(self, field)
        return f"{value['id']} / {value['en']}"


def _bilingual(entry: dict, key: str, name: str) -> dict[str, str]:
    value = entry.get(key)
    if not isinstance(value, dict) or not all(str(value.get(k, "")).strip() for k in ("id", "en")):
        raise ValueError(f"{REGISTRY_PATH.name}: reading {name!r}: {key} needs id and en texts")
    return {"id": " ".join(str(value["id"]).split()), "en": " ".join(str(value["en"]).split())}


@lru_cache(maxsize=1)
def readings() -> tuple[Reading, ...]:
    """The registry, in file order."""
    entries = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    found, names = [], set()
    for entry in entries:
        name = entry["name"]
        if name in names:
            raise ValueError(f"{REGISTRY_PATH.name}: reading {name!r} listed twice")
        names.add(name)
        found.append(
            Reading(
                name=name,
                question=_bilingual(entry, "question", name),
                default=_bilingual(entry, "default", name),
                alternative=_bilingual(entry, "alternative", name),
                reform=entry["reform"],
                parameters=tuple(entry["parameters"]),
                sources=tuple(entry.get("sources", ())),
                baseline={
                    path: {str(date): value for date, value in dated.items()}
                    for path, dated in (entry.get("baseline") or {}).items()
                },
            )
        )
    return tuple(found)


def row(reading: Reading, programs: dict, total: int) -> dict:
    """One row of the JSON: the reading and the national change of its alternative.

    ``programs``: program -> ``{"cost_change_idr": int, "recipient_<unit>_change": float}``
    (as from ``microsim.breakdown.impact``)."""
    cost = {key: int(figures["cost_change_idr"]) for key, figures in programs.items()}
    cost["total"] = int(total)
    recipients = {
        key: float(next(v for k, v in figures.items() if k.startswith("recipient_")))
        for key, figures in programs.items()
    }
    return {
        "name": reading.name,
        "question": reading.text("question"),
        "default": reading.text("default"),
        "alternative": reading.text("alternative"),
        "reform": reading.reform,
        "parameters": list(reading.parameters),
        "cost_change_idr": cost,
        "recipient_change": recipients,
    }


def active_in(reading: Reading, year: int, base_system=None) -> bool:
    """Whether the reading's alternative changes any of its reform's parameters on the first
    day of a month of ``year`` (the test of ``microsim.breakdown.active_in_year``, which this
    room may not import; tests/readings checks the two agree)."""
    from openfisca_indonesia_sosial.reform.files import load_reform
    from openfisca_indonesia_sosial.system import baseline

    base = base_system or baseline()
    loaded = load_reform(reading.reform, base)
    if loaded.kind != "parametric":
        return True
    months = [f"{year}-{month:02d}-01" for month in range(1, 13)]
    return any(
        _value(loaded.system, path, day) != _value(base, path, day)
        for path in {path for path, _, _ in loaded.changes}
        for day in months
    )


def _value(system, path: str, instant: str):
    node = system.parameters
    for part in path.split("."):
        node = node.children[part]
    return next((at.value for at in node.values_list if at.instant_str <= instant), None)
