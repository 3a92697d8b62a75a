"""/bulk columnar: Parquet and Arrow IPC in and out over HTTP, equal to the JSON answer."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from api_helpers import INDIVIDU, KELUARGA, MONTH

from openfisca_indonesia_sosial.api.bulk_read import records_frame
from openfisca_indonesia_sosial.synthetic import generate
from openfisca_indonesia_sosial.system import baseline

PARQUET = "application/vnd.apache.parquet"
ARROW = "application/vnd.apache.arrow.stream"
FIXTURES = __import__("pathlib").Path(__file__).parents[1] / "fixtures" / "populations"
FAMILY_VARIABLES = ["pkh_layak", "pkh_bantuan", "sembako_bantuan", "bantuan_tambahan"]
PERSON_VARIABLES = ["pkh_komponen", "pbi_jk_layak", "pbi_jk_iuran"]


def encode(frame: pd.DataFrame, kind: str) -> tuple[str, bytes, str]:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    buffer = io.BytesIO()
    if kind == "parquet":
        pq.write_table(table, buffer)
        return "t.parquet", buffer.getvalue(), PARQUET
    with pa.ipc.new_stream(buffer, table.schema) as writer:
        writer.write_table(table)
    return "t.arrows", buffer.getvalue(), ARROW


def decode(response) -> pa.Table:
    kind = response.headers["Content-Type"].split(";")[0]
    if kind == PARQUET:
        return pq.read_table(io.BytesIO(response.content))
    assert kind == ARROW, kind
    return pa.ipc.open_stream(response.content).read_all()


def report(table: pa.Table) -> dict:
    return json.loads(table.schema.metadata[b"bansos"])


def post(api, individu, keluarga, kind, accept, **fields):
    files = {"individu": encode(individu, kind), "keluarga": encode(keluarga, kind)}
    return api.post(
        "/bulk", files=files, data={"month": MONTH, **fields}, headers={"Accept": accept}
    )


@pytest.fixture(scope="module")
def synthetic():
    """300 generated families (about 900 persons, under the test server's limits)."""
    individu, keluarga = generate(2025, 1000, seed=3)
    keluarga = keluarga.iloc[:300].reset_index(drop=True)
    individu = individu[individu["id_keluarga"].isin(keluarga["id_keluarga"])]
    return individu.reset_index(drop=True), keluarga


def as_records(frame: pd.DataFrame) -> list[dict]:
    records = frame.copy()
    for column in records.columns:
        if pd.api.types.is_datetime64_any_dtype(records[column]):
            records[column] = records[column].dt.strftime("%Y-%m-%d")
        elif (
            records[column].dtype == object
            and len(records)
            and hasattr(records[column].iloc[0], "isoformat")
        ):
            records[column] = records[column].map(lambda d: d.isoformat())
    return json.loads(records.to_json(orient="records"))


def plain(column: pa.ChunkedArray) -> list:
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return column.to_pylist()


@pytest.mark.parametrize(("kind", "accept"), [("parquet", PARQUET), ("arrow", ARROW)])
def test_columnar_answers_equal_the_json_answer(api, synthetic, kind, accept):
    individu, keluarga = synthetic
    variables = ",".join(FAMILY_VARIABLES + PERSON_VARIABLES)
    body = {
        "month": MONTH,
        "variables": variables.split(","),
        "individu": as_records(individu),
        "keluarga": as_records(keluarga),
    }
    expected = api.post("/bulk", json=body)
    assert expected.status_code == 200, expected.text
    expected = expected.json()
    assert expected["counts"]["keluarga"]["accepted"] == 300

    families = post(api, individu, keluarga, kind, accept, variables=",".join(FAMILY_VARIABLES))
    assert families.status_code == 200, families.text
    assert families.headers["X-Bansos-Table"] == "keluarga"
    table = decode(families)
    assert table.column_names == ["id_keluarga", *FAMILY_VARIABLES]
    by_id = {row["id_keluarga"]: row for row in expected["keluarga"]}
    ids = table.column("id_keluarga").to_pylist()
    assert ids == [row["id_keluarga"] for row in expected["keluarga"]]
    for name in FAMILY_VARIABLES:
        assert plain(table.column(name)) == [by_id[i][name] for i in ids], name
    assert pa.types.is_boolean(table.schema.field("pkh_layak").type)
    assert pa.types.is_integer(table.schema.field("pkh_bantuan").type)
    assert sum(table.column("pkh_bantuan").to_pylist()) > 0, "some families get PKH"

    persons = post(api, individu, keluarga, kind, accept, variables=variables, table="individu")
    assert persons.status_code == 200, persons.text
    table = decode(persons)
    assert table.num_rows == expected["counts"]["individu"]["accepted"]
    expected_persons = {row["id_individu"]: row for row in expected["individu"]}
    for row in table.to_pylist():
        want = expected_persons[row["id_individu"]]
        for name in PERSON_VARIABLES:
            assert row[name] == want[name], (row["id_individu"], name)
        for name in FAMILY_VARIABLES:  # joined: the person's family's value
            assert row[name] == by_id[row["id_keluarga"]][name], (row["id_individu"], name)
    meta = report(table)
    assert meta["counts"] == expected["counts"] and meta["periods"] == expected["periods"]
    assert meta["table"] == "individu"


def test_hand_computed_families_through_parquet(api):
    """The four families of the JSON tests, sent as Parquet of text cells."""
    system = baseline()
    individu = records_frame(INDIVIDU, "individu", system)
    keluarga = records_frame(KELUARGA, "keluarga", system)
    response = post(
        api, individu, keluarga, "parquet", PARQUET, variables="pkh_bantuan,sembako_bantuan"
    )
    assert response.status_code == 200, response.text
    rows = {row["id_keluarga"]: row for row in decode(response).to_pylist()}
    # July 2025 by hand: K1 pregnancy 750,000 + early childhood 750,000 + elderly 600,000;
    # K2 three SD children 3 x 225,000; Sembako 200,000 for deciles 1-4 only
    assert rows["K1"]["pkh_bantuan"] == 2_100_000
    assert rows["K2"]["pkh_bantuan"] == 3 * 225_000
    assert [rows[k]["sembako_bantuan"] for k in ("K1", "K2", "K3", "K4")] == [
        200_000,
        200_000,
        0,
        0,
    ]


@pytest.mark.parametrize(("kind", "accept"), [("parquet", PARQUET), ("arrow", ARROW)])
def test_rejected_rows_are_reported_in_the_columnar_answer(api, kind, accept):
    tables = {
        table: pd.read_csv(
            FIXTURES / "broken" / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""]
        )
        for table in ("individu", "keluarga")
    }
    expected = api.post(
        "/bulk",
        files={t: (f"{t}.csv", f.to_csv(index=False).encode()) for t, f in tables.items()},
        data={"month": "2024-03", "variables": "pkh_bantuan"},
    ).json()
    response = api.post(
        "/bulk",
        files={t: encode(f, kind) for t, f in tables.items()},
        data={"month": "2024-03", "variables": "pkh_bantuan"},
        headers={"Accept": accept},
    )
    assert response.status_code == 200, response.text
    table = decode(response)
    meta = report(table)
    assert meta["rejected_total"] == expected["rejected_total"] > 0
    assert response.headers["X-Bansos-Rejected-Total"] == str(expected["rejected_total"])
    assert meta["rejected"] == expected["rejected"]
    assert {"table", "row", "record_id", "field", "code", "alasan", "reason"} <= set(
        meta["rejected"][0]
    )
    assert sorted(table.column("id_keluarga").to_pylist()) == sorted(
        row["id_keluarga"] for row in expected["keluarga"]
    )
    nik_rows = [r for r in meta["rejected"] + meta["warnings"] if r["field"] == "nik"]
    assert nik_rows and all("**********" in r["value"] for r in nik_rows if r["value"])
    clear = re.compile(rb"(?<!\d)\d{16}(?!\d)")
    assert not clear.search(response.content), "a NIK travelled in clear"


