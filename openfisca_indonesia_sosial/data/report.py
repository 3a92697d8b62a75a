"""The validation report: rejected records, counts that reconcile, a printable summary.

``rejects`` has one row per problem (a record may have several), with the columns of
:data:`REJECT_COLUMNS`:

``table``      ``individu`` or ``keluarga``
``row``        0-based position of the record in its input table (CSV line = row + 2)
``record_id``  ``id_individu`` or ``id_keluarga`` of the record (as text)
``field``      the column at fault (``peran`` for family-structure problems)
``code``       stable machine code (see rules.CODES)
``severity``   ``error`` (record rejected) or ``warning`` (record kept)
``alasan``     reason in Indonesian
``reason``     reason in English
``value``      the offending value as text (a NIK always masked: ``32**********07``)

Counts are per record: ``rows_in == accepted + rejected`` for each table, checked in code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table

from openfisca_indonesia_sosial.data.csv_output import write_csv
from openfisca_indonesia_sosial.data.errors import PopulationRejectedError
from openfisca_indonesia_sosial.data.limits import cap_text
from openfisca_indonesia_sosial.data.privacy import mask_nik_series, mask_text_series, shown
from openfisca_indonesia_sosial.data.rules import CODES, ERROR, WARNING
from openfisca_indonesia_sosial.data.schema import TABLES
from openfisca_indonesia_sosial.data.validated import NIK

REJECT_COLUMNS = (
    "table",
    "row",
    "record_id",
    "field",
    "code",
    "severity",
    "alasan",
    "reason",
    "value",
)


#: Longest source name (a folder path) a summary title quotes.
SOURCE_CHARS = 200


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="str") for column in REJECT_COLUMNS})
    frame["row"] = frame["row"].astype("int64")
    return frame


_EMPTY = _empty()


def empty_rejects() -> pd.DataFrame:
    """A rejects frame with no rows (the columns of :data:`REJECT_COLUMNS`)."""
    return _EMPTY.copy()


@dataclass(frozen=True)
class TableCounts:
    """Records of one table: ``rows_in == accepted + rejected``; ``with_warnings`` counts
    records (accepted or not) carrying at least one warning."""

    table: str
    rows_in: int
    accepted: int
    rejected: int
    with_warnings: int = 0

    def __post_init__(self) -> None:
        if self.rows_in != self.accepted + self.rejected:
            raise RuntimeError(
                f"counts do not reconcile for {self.table}: {self.rows_in} rows in, "
                f"{self.accepted} accepted, {self.rejected} rejected"
            )


@dataclass
class ValidationReport:
    """Outcome of validating a population. ``ok`` is True when nothing was rejected."""

    year: int
    rejects: pd.DataFrame
    counts: dict[str, TableCounts]
    source: str | None = None
    format: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.rejects["severity"] == ERROR).any()

    @property
    def errors(self) -> pd.DataFrame:
        return self.rejects[self.rejects["severity"] == ERROR]

    @property
    def warnings(self) -> pd.DataFrame:
        return self.rejects[self.rejects["severity"] == WARNING]

    def reasons(self) -> pd.DataFrame:
        """Problems by table, severity and code: ``records`` (distinct records) and
        ``problems`` (rows of ``rejects``), most frequent first."""
        columns = ["table", "severity", "code", "alasan", "reason", "records", "problems"]
        if self.rejects.empty:
            return pd.DataFrame(columns=columns)
        grouped = self.rejects.groupby(["table", "severity", "code"], observed=True)
        frame = pd.DataFrame(
            {"records": grouped["row"].nunique(), "problems": grouped.size()}
        ).reset_index()
        frame["alasan"] = frame["code"].map(lambda code: CODES.get(code, (code, code))[0])
        frame["reason"] = frame["code"].map(lambda code: CODES.get(code, (code, code))[1])
        frame = frame.sort_values(
            ["severity", "records", "table", "code"], ascending=[True, False, True, True]
        )
        return frame[columns].reset_index(drop=True)

    def write_rejects(self, path: str | Path, format: str | None = None) -> Path:
        """Write ``rejects`` as CSV or Parquet (``format``, else from the suffix:
        ``.csv``, ``.parquet``/``.pq``). NIKs are already masked; a CSV's text cells cannot
        run as spreadsheet formulas (:mod:`.csv_output`)."""
        path = Path(path)
        fmt = (format or path.suffix.lstrip(".")).lower()
        frame = self.rejects.copy()
        for column in ("record_id", "value", "alasan", "reason"):
            frame[column] = mask_text_series(frame[column])
        if fmt == "csv":
            write_csv(frame, path)
        elif fmt in {"parquet", "pq"}:
            frame.to_parquet(path, index=False)
        else:
            raise ValueError(
                f"format tidak dikenal / unknown rejects format {fmt!r}: use .csv or .parquet"
            )
        return path

    # --- printing ---------------------------------------------------------------------------

    def summary_renderable(self, max_reasons: int = 40) -> Group:
        title = f"Validasi populasi / population validation — tahun {self.year}"
        if self.source:
            title += f" — {escape(shown(self.source, SOURCE_CHARS))}"
        counts = Table(title=title)
        for header in (
            "tabel / table",
            "masuk / rows in",
            "diterima / accepted",
            "ditolak / rejected",
            "peringatan / warnings",
        ):
            counts.add_column(header, justify="right" if "/ t" not in header else "left")
        for item in self.counts.values():
            counts.add_row(
                item.table,
                f"{item.rows_in:,}",
                f"{item.accepted:,}",
                f"{item.rejected:,}",
                f"{item.with_warnings:,}",
            )
        parts: list = [counts]
        reasons = self.reasons()
        if not reasons.empty:
            table = Table(title="Alasan / reasons", show_lines=True)
            table.add_column("tabel", no_wrap=True)
            table.add_column("jenis", no_wrap=True)
            table.add_column("kode: alasan / code: reason", ratio=1)
            table.add_column("record", justify="right", no_wrap=True)
            for row in reasons.head(max_reasons).itertuples(index=False):
                table.add_row(
                    row.table,
                    row.severity,
                    f"[bold]{escape(row.code)}[/]: {escape(row.alasan)} / {escape(row.reason)}",
                    f"{row.records:,}",
                )
            parts.append(table)
            if len(reasons) > max_reasons:
                parts.append(f"… {len(reasons) - max_reasons} more")
        status = (
            "semua record valid / all records valid"
            if self.ok
            else ("ada record ditolak / some records were rejected")
        )
        parts.append(status)
        return Group(*parts)

    def print_summary(self, console: Console | None = None) -> None:
        (console or Console()).print(self.summary_renderable())

    def summary_text(self, width: int = 120) -> str:
        buffer = io.StringIO()
        Console(file=buffer, width=width, color_system=None, force_terminal=False).print(
            self.summary_renderable()
        )
        return buffer.getvalue()


# --- the rejects frame, as validation builds it ---------------------------------------------


def concat_rejects(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return empty_rejects()
    frame = pd.concat(frames, ignore_index=True)[list(REJECT_COLUMNS)]
    frame["row"] = frame["row"].astype("int64")
    for column in REJECT_COLUMNS:
        if column != "row":
            frame[column] = frame[column].astype("str")
    return frame


def mask_rejects(frame: pd.DataFrame) -> pd.DataFrame:
    """Mask NIKs: the value of a ``nik`` field always, and any NIK-like digit run anywhere."""
    if frame.empty:
        return frame
    frame = frame.copy()
    is_nik = frame["field"].eq(NIK).to_numpy()
    if is_nik.any():
        frame.loc[is_nik, "value"] = mask_nik_series(frame.loc[is_nik, "value"]).to_numpy()
    for column in ("record_id", "value", "alasan", "reason"):
        frame[column] = mask_text_series(cap_text(frame[column]))
    return frame


def sort_rejects(frame: pd.DataFrame) -> pd.DataFrame:
    order = {table: i for i, table in enumerate(TABLES)}
    severity = {ERROR: 0, WARNING: 1}
    return (
        frame.assign(_t=frame["table"].map(order), _s=frame["severity"].map(severity))
        .sort_values(["_t", "row", "_s"], kind="stable")
        .drop(columns=["_t", "_s"])
        .reset_index(drop=True)
    )


def raise_first_reject(errors: pd.DataFrame) -> None:
    first = sort_rejects(errors).iloc[0]
    raise PopulationRejectedError(
        table=first["table"],
        record_id=first["record_id"],
        row=int(first["row"]),
        field=first["field"],
        code=first["code"],
        alasan=first["alasan"],
        reason=first["reason"],
    )
