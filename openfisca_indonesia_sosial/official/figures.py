"""Load the published official figures in `figures.yaml` into typed records.

Every figure names its program, period and measure from fixed vocabularies, carries its
value in base units (rupiah, families, persons, or a rate as a fraction) and cites at
least one source. The loader refuses a file that breaks these rules, naming the entry.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FIGURES_PATH = Path(__file__).with_name("figures.yaml")

FIRST_YEAR = 2019
LAST_YEAR = 2026

#: Program keys. Keys of simulated programs and of `bantuan_tambahan` components match the
#: package's own names so a comparison can join on them.
PROGRAMS: dict[str, str] = {
    "pkh": "Program Keluarga Harapan (conditional cash transfer)",
    "pkh_lanjut_usia": "PKH members counted under the elderly component",
    "pkh_disabilitas_berat": "PKH members counted under the severe-disability component",
    "sembako": "Program Sembako / BPNT (food assistance)",
    "pbi_jk": "PBI Jaminan Kesehatan (state-paid JKN contributions)",
    "sembako_ppkm_2021": "Sembako extension during PPKM, July-August 2021",
    "blt_bbm_2022": "BLT BBM, fuel-price compensation, September-December 2022",
    "blt_el_nino_2023": "BLT El Nino, November-December 2023",
    "blt_mitigasi_risiko_pangan_2024": "BLT Mitigasi Risiko Pangan, January-March 2024",
    "penebalan_sembako_2025": "Sembako top-up, June-July 2025",
    "blts_kesra_2025": "BLTS Kesejahteraan Rakyat, October-December 2025",
    "atensi": "ATENSI, all target groups",
    "atensi_anak": "ATENSI for children",
    "atensi_lansia": "ATENSI for older persons",
    "atensi_disabilitas": "ATENSI for persons with disabilities",
    "atensi_bencana": "ATENSI for disaster and emergency victims",
    "atensi_napza": "ATENSI for victims of substance abuse and HIV/AIDS",
    "atensi_yapi": "ATENSI YAPI cash for orphans",
    "atensi_sembako": "ATENSI food packages",
    "kemensos": "Ministry of Social Affairs, whole budget",
    "kemensos_bansos": "Ministry of Social Affairs, social-assistance spending",
    "poverty": "BPS national poverty and inequality (Susenas)",
}

#: Measure key -> unit of its value.
MEASURES: dict[str, str] = {
    "kpm": "families",
    "kpm_target": "families",
    "persons": "persons",
    "persons_target": "persons",
    "persons_in_families": "persons",
    "poor_persons": "persons",
    "budget_idr": "IDR",
    "realisation_idr": "IDR",
    "headcount_rate": "fraction",
    "poverty_gap_index": "fraction",
    "poverty_severity_index": "fraction",
    "gini": "ratio",
}

SOURCE_KINDS = frozenset({"instrument", "government", "statistics", "press", "study"})

#: Measures whose values are shares; they must lie in (0, 1].
RATE_MEASURES = frozenset({"headcount_rate", "poverty_gap_index", "poverty_severity_index", "gini"})

_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_CONFIDENCE = re.compile(r"^(?:single source|confirmed by ([2-9]|\d{2,}))$")
_FIGURE_KEYS = frozenset(
    {"program", "period", "measure", "value", "definition", "confidence", "sources", "note"}
)
_SOURCE_KEYS = frozenset({"title", "publisher", "date", "url", "kind"})


class OfficialFiguresError(ValueError):
    """The figures file breaks the schema; the message names the entry."""


@dataclass(frozen=True)
class OfficialSource:
    key: str
    title: str
    publisher: str
    date: str
    url: str
    kind: str


@dataclass(frozen=True)
class OfficialFigure:
    program: str
    year: int
    period: str
    measure: str
    value: int | float
    unit: str
    definition: str
    confidence: str
    sources: tuple[OfficialSource, ...]
    note: str = ""


def _text(mapping: dict, key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise OfficialFiguresError(f"{where}: '{key}' must be a non-empty string")
    return " ".join(value.split())


def _source(key: str, raw: object) -> OfficialSource:
    where = f"source '{key}'"
    if not isinstance(raw, dict):
        raise OfficialFiguresError(f"{where}: must be a mapping")
    unknown = set(raw) - _SOURCE_KEYS
    if unknown:
        raise OfficialFiguresError(f"{where}: unknown field(s) {sorted(unknown)}")
    source = OfficialSource(
        key=key,
        title=_text(raw, "title", where),
        publisher=_text(raw, "publisher", where),
        date=_text(raw, "date", where),
        url=_text(raw, "url", where),
        kind=_text(raw, "kind", where),
    )
    if not source.url.startswith(("http://", "https://")):
        raise OfficialFiguresError(f"{where}: url must start with http:// or https://")
    if source.kind not in SOURCE_KINDS:
        raise OfficialFiguresError(f"{where}: unknown kind '{source.kind}'")
    if not _DATE.match(source.date):
        raise OfficialFiguresError(f"{where}: date '{source.date}' is not YYYY[-MM[-DD]]")
    return source


def _value(raw: object, measure: str, where: str) -> int | float:
    # bool is an int subclass: "value: yes" must not load as 1
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise OfficialFiguresError(f"{where}: value must be a number")
    if not math.isfinite(raw) or raw <= 0:
        raise OfficialFiguresError(f"{where}: value must be positive and finite")
    if measure in RATE_MEASURES:
        if raw > 1:
            raise OfficialFiguresError(f"{where}: {measure} is a fraction, got {raw}")
    elif not isinstance(raw, int):
        raise OfficialFiguresError(f"{where}: {measure} counts whole units, got {raw}")
    return raw


def _figure(index: int, raw: object, sources: dict[str, OfficialSource]) -> OfficialFigure:
    where = f"figure #{index}"
    if not isinstance(raw, dict):
        raise OfficialFiguresError(f"{where}: must be a mapping")
    program, measure = raw.get("program"), raw.get("measure")
    where = f"figure #{index} ({program} {raw.get('period')} {measure})"
    unknown = set(raw) - _FIGURE_KEYS
    if unknown:
        raise OfficialFiguresError(f"{where}: unknown field(s) {sorted(unknown)}")
    if program not in PROGRAMS:
        raise OfficialFiguresError(f"{where}: unknown program '{program}'")
    if measure not in MEASURES:
        raise OfficialFiguresError(f"{where}: unknown measure '{measure}'")
    period = raw.get("period")
    match = _PERIOD.match(period) if isinstance(period, str) else None
    if match is None:
        raise OfficialFiguresError(f"{where}: period must be a quoted 'YYYY' or 'YYYY-MM'")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OfficialFiguresError(f"{where}: year {year} outside {FIRST_YEAR}-{LAST_YEAR}")
    confidence = _text(raw, "confidence", where)
    confirmed = _CONFIDENCE.match(confidence)
    if confirmed is None:
        raise OfficialFiguresError(
            f"{where}: confidence must be 'single source' or 'confirmed by N' (N >= 2)"
        )
    keys = raw.get("sources")
    if not isinstance(keys, list) or not keys:
        raise OfficialFiguresError(f"{where}: needs a non-empty list of source keys")
    missing = [key for key in keys if key not in sources]
    if missing:
        raise OfficialFiguresError(f"{where}: unknown source(s) {missing}")
    if len(set(keys)) != len(keys):
        raise OfficialFiguresError(f"{where}: a source is listed twice")
    if confirmed.group(1) and len(keys) < int(confirmed.group(1)):
        raise OfficialFiguresError(f"{where}: '{confidence}' but {len(keys)} source(s) listed")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise OfficialFiguresError(f"{where}: note must be a string")
    return OfficialFigure(
        program=program,
        year=year,
        period=period,
        measure=measure,
        value=_value(raw.get("value"), measure, where),
        unit=MEASURES[measure],
        definition=_text(raw, "definition", where),
        confidence=confidence,
        sources=tuple(sources[key] for key in keys),
        note=" ".join(note.split()),
    )


def parse_figures(document: object) -> list[OfficialFigure]:
    """Check a parsed figures document and return its figures in file order."""
    if not isinstance(document, dict) or set(document) != {"sources", "figures"}:
        raise OfficialFiguresError("the file must hold exactly 'sources' and 'figures'")
    raw_sources, raw_figures = document["sources"], document["figures"]
    if not isinstance(raw_sources, dict) or not isinstance(raw_figures, list):
        raise OfficialFiguresError("'sources' must be a mapping and 'figures' a list")
    sources = {key: _source(str(key), raw) for key, raw in raw_sources.items()}
    figures = [_figure(index, raw, sources) for index, raw in enumerate(raw_figures, start=1)]
    groups: dict[tuple[str, str, str], list[OfficialFigure]] = {}
    for figure in figures:
        groups.setdefault((figure.program, figure.period, figure.measure), []).append(figure)
    for key, group in groups.items():
        if len(group) > 1 and not all(figure.note for figure in group):
            raise OfficialFiguresError(
                f"{' '.join(key)} appears {len(group)} times; each entry needs a note saying why"
            )
    return figures


def load_figures(path: Path | str | None = None) -> list[OfficialFigure]:
    """Read and check the figures file (by default the one shipped with the package)."""
    text = Path(path or FIGURES_PATH).read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise OfficialFiguresError(f"figures file is not valid YAML: {error}") from error
    return parse_figures(document)