def test_json_stays_the_default_answer(api):
    individu = records_frame(INDIVIDU, "individu", baseline())
    keluarga = records_frame(KELUARGA, "keluarga", baseline())
    for accept in (None, "*/*", "application/json", "text/html"):
        headers = {"Accept": accept} if accept else {}
        files = {"individu": encode(individu, "parquet"), "keluarga": encode(keluarga, "parquet")}
        response = api.post("/bulk", files=files, data={"month": MONTH}, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("application/json"), accept
        assert {"keluarga", "individu", "rejected"} <= set(response.json())


def _arrow_stream(table: pa.Table, **options) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(**options)) as w:
        w.write_table(table, max_chunksize=1_000)
    return sink.getvalue().to_pybytes()


def _refused(response, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert len(response.content) < 2_000 and response.headers["Content-Type"].startswith(
        "application/json"
    )
    return response.json()["error"]


def test_columnar_mistakes_are_small_4xx_naming_the_field(api):
    small = records_frame(INDIVIDU, "individu", baseline())
    families = encode(records_frame(KELUARGA, "keluarga", baseline()), "arrow")
    many = pa.table({"id_keluarga": np.arange(5_000).astype(str), "desil_dtsen": [2] * 5_000})

    def send(keluarga, **fields):
        files = {"individu": encode(small, "arrow"), "keluarga": keluarga}
        data = {"month": MONTH, **fields}
        return api.post("/bulk", files=files, data=data, headers={"Accept": ARROW})

    error = _refused(send(("k.arrows", _arrow_stream(many), ARROW)), 413)
    assert "families" in error and "2,000" in error
    compressed = _arrow_stream(many.slice(0, 10), compression="zstd")
    assert "compressed" in _refused(send(("k.arrows", compressed, ARROW)), 413)
    wide = pa.table({f"c{i}": [1] for i in range(1_001)})
    assert "columns" in _refused(send(("k.arrows", _arrow_stream(wide), ARROW)), 413)
    broken = _arrow_stream(many.slice(0, 10))[:-40] + b"\x00" * 7
    assert "readable Arrow" in _refused(send(("k.arrows", broken, ARROW)), 400)
    assert "'table'" in _refused(send(families, table="semua"), 400)
    error = _refused(send(families, variables="pbi_jk_iuran"), 400)
    assert "'variables'" in error and "table=individu" in error


def test_no_accepted_family_gives_an_empty_table_and_the_rejects(api):
    person = {"id_individu": "p1", "id_keluarga": "k1", "peran": "kepala_keluarga"}
    individu = pd.DataFrame([{**person, "tanggal_lahir": "1980-13-45"}])
    keluarga = pd.DataFrame([{"id_keluarga": "k1", "desil_dtsen": "2"}])
    response = post(api, individu, keluarga, "parquet", PARQUET, table="individu")
    assert response.status_code == 200, response.text
    table = decode(response)
    assert table.num_rows == 0
    rejected = report(table)["rejected"]
    assert any(r["field"] == "tanggal_lahir" and r["record_id"] == "p1" for r in rejected)
