"""Hostile reforms: reform files through the command line, inline reforms through /calculate.

Every refusal is exit code 2 with a message naming file:line and the parameter (command line)
or a small JSON 400 naming the parameter (Web API), quickly, without a traceback; money a
reform accepts never wraps around in the 32-bit amounts of a family of the largest size.
"""

from __future__ import annotations

import datetime
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_indonesia_sosial.api.reforms import ReformCache
from openfisca_indonesia_sosial.reform.files import (
    MAX_REFORM_PARAMETERS,
    MAX_REFORM_VALUES,
    ReformError,
    load_reform,
    load_reform_from_mapping,
)
from openfisca_indonesia_sosial.reform.money import FAMILY, unclassified
from openfisca_indonesia_sosial.reform.reading import MAX_REFORM_FILE_BYTES
from openfisca_indonesia_sosial.reform.values import INT32_MAX, MAX_MONEY

from .conftest import Stopwatch, assert_clean, bansos

CLI_CEILING = 120.0  # seconds, process start and population included
HTTP_CEILING = 10.0
SMALL = 4_000  # characters of a refusal
HEADER = "name: uji\nlabel: Uji\ndescription: Reformasi uji.\nparameters:\n"
ONE = {
    "daftar_individu": {"a": {}},
    "daftar_keluarga": {"k": {"kepala_keluarga": "a", "sembako_bantuan": {"2024-01": None}}},
}


def reform_file(folder: Path, body: str | bytes, name: str = "r.yaml") -> Path:
    path = folder / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return path


def one_value(value: str, parameter: str = "sembako.nilai_bulanan") -> str:
    return HEADER + f"  {parameter}:\n    2024-01-01: {value}\n"


def refused_by_cli(folder: Path, spec: str, *needles: str) -> str:
    """``bansos simulate --reform spec`` in ``folder``: exit 2, a short clean message."""
    with Stopwatch(CLI_CEILING):
        done = bansos("simulate", "--year", "2025", "--reform", spec, cwd=folder)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-3000:]
    assert_clean(output)
    assert len(output) < SMALL, output[:SMALL]
    flat = " ".join(output.split())
    assert "invalid reform" in flat
    for needle in needles:
        assert needle in flat, flat
    return flat


def refused_by_api(client, reform, *needles: str) -> dict:
    with Stopwatch(HTTP_CEILING):
        response = client.post("/calculate", json={**ONE, "reform": reform})
    assert response.status_code == 400, response.text[:2000]
    assert response.headers["Content-Type"].startswith("application/json")
    assert len(response.content) < SMALL, response.text[:SMALL]
    assert_clean(response.text)
    error = response.json()["error"]
    assert "invalid reform" in error
    for needle in needles:
        assert needle in error, error
    assert client.healthy()
    return response.json()


def inline(parameters: dict, **extra) -> dict:
    return {"name": "uji", "parameters": parameters, **extra}


# --- alias bombs and the shape of the document ---------------------------------------------


def alias_bomb(levels: int = 30) -> str:
    lines = ["name: bom", "label: Bom", "description: x", "a0: &a0 {x: 1}"]
    lines += [f"a{i}: &a{i} {{x: *a{i - 1}, y: *a{i - 1}}}" for i in range(1, levels + 1)]
    lines += ["parameters:", "  sembako.nilai_bulanan:", "    2024-01-01: 1"]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_it_expands(tmp_path):
    body = alias_bomb()
    assert len(body) < 2_000
    reform_file(tmp_path, body)
    refused_by_cli(tmp_path, "r.yaml", "r.yaml:4:", "anchors and aliases")


def test_a_single_alias_is_refused_with_its_line(tbs, tmp_path):
    path = reform_file(
        tmp_path,
        HEADER + "  sembako.nilai_bulanan: &nilai\n    2024-01-01: 1\n"
        "  pbi_jk.iuran_bulanan: *nilai\n",
    )
    with Stopwatch(5), pytest.raises(ReformError, match=r"r\.yaml:5: YAML anchors"):
        load_reform(str(path), tbs)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (HEADER + "  x:\n" + "".join("   " * i + " - \n" for i in range(1, 12)), "nested deeper"),
        (HEADER + "  a: " + "[" * 20 + "]" * 20 + "\n", "nested deeper"),
        (HEADER + "  a: [" + ", ".join(["1"] * 60_000) + "]\n", "YAML nodes"),
        (HEADER + "  ? [1, 2]\n  : 1\n", "a key must be a plain text"),
    ],
    ids=["deep-lists", "deep-flow", "many-nodes", "collection-key"],
)
def test_document_shape_limits(tbs, tmp_path, body, needle):
    path = reform_file(tmp_path, body)
    with Stopwatch(10), pytest.raises(ReformError, match=needle) as caught:
        load_reform(str(path), tbs)
    assert str(caught.value).startswith(f"{path}:")


