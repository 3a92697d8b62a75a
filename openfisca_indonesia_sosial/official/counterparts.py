"""Each program's official headline figure for a year, to print beside the simulated one.

Read from the committed validation table (``validation.json``): the report of a run links each
program's recipients to the figure the ministry published for that year and the source's
address (``bansos validation`` compares the two on the default population). A count measured
as the simulation counts it (KPM or persons per payment round) is preferred to a quota target.
"""

from __future__ import annotations

import json
from pathlib import Path

#: The committed validation table (``bansos validation --json``), read by the docs page too.
VALIDATION_PATH = Path(__file__).resolve().parent / "validation.json"

#: Measures that are the same kind of figure as the headline, best first.
HEADLINE_MEASURES = ("kpm", "persons", "kpm_target", "persons_target")
_UNITS = {"families": "jt KK", "persons": "jt jiwa"}


def load_validation(path: Path = VALIDATION_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def headline_counterparts(year: int) -> dict[str, dict[str, str]]:
    """``{program: {"text": ..., "url": ...}}`` for the programs with a published count."""
    found: dict[str, tuple[int, dict]] = {}
    for row in load_validation()["rows"]:
        if row["year"] != year or row["measure"] not in HEADLINE_MEASURES:
            continue
        rank = HEADLINE_MEASURES.index(row["measure"])
        if row["program"] not in found or rank < found[row["program"]][0]:
            found[row["program"]] = (rank, row)
    counterparts = {}
    for program, (_, row) in found.items():
        unit = _UNITS.get(row["unit"], row["unit"])
        kind = "target" if row["measure"].endswith("_target") else row["period"]
        text = f"{row['official'] / 1e6:,.2f} {unit} ({kind})"
        source = (row.get("sources") or [{}])[0]
        counterparts[program] = {"text": text, "url": source.get("url", "")}
    return counterparts
