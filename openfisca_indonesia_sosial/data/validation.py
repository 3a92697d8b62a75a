"""Validation of a population: the only door through which tables enter the package.

:func:`load_population` reads a folder, :func:`validate_tables` validates two DataFrames.
Both return ``(Population, ValidationReport)``: the accepted records as typed DataFrames and
the report of what was rejected and why.

How it works (all vectorised, no per-row Python loop):

1. the columns are matched against the schema derived from the tax-benefit system
   (schema.py); unknown columns stop everything with :class:`PopulationSchemaError`;
2. every column is parsed to its type (parsing.py);
3. two pandera ``DataFrameSchema`` per table check each record: one for errors (types,
   empty cells, enum values, ranges, province codes, NIK format, duplicate ids and NIKs,
   family structure through helper count columns), one for warnings (NIK digits that
   disagree with ``tanggal_lahir`` or ``jenis_kelamin``, fact sheet 5.2);
4. rejections cascade: a family with a rejected member is rejected (``anggota_ditolak``)
   together with its other members; members of a family rejected for its own reasons are
   rejected with ``keluarga_ditolak``. So every accepted person belongs to an accepted family
   and every accepted family has its whole membership.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from openfisca_indonesia_sosial.data.columns import (
    all_pass,
    dense,
    id_codes,
    passing,
    precomputed_check,
    signed_integers,
    take_cells,
)
from openfisca_indonesia_sosial.data.errors import PopulationSchemaError
from openfisca_indonesia_sosial.data.limits import (
    MAX_BOBOT,
    MAX_ID_CHARS,
    at_most,
    max_length,
    not_nik_like,
)
from openfisca_indonesia_sosial.data.parsing import TYPE_MESSAGES, parse
from openfisca_indonesia_sosial.data.privacy import mask_text
from openfisca_indonesia_sosial.data.reading import read_tables
from openfisca_indonesia_sosial.data.report import (
    TableCounts,
    ValidationReport,
    concat_rejects,
    empty_rejects,
    mask_rejects,
    raise_first_reject,
    sort_rejects,
)
from openfisca_indonesia_sosial.data.rules import (
    CODES,
    COLUMN_RULES,
    ERROR,
    WARNING,
    Rule,
    RuleContext,
    also_known,
    unique,
)
from openfisca_indonesia_sosial.data.schema import (
    BOBOT,
    ID_INDIVIDU,
    ID_KELUARGA,
    INDIVIDU,
    KELUARGA,
    PERAN,
    RECORD_ID,
    TABLES,
    ColumnSpec,
    PopulationSchema,
    VariableSpec,
    build_schema,
    resolve_columns,
)
from openfisca_indonesia_sosial.data.validated import Population

KEPALA = "kepala_keluarga"
PASANGAN = "pasangan"
_HELPER_PREFIX = "__"
_KEY_SEPARATOR = "\x1f"


# --- entry points --------------------------------------------------------------------------


def load_population(
    path: str | Path,
    *,
    year: int | None = None,
    strict: bool = False,
    tax_benefit_system=None,
) -> tuple[Population, ValidationReport]:
    """Read and validate the population folder ``path`` (see :func:`validate_tables`).

    Raises :class:`PopulationReadError` when the folder or a file cannot be read,
    :class:`PopulationSchemaError` on unknown or missing columns, and (``strict``)
    :class:`PopulationRejectedError` at the first rejected record.
    """
    raw = read_tables(path)
    return validate_tables(
        raw.individu,
        raw.keluarga,
        year=year,
        strict=strict,
        tax_benefit_system=tax_benefit_system,
        source=raw.source,
        format="/".join(sorted(set(raw.formats.values()))),
    )


def validate_tables(
    individu: pd.DataFrame,
    keluarga: pd.DataFrame,
    *,
    year: int | None = None,
    strict: bool = False,
    tax_benefit_system=None,
    source: str | None = None,
    format: str | None = None,
    known_duplicates: dict[str, dict[str, np.ndarray]] | None = None,
) -> tuple[Population, ValidationReport]:
    """Validate the two tables; return the accepted records and the report.

    ``year`` is the simulated year; when None it is the year of the month columns
    (``hamil_2024_03``) if any, else the current calendar year. ``strict`` raises
    :class:`PopulationRejectedError` naming table, record id and field of the first rejected
    record (file order, ``individu`` first) instead of returning a report with rejections.
    ``known_duplicates`` (``{table: {column: mask}}``, one boolean per row): rows whose id or
    NIK is shared with a record outside these tables (another partition of the registry);
    they are rejected like the duplicates found here.
    """
    schema = build_schema(tax_benefit_system)
    raws = {INDIVIDU: individu.reset_index(drop=True), KELUARGA: keluarga.reset_index(drop=True)}
    specs, years = {}, set()
    for table in TABLES:
        specs[table], month_year = resolve_columns(table, list(raws[table].columns), schema, year)
        if month_year is not None:
            years.add(month_year)
    if year is None:
        if len(years) > 1:
            raise PopulationSchemaError(
                "kolom bulanan dari beberapa tahun / month columns span several years: "
                + ", ".join(str(y) for y in sorted(years))
            )
        year = years.pop() if years else datetime.datetime.now(datetime.UTC).year
    return _Validator(schema, raws, specs, year, known_duplicates).run(strict, source, format)


# --- the machinery -------------------------------------------------------------------------


class _Validator:
    def __init__(
        self,
        schema: PopulationSchema,
        raws: dict[str, pd.DataFrame],
        specs: dict[str, list[ColumnSpec]],
        year: int,
        known_duplicates: dict[str, dict[str, np.ndarray]] | None = None,
    ) -> None:
        self.schema = schema
        self.known = {t: dict((known_duplicates or {}).get(t, {})) for t in TABLES}
        for table, masks in self.known.items():
            for column, mask in masks.items():
                if len(mask) != len(raws[table]):
                    raise ValueError(f"known_duplicates {table}.{column}: one flag per row")
        self.raws = raws
        self.specs = specs
        self.year = year
        self.messages: dict[str, tuple[str, str]] = {}  # (table, column, code) key -> texts
        self.fields: dict[str, str] = {}  # helper column -> field reported
        self.parsed: dict[str, dict[str, tuple[pd.Series, np.ndarray]]] = {}
        for table in TABLES:
            self.parsed[table] = {
                spec.column: parse(raws[table][spec.column], spec.kind, self._items(spec))
                for spec in specs[table]
            }
        self.ids = {table: self._display_ids(table) for table in TABLES}
        # family ids of both tables as integer codes (-1 = missing): joins become array lookups
        families = self.values(KELUARGA, ID_KELUARGA)
        codes, self.n_codes = id_codes(
            [raws[KELUARGA][ID_KELUARGA], raws[INDIVIDU][ID_KELUARGA]],
            pd.concat([families, self.values(INDIVIDU, ID_KELUARGA)], ignore_index=True),
        )
        self.family_code = {KELUARGA: codes[: len(families)], INDIVIDU: codes[len(families) :]}

    def _display_ids(self, table: str) -> pd.Series:
        """Record ids as text for the rejects: the parsed id, else the raw cell, else ''."""
        column = RECORD_ID[table]
        ids = self.values(table, column).astype("str")
        if ids.isna().any():
            raw = self.raws[table][column].astype("object").astype("str")
            ids = ids.where(ids.notna(), raw.where(self.raws[table][column].notna(), ""))
        return ids

    def _items(self, spec: ColumnSpec) -> tuple[str, ...]:
        if spec.variable is not None:
            return spec.variable.enum_items
        return self.schema.roles if spec.column == PERAN else ()

    def values(self, table: str, column: str) -> pd.Series:
        return self.parsed[table][column][0]

    def context(self, table: str) -> RuleContext:
        plain = {
            spec.column: self.values(table, spec.column)
            for spec in self.specs[table]
            if spec.month is None
        }
        return RuleContext(year=self.year, parsed=plain)

    # -- schemas --

    def _build(self, table: str) -> tuple[pa.DataFrameSchema, pa.DataFrameSchema, pd.DataFrame]:
        """Error schema, warning schema and the frame they validate (raw + helper columns)."""
        context = self.context(table)
        work = self.raws[table].copy(deep=False)
        errors: dict[str, pa.Column] = {}
        warnings: dict[str, pa.Column] = {}
        for spec in self.specs[table]:
            values, ok = self.parsed[table][spec.column]
            checks = [self._type_check(table, spec, ok)]
            rules: list[Rule] = []
            integers = signed_integers(self.raws[table][spec.column])
            if spec.column == ID_INDIVIDU and table == INDIVIDU:
                rules.append(unique("id_ganda", integers))
            elif spec.column == ID_KELUARGA and table == KELUARGA:
                rules.append(self._family_unique())
            if spec.kind == "str" and spec.variable is not None and spec.variable.max_length:
                rules.append(max_length(spec.variable.max_length))
            if spec.column in (ID_INDIVIDU, ID_KELUARGA):
                rules.append(max_length(MAX_ID_CHARS))
                rules.append(not_nik_like(integers))
            if spec.column == BOBOT:
                rules.append(at_most(MAX_BOBOT, BOBOT))
            name = spec.variable.name if spec.variable is not None else spec.column
            rules += COLUMN_RULES.get(name, ())
            rules = [also_known(rule, self.known[table].get(spec.column)) for rule in rules]
            warning_checks = []
            for rule in rules:
                check = self._rule_check(table, spec.column, rule, values, context)
                (warning_checks if rule.severity == WARNING else checks).append(check)
            nullable = spec.month is not None or (
                spec.variable is not None and spec.variable.empty_is_default
            )
            errors[spec.column] = pa.Column(nullable=nullable, checks=checks, name=spec.column)
            if warning_checks:
                warnings[spec.column] = pa.Column(
                    nullable=True, checks=warning_checks, name=spec.column
                )
        for column, (helper, checks) in self._helpers(table).items():
            work[column] = helper
            errors[column] = pa.Column(nullable=True, checks=checks, name=column)
        return pa.DataFrameSchema(errors), pa.DataFrameSchema(warnings), work

    def _key(self, table: str, column: str, code: str) -> str:
        return _KEY_SEPARATOR.join((table, column, code))

    def _type_check(self, table: str, spec: ColumnSpec, ok: np.ndarray) -> pa.Check:
        if spec.kind == "enum":
            code = "nilai_tidak_dikenal"
            choices = ", ".join(self._items(spec))
            text = (f"nilai tidak dikenal; pilihan: {choices}", f"unknown value; one of: {choices}")
        else:
            code = "tipe_tidak_valid"
            text = TYPE_MESSAGES[spec.kind]
        self.messages[self._key(table, spec.column, code)] = text
        return precomputed_check(lambda: ok, code)

    def _rule_check(
        self, table: str, column: str, rule: Rule, values: pd.Series, context: RuleContext
    ) -> pa.Check:
        self.messages[self._key(table, column, rule.code)] = rule.messages()

        def result() -> np.ndarray:
            return np.asarray(rule.test(values, context), dtype=bool) | values.isna().to_numpy()

        return precomputed_check(result, rule.code)

    def _family_unique(self) -> Rule:
        """Duplicate ``id_keluarga`` from the family codes already computed (no new hashing)."""
        codes = self.family_code[KELUARGA]
        counts = np.bincount(codes[codes >= 0], minlength=self.n_codes + 1)
        single = (codes < 0) | (counts[codes.clip(0)] == 1)
        rule = unique("id_ganda")
        return Rule(rule.code, lambda _values, _context: single, doc=rule.doc)

    def _helpers(self, table: str) -> dict[str, tuple[pd.Series, list[pa.Check]]]:
        """Helper columns carrying cross-table facts, checked like any column."""
        person_code = self.family_code[INDIVIDU]
        family_code = self.family_code[KELUARGA]
        helpers: dict[str, tuple[pd.Series, list[pa.Check]]] = {}
        if table == INDIVIDU:
            present = np.zeros(self.n_codes + 1, dtype=bool)  # last slot: missing id
            present[family_code[family_code >= 0]] = True
            present[-1] = True
            exists = pd.Series(present[person_code])  # code -1 reads the last slot
            column = f"{_HELPER_PREFIX}keluarga_ada"
            self._helper_meta(table, column, ID_KELUARGA, "keluarga_tidak_ditemukan")
            helpers[column] = (
                exists,
                [
                    precomputed_check(
                        lambda: exists.to_numpy(dtype=bool), "keluarga_tidak_ditemukan"
                    )
                ],
            )
            return helpers

        roles = self.values(INDIVIDU, PERAN)

        def count(role: str | None = None) -> pd.Series:
            mask = person_code >= 0
            if role is not None:
                mask &= (roles == role).to_numpy(dtype=bool)
            counts = np.bincount(person_code[mask], minlength=self.n_codes)
            result = pd.Series(counts[family_code.clip(0)], dtype="Int64")
            return result.where(family_code >= 0)

        members = count()
        column = f"{_HELPER_PREFIX}jumlah_anggota"
        self._helper_meta(table, column, ID_KELUARGA, "keluarga_tanpa_anggota")
        helpers[column] = (
            members,
            [precomputed_check(passing(members >= 1), "keluarga_tanpa_anggota")],
        )
        heads = count(KEPALA)
        column = f"{_HELPER_PREFIX}jumlah_{KEPALA}"
        head_max = self.schema.role_max.get(KEPALA, 1)
        self._helper_meta(table, column, PERAN, "tanpa_kepala_keluarga")
        self._helper_meta(
            table,
            column,
            PERAN,
            "kepala_keluarga_ganda",
            (
                f"keluarga dengan lebih dari {head_max} kepala_keluarga",
                f"family with more than {head_max} kepala_keluarga",
            ),
        )
        # a family without members is reported as such, not also as a family without a head
        headless = (heads >= 1) | (members == 0)
        helpers[column] = (
            heads,
            [
                precomputed_check(passing(headless), "tanpa_kepala_keluarga"),
                precomputed_check(passing(heads <= head_max), "kepala_keluarga_ganda"),
            ],
        )
        for role, maximum in self.schema.role_max.items():
            if role == KEPALA:
                continue
            counts = count(role)
            code = "pasangan_ganda" if role == PASANGAN else "peran_melebihi_batas"
            column = f"{_HELPER_PREFIX}jumlah_{role}"
            self._helper_meta(
                table,
                column,
                PERAN,
                code,
                (
                    f"keluarga dengan lebih dari {maximum} {role}",
                    f"family with more than {maximum} {role}",
                ),
            )
            helpers[column] = (counts, [precomputed_check(passing(counts <= maximum), code)])
        return helpers

    def _helper_meta(self, table, column, field_name, code, text=None) -> None:
        self.fields[column] = field_name
        self.messages[self._key(table, column, code)] = text or CODES[code]

    # -- running --

    def _failures(
        self, table: str, schema: pa.DataFrameSchema, work: pd.DataFrame, severity: str
    ) -> pd.DataFrame:
        if not schema.columns or all_pass(schema, work):
            return empty_rejects()
        try:
            schema.validate(work, lazy=True, inplace=True)
        except SchemaErrors as error:
            cases = error.failure_cases
        else:
            return empty_rejects()
        broken = cases["index"].isna()
        if broken.any():  # a check failed to run: a bug in this package, never silenced
            first = cases[broken].iloc[0]
            raise RuntimeError(
                mask_text(
                    f"check {first['check']} on {table}.{first['column']} failed: "
                    f"{str(first['failure_case'])[:200]}"
                )
            )
        rows = cases["index"].astype("int64").to_numpy()
        columns = cases["column"].astype("str").to_numpy()
        codes = cases["check"].astype("str").replace({"not_nullable": "nilai_kosong"})
        codes = codes.where(codes.isin(list(CODES)), "pemeriksaan_gagal").to_numpy()
        fields = pd.Series(columns).map(lambda c: self.fields.get(c, c)).to_numpy()
        keys = (
            pd.Series([table] * len(rows), dtype="str")
            + _KEY_SEPARATOR
            + columns
            + (_KEY_SEPARATOR + pd.Series(codes, dtype="str"))
        )
        texts = keys.map(self.messages)
        generic = pd.Series(codes).map(CODES)
        texts = texts.where(texts.notna(), generic)
        value = cases["failure_case"].astype("object").astype("str").to_numpy()
        frame = pd.DataFrame(
            {
                "table": table,
                "row": rows,
                "record_id": take_cells(self.ids[table], rows),
                "field": fields,
                "code": codes,
                "severity": severity,
                "alasan": texts.str[0].to_numpy(),
                "reason": texts.str[1].to_numpy(),
                "value": value,
            }
        )
        helper_family = (
            frame["field"].eq(ID_KELUARGA)
            & pd.Series(columns).str.startswith(_HELPER_PREFIX).to_numpy()
        )
        if table == INDIVIDU and helper_family.any():
            family = self.values(INDIVIDU, ID_KELUARGA).astype("str").to_numpy()
            frame.loc[helper_family, "value"] = family[frame.loc[helper_family, "row"]]
        if table == KELUARGA:  # the family without members: show its id, not the count 0
            frame.loc[helper_family, "value"] = frame.loc[helper_family, "record_id"]
        frame.loc[frame["code"] == "nilai_kosong", "value"] = ""
        return frame

    def run(
        self, strict: bool, source: str | None, fmt: str | None
    ) -> tuple[Population, ValidationReport]:
        direct, warnings = [], []
        for table in TABLES:
            error_schema, warning_schema, work = self._build(table)
            direct.append(self._failures(table, error_schema, work, ERROR))
            warnings.append(self._failures(table, warning_schema, work, WARNING))
        direct_errors = concat_rejects(direct)
        if strict and not direct_errors.empty:
            raise_first_reject(mask_rejects(direct_errors))
        cascaded, bad = self._cascade(direct_errors)
        rejects = mask_rejects(concat_rejects([direct_errors, cascaded, *warnings]))
        rejects = sort_rejects(rejects)
        counts = {}
        for table in TABLES:
            n = len(self.raws[table])
            warned = rejects[(rejects["table"] == table) & (rejects["severity"] == WARNING)]
            counts[table] = TableCounts(
                table=table,
                rows_in=n,
                accepted=int(n - bad[table].sum()),
                rejected=int(bad[table].sum()),
                with_warnings=int(warned["row"].nunique()),
            )
        population = self._population(~bad[INDIVIDU], ~bad[KELUARGA])
        for table in TABLES:
            if len(population.table(table)) != counts[table].accepted:
                raise RuntimeError(f"accepted {table} records do not reconcile")
        report = ValidationReport(
            year=self.year, rejects=rejects, counts=counts, source=source, format=fmt
        )
        return population, report

    def _cascade(self, direct: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
        bad = {table: np.zeros(len(self.raws[table]), dtype=bool) for table in TABLES}
        for table in TABLES:
            bad[table][direct.loc[direct["table"] == table, "row"].to_numpy(dtype=np.int64)] = True
        person_code = self.family_code[INDIVIDU]
        family_code = self.family_code[KELUARGA]
        # ids of the directly rejected members, listed per family code
        hit = bad[INDIVIDU] & (person_code >= 0)
        member_list = (
            pd.DataFrame({"code": person_code[hit], "id": take_cells(self.ids[INDIVIDU], hit)})
            .drop_duplicates()
            .groupby("code", sort=False)["id"]
            .agg(", ".join)
        )
        listed_by_code = np.full(self.n_codes + 1, None, dtype=object)  # last slot: missing
        listed_by_code[member_list.index.to_numpy(dtype=np.int64)] = member_list.to_numpy()
        by_member = listed_by_code[family_code]
        family_hit = pd.notna(by_member) & (family_code >= 0)
        rows = np.flatnonzero(family_hit)
        listed = by_member[rows].astype(str).astype(object)
        family_rows = pd.DataFrame(
            {
                "table": KELUARGA,
                "row": rows,
                "record_id": take_cells(self.ids[KELUARGA], rows),
                "field": ID_INDIVIDU,
                "code": "anggota_ditolak",
                "severity": ERROR,
                "alasan": "anggota ditolak: " + listed,
                "reason": "member rejected: " + listed,
                "value": listed,
            }
        )
        bad[KELUARGA] |= family_hit
        rejected = np.zeros(self.n_codes + 1, dtype=bool)
        rejected[family_code[bad[KELUARGA] & (family_code >= 0)]] = True
        rejected[-1] = False
        follow = ~bad[INDIVIDU] & rejected[person_code]
        rows = np.flatnonzero(follow)
        family = self.values(INDIVIDU, ID_KELUARGA).iloc[rows].astype("str").to_numpy(dtype=object)
        members = listed_by_code[person_code[rows]]
        through_member = pd.notna(members)
        member_text = np.where(through_member, members, "").astype(str).astype(object)
        person_rows = pd.DataFrame(
            {
                "table": INDIVIDU,
                "row": rows,
                "record_id": take_cells(self.ids[INDIVIDU], rows),
                "field": ID_KELUARGA,
                "code": np.where(through_member, "anggota_ditolak", "keluarga_ditolak"),
                "severity": ERROR,
                "alasan": np.where(
                    through_member, "anggota ditolak: " + member_text, "keluarga ditolak: " + family
                ),
                "reason": np.where(
                    through_member, "member rejected: " + member_text, "family rejected: " + family
                ),
                "value": np.where(through_member, member_text, family),
            }
        )
        bad[INDIVIDU] |= follow
        return concat_rejects([family_rows, person_rows]), bad

    def _population(self, keep_person: np.ndarray, keep_family: np.ndarray) -> Population:
        frames: dict[str, pd.DataFrame] = {}
        overrides: dict[str, dict[str, pd.DataFrame]] = {}
        variables: dict[str, dict[str, VariableSpec]] = {}
        order = {INDIVIDU: None, KELUARGA: np.flatnonzero(keep_family)}
        position_by_code = np.full(self.n_codes + 1, -1, dtype=np.int64)
        position_by_code[self.family_code[KELUARGA][order[KELUARGA]]] = np.arange(
            len(order[KELUARGA])
        )
        person_rows = np.flatnonzero(keep_person)
        position = position_by_code[self.family_code[INDIVIDU][person_rows]]
        if (position < 0).any():
            raise RuntimeError("an accepted person has no accepted family")
        by_family = np.argsort(position, kind="stable")
        order[INDIVIDU] = person_rows[by_family]
        family_index = position[by_family]
        for table in TABLES:
            rows = order[table]
            columns: dict[str, pd.Series] = {}
            overrides[table] = {}
            variables[table] = {}
            for spec in self.specs[table]:
                values = self.values(table, spec.column).iloc[rows].reset_index(drop=True)
                if spec.variable is not None:
                    variables[table][spec.variable.name] = spec.variable
                if spec.month is not None:
                    months = overrides[table].setdefault(spec.variable.name, {})
                    months[spec.month] = values
                else:
                    columns[spec.column] = dense(values, spec.kind)
            if table == KELUARGA and BOBOT not in columns:
                columns[BOBOT] = pd.Series(np.ones(len(rows)), dtype="float64")
            frame = pd.DataFrame(columns)
            lead = [c for c in (ID_INDIVIDU, ID_KELUARGA, PERAN, BOBOT) if c in frame.columns]
            frames[table] = frame[lead + [c for c in frame.columns if c not in lead]]
            overrides[table] = {
                name: pd.DataFrame(dict(sorted(months.items())))
                for name, months in overrides[table].items()
            }
        population = Population(
            individu=frames[INDIVIDU],
            keluarga=frames[KELUARGA],
            monthly_overrides=overrides,
            year=self.year,
            variables=variables,
        )
        # the join is already done: spare Population.family_index() comparing the id texts
        family_index.flags.writeable = False
        population.__dict__["_family_index"] = family_index
        return population


# --- helpers -------------------------------------------------------------------------------