def test_parameter_and_value_counts_are_bounded(tbs, tmp_path):
    many = "".join(f"  p{i}:\n    2024-01-01: 1\n" for i in range(MAX_REFORM_PARAMETERS + 1))
    with pytest.raises(ReformError, match=f"at most {MAX_REFORM_PARAMETERS}"):
        load_reform(str(reform_file(tmp_path, HEADER + many)), tbs)
    days = [
        datetime.date(2025, 1, 1) + datetime.timedelta(days=i) for i in range(MAX_REFORM_VALUES + 1)
    ]
    dates = "".join(f"    {day.isoformat()}: 1\n" for day in days)
    body = HEADER + "  sembako.nilai_bulanan:\n" + dates
    with pytest.raises(ReformError, match="dated values"):
        load_reform(str(reform_file(tmp_path, body, "s.yaml")), tbs)


def test_api_inline_counts_are_bounded(client):
    many = {f"p{i}": {"2024-01-01": 1} for i in range(MAX_REFORM_PARAMETERS + 1)}
    refused_by_api(client, inline(many), f"at most {MAX_REFORM_PARAMETERS}")
    days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=i) for i in range(3_000)]
    dated = {day.isoformat(): 1 for day in days}
    refused_by_api(client, inline({"sembako.nilai_bulanan": dated}), "dated values")


# --- values that are not numbers a parameter can hold --------------------------------------


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        (".nan", "finite number"),
        (".inf", "finite number"),
        ("-.inf", "finite number"),
        ("1e30", "write every digit"),
        ("1.0e+30", "whole numbers"),
        ("2147483648", "between 0 and 178,956,970"),
        (str(2**63), "between 0 and 178,956,970"),
        ("1" + "0" * 400, "an integer of 401 digits"),
    ],
)
def test_cli_reform_values_that_cannot_be_held(tmp_path, value, needle):
    reform_file(tmp_path, one_value(value))
    refused_by_cli(tmp_path, "r.yaml", "r.yaml:6:", "sembako.nilai_bulanan", needle)


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        (2_147_483_648, "between 0 and 178,956,970"),
        (2**63, "between 0 and 178,956,970"),
        (10**400, "an integer of 401 digits"),
        (1e300, "whole numbers"),
        ([300000], "got a list"),
        ({"value": {"value": 1}}, "nested mapping"),
        ("1e30", "write every digit"),
    ],
    ids=["2^31", "2^63", "10^400", "1e300", "list", "nested", "text"],
)
def test_api_inline_values_that_cannot_be_held(client, value, needle):
    reform = inline({"sembako.nilai_bulanan": {"2024-01-01": value}})
    refused_by_api(client, reform, "sembako.nilai_bulanan", needle)


@pytest.mark.parametrize(
    ("parameter", "value", "needle"),
    [
        ("registri.pakai_dtsen", 1, "expected true or false"),
        ("pkh.batas.komponen_per_keluarga", 10_000, f"between 0 and {FAMILY}"),
        ("pkh.kuota", 10**12, "between 0 and 1,000,000,000"),
        ("pkh.pembayaran.bulan_tercakup.januari", 1_000, "between 0 and 12"),
        ("pkh.pembayaran.pembulatan", 0, "cannot be below 1"),
        ("pkh.umur.lanjut_usia_minimum", 10**6, "between 0 and 150"),
        ("penyaluran.tingkat_penyerapan.pkh", float("1e308") * 10, "finite"),
    ],
)
def test_other_units_are_bounded(tbs, parameter, value, needle):
    data = {"name": "uji", "label": "x", "description": "x", "parameters": {parameter: {}}}
    data["parameters"][parameter]["2025-01-01"] = value
    with pytest.raises(ReformError, match=needle) as caught:
        load_reform_from_mapping(data, tbs)
    assert caught.value.parameter == parameter


