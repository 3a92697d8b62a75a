"""The generator's numerics give the same bits whatever numpy and OpenBLAS run on.

The machine-level test generates one population in fresh processes told to use other
processor features (numpy without its AVX-512 loops; OpenBLAS's kernels of other processor
families) and compares the bytes; generator 1.1.0 gave a different population in each.
"""

from __future__ import annotations

import hashlib
import math
import os
import platform
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_indonesia_sosial.synthetic import portable

FINITE = st.floats(allow_nan=False, allow_infinity=False)


def _python_only(monkeypatch):
    monkeypatch.setattr(portable, "_compiled", lambda: None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=-700, max_value=700), min_size=1, max_size=40))
def test_exp_is_the_c_librarys(values):
    assert portable.exp(values).tolist() == [math.exp(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=1e-300, max_value=1e300), min_size=1, max_size=40))
def test_log_is_the_c_librarys(values):
    assert portable.log(values).tolist() == [math.log(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.floats(min_value=1e-12, max_value=1e12), min_size=1, max_size=40),
    st.floats(min_value=-8, max_value=8),
)
def test_power_is_the_c_librarys(bases, exponent):
    assert portable.power(bases, exponent).tolist() == [math.pow(b, exponent) for b in bases]


def test_many_values_agree_with_and_without_the_compiled_loops(monkeypatch):
    rng = np.random.default_rng(5)
    x = rng.uniform(-30, 30, 200_000)
    y = np.exp(rng.uniform(-30, 30, 200_000))
    compiled = (portable.exp(x), portable.log(y), portable.power(y, x / 10))
    _python_only(monkeypatch)
    python = (portable.exp(x), portable.log(y), portable.power(y, x / 10))
    for a, b in zip(compiled, python, strict=True):
        assert a.tobytes() == b.tobytes()
    # numpy may differ from the C library here (its AVX-512 loops): the point of the module
    assert python[0].tolist()[:1000] == [math.exp(v) for v in x[:1000]]


def test_shapes_and_broadcasting_are_numpys():
    grid = np.arange(1.0, 7.0).reshape(2, 3)
    assert portable.power(grid, np.array([1.0, 2.0, 0.5])).shape == (2, 3)
    assert portable.power(grid, 2.0).tolist() == (grid**2).tolist()
    assert portable.exp(0.0).shape == ()
    assert float(portable.log(math.e)) == 1.0


def test_sums_of_products_are_the_matrix_products():
    rng = np.random.default_rng(2)
    m = rng.standard_normal((5_000, 6))
    w = rng.uniform(0, 3, 5_000)
    v = rng.standard_normal(6)
    np.testing.assert_allclose(portable.weighted_sums(m, w), m.T @ w, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(portable.combine(m, v), m @ v, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(portable.cross_products(m, m), m.T @ m, rtol=1e-12, atol=1e-9)
    x = rng.standard_normal(5_000)
    assert portable.weighted_variance(x, w) == pytest.approx(float(np.cov(x, aweights=w)))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_solve_symmetric_solves_positive_definite_systems(n, seed):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((n + 3, n))
    matrix = a.T @ a + np.eye(n)
    rhs = rng.standard_normal(n)
    x = portable.solve_symmetric(matrix, rhs)
    np.testing.assert_allclose(matrix @ x, rhs, rtol=1e-8, atol=1e-8)


def test_a_direction_without_information_gets_zero():
    # the calibration's Jacobian when a province has no family in the subsample
    matrix = np.array([[4.0, 0.0, 2.0], [0.0, 0.0, 0.0], [2.0, 0.0, 3.0]])
    rhs = np.array([2.0, 0.0, 1.0])
    x = portable.solve_symmetric(matrix, rhs)
    assert x[1] == 0.0
    np.testing.assert_allclose(x, np.linalg.lstsq(matrix, rhs, rcond=None)[0], atol=1e-12)
    assert portable.solve_symmetric(np.zeros((2, 2)), np.ones(2)).tolist() == [0.0, 0.0]


_HASH = """
import hashlib, sys
import pyarrow as pa
from openfisca_indonesia_sosial.synthetic.generator import generate_block
block = generate_block(2025, 3000, 11)
digest = hashlib.sha256()
for table in (block.individu, block.keluarga):
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    digest.update(sink.getvalue().to_pybytes())
print(digest.hexdigest())
"""


def _cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def _variants() -> list[dict]:
    """Environments this machine can run: each asks numpy or OpenBLAS for other code."""
    if platform.machine() not in ("x86_64", "AMD64"):
        return []
    flags = _cpu_flags()
    variants = [{}]
    if "avx512f" in flags:
        variants += [{"NPY_DISABLE_CPU_FEATURES": "X86_V4"}, {"OPENBLAS_CORETYPE": "SkylakeX"}]
    if {"avx2", "fma"} <= flags:
        variants.append({"OPENBLAS_CORETYPE": "Haswell"})
    if "avx" in flags:
        variants.append({"OPENBLAS_CORETYPE": "Sandybridge"})
    return variants


@pytest.mark.skipif(len(_variants()) < 2, reason="needs an x86-64 machine with AVX")
def test_the_population_is_the_same_whatever_the_processor_features():
    digests = {}
    for extra in _variants():
        done = subprocess.run(
            [sys.executable, "-c", _HASH],
            capture_output=True,
            text=True,
            env={**os.environ, **extra},
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-1500:]
        digests[str(extra)] = done.stdout.strip()
    assert len(set(digests.values())) == 1, digests
    assert hashlib.sha256(b"").hexdigest() not in digests.values()
