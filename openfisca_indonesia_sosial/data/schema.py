"""The tabular schema of a population, derived from the tax-benefit system at run time.

Nothing here lists variables: every variable of an entity may be a column of that entity's
table, named as the variable, so inputs added in any ``masukan/`` folder are accepted as soon
as they exist. Column layout (see docs/data/schema.md):

``individu``
    ``id_individu``, ``id_keluarga``, ``peran`` (a role of the ``keluarga`` entity), then one
    column per individu variable.
``keluarga``
    ``id_keluarga``, ``bobot`` (families represented; 1 when the column is absent), then one
    column per keluarga variable.

A column named ``<variable>_YYYY_MM`` gives a MONTH variable's value for that month of the
simulated year, overriding the plain column (the default for every month). Only MONTH
variables may be month-suffixed.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit

from openfisca_indonesia_sosial.data.errors import PopulationSchemaError
from openfisca_indonesia_sosial.data.privacy import shown

INDIVIDU = "individu"
KELUARGA = "keluarga"
TABLES = (INDIVIDU, KELUARGA)

ID_INDIVIDU = "id_individu"
ID_KELUARGA = "id_keluarga"
PERAN = "peran"
BOBOT = "bobot"

#: Structural columns of each table, in order (not variables of the system).
STRUCTURAL_COLUMNS: dict[str, tuple[str, ...]] = {
    INDIVIDU: (ID_INDIVIDU, ID_KELUARGA, PERAN),
    KELUARGA: (ID_KELUARGA, BOBOT),
}
#: Structural columns that must be present (``bobot`` defaults to 1).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    INDIVIDU: (ID_INDIVIDU, ID_KELUARGA, PERAN),
    KELUARGA: (ID_KELUARGA,),
}
#: Variables whose empty cell means "not recorded", read as the variable's default, rather
#: than a missing value (most people have no date of death).
EMPTY_MEANS_DEFAULT = frozenset({"tanggal_meninggal"})
#: The column recording a death (read by delivery's person counts and the registry audit).
DECEASED = "tanggal_meninggal"
#: The record id column of each table.
RECORD_ID: dict[str, str] = {INDIVIDU: ID_INDIVIDU, KELUARGA: ID_KELUARGA}


MONTH_SUFFIX = re.compile(r"^(?P<variable>[A-Za-z0-9_]+?)_(?P<year>\d{4})_(?P<month>\d{2})$")


def _kind(value_type) -> str:
    if value_type is bool:
        return "bool"
    if value_type is int:
        return "int"
    if value_type is float:
        return "float"
    if value_type is str:
        return "str"
    if value_type is datetime.date:
        return "date"
    if value_type is Enum or (isinstance(value_type, type) and issubclass(value_type, Enum)):
        return "enum"
    raise TypeError(f"unsupported value_type {value_type!r}")


def _period(definition_period) -> str:
    text = str(definition_period).lower()
    return text.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class VariableSpec:
    """One variable of the system, as a table column.

    ``kind`` is one of ``bool``, ``int``, ``float``, ``str``, ``date``, ``enum``; ``period`` is
    ``month``, ``year`` or ``eternity``; ``enum_items`` holds an Enum's item names.
    """

    name: str
    entity: str
    kind: str
    period: str
    label: str = ""
    documentation: str = ""
    enum_items: tuple[str, ...] = ()
    max_length: int | None = None
    default: object = None
    has_formula: bool = False
    #: An empty cell is the variable's default (see EMPTY_MEANS_DEFAULT), not an error.
    empty_is_default: bool = False

    @property
    def monthly(self) -> bool:
        return self.period == DateUnit.MONTH.value


@dataclass(frozen=True)
class ColumnSpec:
    """A column found in a table: a structural column (``variable`` is None), a plain variable
    column, or a month override (``month`` = ``'YYYY-MM'``)."""

    column: str
    table: str
    variable: VariableSpec | None = None
    month: str | None = None

    @property
    def field(self) -> str:
        return self.column

    @property
    def kind(self) -> str:
        if self.variable is not None:
            return self.variable.kind
        if self.column == BOBOT:
            return "float"
        if self.column == PERAN:
            return "enum"
        return "str"


@dataclass(frozen=True)
class PopulationSchema:
    """Variables by table, and the family roles (``peran``) with their maximum counts."""

    variables: dict[str, dict[str, VariableSpec]]
    roles: tuple[str, ...]
    role_max: dict[str, int] = field(default_factory=dict)

    def variable(self, table: str, name: str) -> VariableSpec | None:
        return self.variables[table].get(name)

    def known_columns(self, table: str) -> list[str]:
        return [*STRUCTURAL_COLUMNS[table], *sorted(self.variables[table])]


def build_schema(tax_benefit_system=None) -> PopulationSchema:
    """Derive the schema from a tax-benefit system (the shared baseline by default)."""
    if tax_benefit_system is None:
        from openfisca_indonesia_sosial.system import baseline

        tax_benefit_system = baseline()
    variables: dict[str, dict[str, VariableSpec]] = {table: {} for table in TABLES}
    for name, variable in sorted(tax_benefit_system.variables.items()):
        table = variable.entity.key
        if table not in variables:
            continue
        kind = _kind(variable.value_type)
        default = variable.default_value
        items: tuple[str, ...] = ()
        if kind == "enum":
            items = tuple(item.name for item in variable.possible_values)
            default = default.name
        variables[table][name] = VariableSpec(
            name=name,
            entity=table,
            kind=kind,
            period=_period(variable.definition_period),
            label=str(variable.label or ""),
            documentation=" ".join(str(variable.documentation or "").split()),
            enum_items=items,
            max_length=getattr(variable, "max_length", None),
            default=default,
            has_formula=bool(variable.formulas),
            empty_is_default=name in EMPTY_MEANS_DEFAULT,
        )
    group = next(e for e in tax_benefit_system.entities if e.key == KELUARGA)
    roles = tuple(role.key for role in group.roles)
    role_max = {role.key: role.max for role in group.roles if role.max}
    return PopulationSchema(variables=variables, roles=roles, role_max=role_max)


#: Longest column name a did-you-mean is searched for (the search is quadratic in length).
SUGGEST_CHARS = 64
#: Schema problems a message lists; the rest are counted.
LISTED_PROBLEMS = 20


def _suggestion(name: str, candidates: list[str]) -> str:
    if len(name) > SUGGEST_CHARS:
        return ""
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return close[0] if close else ""


def resolve_columns(
    table: str, columns: list[str], schema: PopulationSchema, year: int | None
) -> tuple[list[ColumnSpec], int | None]:
    """Classify every column of ``table``; return the specs and the year of month columns.

    Raises :class:`PopulationSchemaError` listing every unknown column (with a close-match
    suggestion), every missing required column and every bad month suffix at once.
    """
    problems: list[str] = []
    specs: list[ColumnSpec] = []
    other = KELUARGA if table == INDIVIDU else INDIVIDU
    known = schema.known_columns(table)
    months_years: set[int] = set()
    seen: set[str] = set()
    for column in columns:
        if not isinstance(column, str):
            problems.append(f"kolom tanpa nama / unnamed column: {shown(repr(column))}")
            continue
        quoted = shown(column)
        if column in seen:
            problems.append(f"kolom ganda / duplicate column: '{quoted}'")
            continue
        seen.add(column)
        if column in STRUCTURAL_COLUMNS[table]:
            specs.append(ColumnSpec(column, table))
            continue
        variable = schema.variable(table, column)
        if variable is not None:
            specs.append(ColumnSpec(column, table, variable))
            continue
        match = MONTH_SUFFIX.match(column)
        if match and schema.variable(table, match["variable"]) is not None:
            variable = schema.variable(table, match["variable"])
            month_year, month = int(match["year"]), int(match["month"])
            if not variable.monthly:
                problems.append(
                    f"kolom '{quoted}': variabel '{variable.name}' berperiode {variable.period}, "
                    f"hanya variabel bulanan yang boleh diberi akhiran bulan / only MONTH "
                    f"variables may be month-suffixed ('{variable.name}' is {variable.period})"
                )
                continue
            if not 1 <= month <= 12:
                problems.append(
                    f"kolom '{quoted}': bulan {match['month']} tidak ada / no such month"
                )
                continue
            if year is not None and month_year != year:
                problems.append(
                    f"kolom '{quoted}': di luar tahun simulasi {year} / outside the simulated "
                    f"year {year}"
                )
                continue
            months_years.add(month_year)
            specs.append(ColumnSpec(column, table, variable, f"{month_year:04d}-{month:02d}"))
            continue
        if schema.variable(other, column) is not None:
            problems.append(
                f"kolom '{quoted}': variabel {other}, bukan {table} / column '{quoted}' is a "
                f"{other} variable, it belongs in {other}"
            )
            continue
        hint = _suggestion(column, known)
        suffix = f" — maksud Anda / did you mean '{shown(hint)}'?" if hint else ""
        problems.append(f"kolom tidak dikenal / unknown column: '{quoted}'{suffix}")
    for required in REQUIRED_COLUMNS[table]:
        if required not in seen:
            problems.append(f"kolom wajib tidak ada / required column missing: '{required}'")
    if len(months_years) > 1:
        problems.append(
            "kolom bulanan dari beberapa tahun / month columns span several years: "
            + ", ".join(str(y) for y in sorted(months_years))
        )
    if problems:
        listed = problems[:LISTED_PROBLEMS]
        if len(problems) > LISTED_PROBLEMS:
            listed.append(f"… {len(problems) - LISTED_PROBLEMS:,} lagi / more")
        raise PopulationSchemaError(
            f"Tabel {table}: " + "; ".join(listed) + f" / table {table}: schema errors"
        )
    return specs, (next(iter(months_years)) if months_years else None)


# --- documentation -------------------------------------------------------------------------

_KIND_DOC = {
    "bool": "bool (`true`/`false`, `1`/`0`, `ya`/`tidak`)",
    "int": "int (whole number, 32-bit)",
    "float": "float",
    "str": "str",
    "date": "date (ISO `YYYY-MM-DD`)",
    "enum": "enum",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_markdown(schema: PopulationSchema | None = None) -> str:
    """Render the schema as Markdown tables for the documentation site.

    One section per table: the structural columns and the input variables (those without a
    formula, from the ``masukan/`` folders), then the computed variables, which may also be
    given as columns (the given value replaces the formula).
    """
    from openfisca_indonesia_sosial.data.limits import MAX_BOBOT, MAX_ID_CHARS
    from openfisca_indonesia_sosial.data.rules import rule_descriptions

    schema = schema or build_schema()
    structural = {
        ID_INDIVIDU: (
            "str",
            f"required; unique; at most {MAX_ID_CHARS} characters",
            "Identitas individu / person id",
        ),
        ID_KELUARGA: (
            "str",
            "required; unique in keluarga; in individu, must exist in keluarga; at most "
            f"{MAX_ID_CHARS} characters",
            "Identitas keluarga / family id",
        ),
        PERAN: (
            "enum: " + ", ".join(f"`{r}`" for r in schema.roles),
            "required; exactly one `kepala_keluarga` and at most one `pasangan` per family",
            "Peran dalam keluarga / role in the family",
        ),
        BOBOT: (
            "float",
            f"> 0 and ≤ {MAX_BOBOT:,}; 1 when the column is absent",
            "Bobot: jumlah keluarga yang diwakili / weight: families represented",
        ),
    }
    lines: list[str] = []
    for table in TABLES:
        variables = schema.variables[table]
        inputs = {n: v for n, v in sorted(variables.items()) if not v.has_formula}
        computed = {n: v for n, v in sorted(variables.items()) if v.has_formula}
        lines += [
            f"### `{table}`",
            "",
            "| column | type | period | month columns | checks | label |",
            "|---|---|---|---|---|---|",
        ]
        for column in STRUCTURAL_COLUMNS[table]:
            kind, checks, label = structural[column]
            lines.append(
                f"| `{column}` | {_cell(kind)} | — | no | {_cell(checks)} | {_cell(label)} |"
            )
        for name, variable in inputs.items():
            lines.append(_variable_row(name, variable, rule_descriptions(name)))
        lines.append("")
        if computed:
            lines += [
                f"Computed `{table}` variables, accepted as columns (a given value "
                "replaces the formula):",
                "",
                "| column | type | period | month columns | checks | label |",
                "|---|---|---|---|---|---|",
            ]
            for name, variable in computed.items():
                lines.append(_variable_row(name, variable, rule_descriptions(name)))
            lines.append("")
    return "\n".join(lines)


def _variable_row(name: str, variable: VariableSpec, rules: list[str]) -> str:
    kind = _KIND_DOC[variable.kind]
    if variable.kind == "enum":
        kind += ": " + ", ".join(f"`{item}`" for item in variable.enum_items)
    checks = [
        "empty cell: not recorded (default)" if variable.empty_is_default else "no empty cell"
    ]
    if variable.max_length:
        checks.append(f"at most {variable.max_length} characters")
    checks += rules
    month = f"`{name}_YYYY_MM`" if variable.monthly else "no"
    return (
        f"| `{name}` | {_cell(kind)} | {variable.period} | {month} | "
        f"{_cell('; '.join(checks))} | {_cell(variable.label)} |"
    )


SCHEMA_DOC_HEADER = (
    "<!-- Generated by openfisca_indonesia_sosial.data.schema.write_schema_doc(); do not edit.\n"
    '     Regenerate: python -c "from openfisca_indonesia_sosial.data.schema import\n'
    "     write_schema_doc; write_schema_doc('docs/data/schema-table.md')\" -->\n\n"
    "# Kolom populasi / *Population columns* (generated from the tax-benefit system)\n\n"
    "See [schema.md](schema.md) for how the tables are read and validated.\n\n"
)


def write_schema_doc(path, schema: PopulationSchema | None = None) -> None:
    """Write :func:`schema_markdown` with a header to ``path`` (docs/data/schema-table.md)."""
    from pathlib import Path

    Path(path).write_text(SCHEMA_DOC_HEADER + schema_markdown(schema), encoding="utf-8")
