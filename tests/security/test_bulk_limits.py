"""/bulk under hostile tables: every count, size and echo bounded before a table is built.

The server of conftest.py allows 2,000 rows per table. Each test sends the input over HTTP
and asserts the status, the size of the answer, a time ceiling (generous: a guard, not a
benchmark), no traceback, no clear NIK, and a server still healthy afterwards.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import requests
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig

from .conftest import CLEAR_NIK, SECURITY_CONFIG, Client, Stopwatch, assert_clean

SMALL = 4096
MONTH = "2024-01"
PERSON = {
    "id_individu": "p1",
    "id_keluarga": "k0",
    "peran": "kepala_keluarga",
    "tanggal_lahir": "1980-01-01",
}


def refused(response: requests.Response, status: int, limit: int = SMALL) -> dict:
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert len(response.content) <= limit, len(response.content)
    assert_clean(response.text)
    return response.json()


def parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def person_file() -> tuple[str, bytes]:
    return "individu.csv", pd.DataFrame([PERSON]).to_csv(index=False).encode()


def upload(client, individu, keluarga, **fields) -> requests.Response:
    return client.post(
        "/bulk",
        files={"individu": individu, "keluarga": keluarga},
        data={"month": MONTH, **fields},
    )


@contextlib.contextmanager
def served(config: ApiConfig):
    """A server for one configuration (the shared one has the security settings)."""
    with serving(config) as base:
        yield Client(base)


# --- rows -------------------------------------------------------------------------------------


def test_json_families_are_limited(client):
    keluarga = [{"id_keluarga": f"k{i}"} for i in range(2_001)]
    with Stopwatch(10):
        answer = refused(
            client.post("/bulk", json={"month": MONTH, "individu": [PERSON], "keluarga": keluarga}),
            413,
        )
    assert "too many families" in answer["error"] and "2,000" in answer["error"]
    assert client.healthy()


@pytest.mark.parametrize("rows", [100_000, 4_000_000])
def test_a_parquet_of_millions_of_families_is_refused_from_its_footer(client, rows):
    # One repeated id compresses to a few kilobytes: the footer still says how many rows.
    ids = pa.DictionaryArray.from_arrays(np.zeros(rows, dtype=np.int8), pa.array(["k0"]))
    data = parquet(pa.table({"id_keluarga": ids}))
    assert len(data) < 200_000
    with Stopwatch(10):
        answer = refused(upload(client, person_file(), ("keluarga.parquet", data)), 413)
    assert f"{rows:,}" in answer["error"] and "families" in answer["error"]
    assert client.healthy()


def test_a_csv_of_many_families_is_read_no_further_than_the_limit(client):
    data = ("id_keluarga\n" + "k0\n" * 100_000).encode()
    with Stopwatch(10):
        answer = refused(upload(client, person_file(), ("keluarga.csv", data)), 413)
    assert "more than 2,000" in answer["error"]
    assert client.healthy()


# --- columns, names, cells --------------------------------------------------------------------


def test_columns_are_bounded(client):
    wide = {**PERSON, **{f"c{i}": 1 for i in range(1_500)}}
    with Stopwatch(10):
        refused(
            client.post(
                "/bulk", json={"month": MONTH, "individu": [wide], "keluarga": [{"id_keluarga": 1}]}
            ),
            413,
        )
    header = ",".join(f"c{i}" for i in range(100_000)).encode() + b"\n"
    with Stopwatch(10):
        refused(
            upload(client, ("individu.csv", header), ("keluarga.csv", b"id_keluarga\nk0\n")), 413
        )
    assert client.healthy()


def test_column_names_are_never_echoed_raw(client):
    name = f"\x1b[2J{CLEAR_NIK}"
    data = f"id_individu,id_keluarga,{name}\np1,k0,1\n".encode()
    with Stopwatch(10):
        answer = refused(
            upload(client, ("individu.csv", data), ("k.csv", b"id_keluarga\nk0\n")), 400
        )
    assert "\x1b" not in answer["error"] and "\\x1b" in answer["error"], answer
    assert client.healthy()


@pytest.mark.parametrize("kind", ["json", "csv", "parquet"])
def test_long_cells_are_refused(client, kind):
    long_id = "x" * 1_000_000
    if kind == "json":
        person = {**PERSON, "id_individu": long_id}
        body = {"month": MONTH, "individu": [person], "keluarga": [{"id_keluarga": "k0"}]}
        with Stopwatch(10):
            answer = refused(client.post("/bulk", json=body), 400)
    else:
        families = ("keluarga.csv", b"id_keluarga\nk0\n")
        if kind == "csv":
            persons = ("individu.csv", f"id_individu,id_keluarga\n{long_id},k0\n".encode())
        else:
            # 2,000 rows repeating one 1 MB value: a small file that would decode to 2 GB.
            ids = pa.DictionaryArray.from_arrays(
                np.zeros(2_000, dtype=np.int8), pa.array([long_id])
            )
            persons = ("individu.parquet", parquet(pa.table({"id_individu": ids})))
        with Stopwatch(10):
            answer = refused(upload(client, persons, families), 400)
    assert "characters" in answer["error"] or "bytes" in answer["error"], answer
    assert long_id[:1000] not in answer["error"]
    assert client.healthy()


def test_nested_parquet_columns_are_refused(client):
    data = parquet(pa.table({"id_individu": [["a", "b"]], "id_keluarga": ["k0"]}))
    with Stopwatch(10):
        answer = refused(upload(client, ("individu.parquet", data), person_file()), 400)
    assert "nested" in answer["error"]
    assert client.healthy()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_binary_uploads_are_never_echoed(client, suffix):
    noise = np.random.default_rng(7).integers(0, 256, 20_000, dtype=np.uint8).tobytes()
    data = (b"PAR1" if suffix == ".parquet" else b"") + noise + b"\x1b[31m" + CLEAR_NIK.encode()
    with Stopwatch(10):
        answer = refused(upload(client, ("individu" + suffix, data), ("k" + suffix, data)), 400)
    assert "readable" in answer["error"]
    assert all(ch.isprintable() for ch in answer["error"]), answer
    assert client.healthy()


# --- variables, periods, the answer -----------------------------------------------------------


def test_variables_are_bounded(client):
    tables = {"individu": [PERSON], "keluarga": [{"id_keluarga": "k0"}], "month": MONTH}
    many = [f"v{i}" for i in range(5_000)]
    with Stopwatch(10):
        answer = refused(client.post("/bulk", json={**tables, "variables": many}), 400)
    assert "at most" in answer["error"]
    with Stopwatch(10):
        refused(client.post("/bulk", json={**tables, "variables": ["pkh" + "x" * 1_000_000]}), 404)
    with Stopwatch(10):
        refused(
            upload(
                client, person_file(), ("k.csv", b"id_keluarga\nk0\n"), variables="a," * 100_000
            ),
            400,
        )
    assert client.healthy()


@pytest.mark.parametrize(("field", "value"), [("month", "9999-12"), ("year", 2010)])
def test_periods_outside_the_rules_are_400(client, field, value):
    body = {"individu": [PERSON], "keluarga": [{"id_keluarga": "k0"}], field: value}
    with Stopwatch(10):
        answer = refused(client.post("/bulk", json=body), 400)
    assert "supported range 2017" in answer["error"], answer
    with Stopwatch(10):
        answer = refused(
            upload(client, person_file(), ("k.csv", b"id_keluarga\nk0\n"), **{field: str(value)}),
            400,
        )
    assert "supported range" in answer["error"]
    assert client.healthy()


def test_the_answer_size_is_bounded_before_computing():
    keluarga = [{"id_keluarga": f"k{i}"} for i in range(300)]
    individu = [{**PERSON, "id_individu": f"p{i}", "id_keluarga": f"k{i}"} for i in range(300)]
    with served(replace(SECURITY_CONFIG, max_bulk_answer_cells=1_500)) as small:
        body = {"month": MONTH, "individu": individu, "keluarga": keluarga}
        with Stopwatch(10):
            answer = refused(small.post("/bulk", json=body), 413)
        assert "cells" in answer["error"]
        fewer = {**body, "variables": ["pkh_bantuan"]}
        assert small.post("/bulk", json=fewer).status_code == 200
        assert small.healthy()


def test_rejected_records_are_listed_up_to_a_bound(client):
    # Every person names a family that is not in the keluarga table: all rejected.
    individu = [{**PERSON, "id_individu": f"p{i}", "id_keluarga": f"x{i}"} for i in range(1_500)]
    body = {"month": MONTH, "individu": individu, "keluarga": [{"id_keluarga": "k0"}]}
    with Stopwatch(60):
        response = client.post("/bulk", json=body)
    assert response.status_code == 200, response.text[:300]
    assert len(response.content) < 1_000_000
    assert_clean(response.text)
    answer = response.json()
    assert len(answer["rejected"]) == 1_000 and answer["rejected_total"] >= 1_500
    assert client.healthy()