@pytest.mark.parametrize(
    ("date", "needle"), [("9999-12-31", "2100-12-31 at the latest"), ("0001-01-01", "before")]
)
def test_dates_far_from_the_rules(client, date, needle):
    refused_by_api(client, inline({"sembako.nilai_bulanan": {date: 1}}), needle)


def test_yearly_total_that_would_wrap_is_refused(client, tmp_path):
    # 2,000,000 a month for each of FAMILY victims: Rp 2.4 billion a year, beyond int32.
    parameter = "pkh.korban_pelanggaran_ham_berat.bantuan_bulanan"
    refused_by_api(
        client, inline({parameter: {"2025-01-01": 2_000_000}}), parameter, "pkh_bantuan_tahunan"
    )
    reform_file(tmp_path, HEADER + f"  {parameter}:\n    2025-01-01: 2000000\n")
    refused_by_cli(tmp_path, "r.yaml", "r.yaml:6:", parameter, "2,147,483,647")


# --- files that are not reform files -------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (
            lambda d: reform_file(d, one_value("1").replace("Uji", "Uj\xed").encode("latin-1")),
            "r.yaml:2: not UTF-8",
        ),
        (lambda d: reform_file(d, b""), "r.yaml: the file is empty"),
        (
            lambda d: reform_file(d, b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))),
            "r.yaml:1: not a text file",
        ),
        (lambda d: (d / "r.yaml").mkdir(), "r.yaml: is a directory"),
        (lambda d: None, "r.yaml: no such reform file"),
        (lambda d: None, "no reform file (.yaml, .py) or shipped reform named"),
    ],
    ids=["latin-1", "empty", "binary", "directory", "missing", "unknown-name"],
)
def test_cli_files_that_are_not_reform_files(tmp_path, make, needle):
    make(tmp_path)
    spec = "tidak_ada_reformasi" if "shipped" in needle else "r.yaml"
    refused_by_cli(tmp_path, spec, needle)


def test_cli_file_of_50_megabytes(tmp_path):
    with (tmp_path / "r.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    refused_by_cli(tmp_path, "r.yaml", f"at most {MAX_REFORM_FILE_BYTES:,}")


def test_cli_structural_reform_path(tmp_path):
    refused_by_cli(tmp_path, "some/path.py", "some/path.py: no such reform file")
    reform_file(tmp_path, "raise RuntimeError('[/red] rusak')\n", "rusak.py")
    refused_by_cli(tmp_path, "rusak.py", "fails to import", "RuntimeError")


def test_api_never_reads_a_file_path(client, tmp_path):
    for spec in ("../setup.py", str(tmp_path / "r.py"), "reforms/sembako_300rb.yaml"):
        refused_by_api(client, spec, "no shipped reform named")


# --- long strings: echoed short, no slow suggestion, no global lock ------------------------


def test_long_parameter_path_and_reform_name_over_http(client):
    long_path = "sembako." + "x" * 1_500_000
    with Stopwatch(HTTP_CEILING):
        refused_by_api(client, inline({long_path: {"2024-01-01": 1}}), "no such parameter")
    with Stopwatch(HTTP_CEILING):
        refused_by_api(client, "sembako_300rb" + "x" * 1_500_000, "no shipped reform named")


def test_long_names_on_the_command_line(tmp_path):
    long = "x" * 100_000
    reform_file(tmp_path, HEADER + f"  sembako.{long[:1_000]}:\n    2024-01-01: 1\n")
    flat = refused_by_cli(tmp_path, "r.yaml", "r.yaml:5:", "no such parameter", "sembako.xxx")
    assert "did you mean" not in flat
    reform_file(tmp_path, HEADER + f"  sembako.{long}:\n    2024-01-01: 1\n")
    refused_by_cli(tmp_path, "r.yaml", "r.yaml:5:", "longer than 10,000 characters", "sembako.xxx")
    refused_by_cli(tmp_path, long, "no reform file")
    situation = tmp_path / "s.json"
    situation.write_text('{"daftar_individu": {"a": {}}}', encoding="utf-8")
    with Stopwatch(CLI_CEILING):
        done = bansos("calculate", str(situation), "--month", "2024-01", "--reform", long)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output[-2000:]
    assert len(output) < SMALL and "no shipped reform named" in " ".join(output.split())


def test_other_reforms_do_not_wait_for_a_slow_build(tbs):
    cache = ReformCache(tbs)
    started, release = threading.Event(), threading.Event()
    builds = []

    def slow():
        builds.append("slow")
        started.set()
        release.wait(30)
        return load_reform("sembako_300rb", tbs)

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache._get("slow", slow)))]
    threads[0].start()
    assert started.wait(10)
    # the same reform again: waits for the build under way, does not start another
    threads.append(threading.Thread(target=lambda: results.append(cache._get("slow", slow))))
    threads[1].start()
    begin = time.perf_counter()
    other = cache.resolve(inline({"sembako.nilai_bulanan": {"2024-01-01": 250_000}}))
    assert time.perf_counter() - begin < 10
    assert other.system.parameters("2024-06-01").sembako.nilai_bulanan == 250_000
    release.set()
    for thread in threads:
        thread.join(30)
    assert builds == ["slow"] and len(results) == 2 and results[0] is results[1]


def test_a_failed_build_is_reported_to_every_waiter_and_not_cached(tbs):
    cache = ReformCache(tbs)
    bad = inline({"sembako.nilai_bulanan": {"2024-01-01": 2**40}})
    for _ in range(2):
        with pytest.raises(ValueError, match="between 0 and"):
            cache.resolve(bad)
    assert len(cache) == 0 and not cache._building


# --- money a reform accepts never wraps -----------------------------------------------------


def test_every_rupiah_parameter_is_classified(tbs):
    from openfisca_indonesia_sosial.reform.files import leaf_units

    assert unclassified(leaf_units(tbs.parameters)) == []


def _largest_accepted(tbs, parameter: str, date: str) -> int:
    """The largest value the validator accepts (it is monotonic in the value)."""

    def accepted(value: int) -> bool:
        data = {"name": "uji", "label": "x", "description": "x"}
        try:
            load_reform_from_mapping({**data, "parameters": {parameter: {date: value}}}, tbs)
        except ReformError:
            return False
        return True

    low, high = 0, MAX_MONEY + 1
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(middle) else (low, middle)
    return low


def _family_of_largest_size(system, year: int, person: dict, family: dict):
    members = [f"p{i}" for i in range(FAMILY)]
    situation = {
        "daftar_individu": {m: dict(person) for m in members},
        "daftar_keluarga": {
            "k": {"kepala_keluarga": members[0], "daftar_anggota_lain": members[1:], **family}
        },
    }
    return SimulationBuilder().build_from_entities(system, situation)


PROGRAMS = {
    # parameter: (variable per month, yearly variable, members paid, person, family)
    "sembako.nilai_bulanan": ("sembako_bantuan", "sembako_bantuan_tahunan", 1),
    "pkh.korban_pelanggaran_ham_berat.bantuan_bulanan": (
        "pkh_bantuan",
        "pkh_bantuan_tahunan",
        FAMILY,
    ),
}
FAMILY_INPUT = {"terdaftar_dtks": {"2025": True}, "desil_dtsen": {"2025": 1}}
PERSON_INPUT = {
    "tanggal_lahir": {"ETERNITY": "1975-01-01"},
    "korban_pelanggaran_ham_berat": {"2025": True},
}


@pytest.mark.parametrize("parameter", sorted(PROGRAMS))
def test_accepted_money_never_wraps_for_the_largest_family(tbs, parameter):
    monthly_variable, yearly_variable, paid = PROGRAMS[parameter]
    largest = _largest_accepted(tbs, parameter, "2025-01-01")
    assert largest * paid * 12 <= INT32_MAX
    assert largest > 0

    @settings(max_examples=8, deadline=None)
    @given(value=st.one_of(st.just(largest), st.integers(0, largest)))
    def check(value):
        data = {"name": "uji", "label": "x", "description": "x"}
        reform = load_reform_from_mapping(
            {**data, "parameters": {parameter: {"2025-01-01": value}}}, tbs
        )
        simulation = _family_of_largest_size(reform.system, 2025, PERSON_INPUT, FAMILY_INPUT)
        months = [int(simulation.calculate(monthly_variable, f"2025-{m:02d}")[0]) for m in (1, 6)]
        yearly = int(simulation.calculate(yearly_variable, "2025")[0])
        assert months == [value * paid] * 2
        assert yearly == value * paid * 12 >= 0

    check()
