"""The replicate machinery: draws, exact block sums, and the replicate Gini coefficient."""

from __future__ import annotations

import math

import numpy as np

from openfisca_indonesia_sosial.metrics.poverty import gini
from openfisca_indonesia_sosial.metrics.replicates import (
    ReplicateSums,
    count_values,
    family_keys,
    gini_replicates,
    interval,
    money_values,
    multipliers,
)

N = 5000


def _keys():
    return family_keys(np.array([f"K{i:05d}" for i in range(N)], dtype=object))


def test_replicate_gini_is_the_gini_of_the_replicate_weights():
    rng = np.random.default_rng(1)
    welfare = rng.lognormal(13.5, 0.7, N)
    weights = rng.uniform(50, 900, N)
    keys = _keys()
    drawn = multipliers(keys, 20)
    replicated = gini_replicates(welfare, weights, keys, 20)
    for b in (0, 7, 19):
        assert abs(replicated[b] - gini(welfare, drawn[b] * weights)) < 1e-12
    # the replicates in two parts, or from held draws: the same numbers bit for bit
    halves = np.concatenate(
        [
            gini_replicates(welfare, weights, keys, 10),
            gini_replicates(welfare, weights, keys, 10, drawn=drawn, first=10),
        ]
    )
    assert np.array_equal(halves, replicated)


def test_block_sums_are_exact_and_add_across_blocks():
    rng = np.random.default_rng(2)
    keys = _keys()
    weights = rng.uniform(50, 900, N)
    amounts = rng.integers(0, 4, N) * 750_000
    codes = rng.integers(0, 3, N)
    values = money_values(amounts, weights)
    counts = count_values(weights * (amounts > 0))

    def block(part):
        sums = ReplicateSums(multipliers(keys[part], 30), {"g": (codes[part], [0, 1, 2])})
        sums.add(("cost",), values[part])
        sums.add(("recipients",), counts[part], "g")
        return sums.finish()

    whole = block(np.arange(N))
    first, second = block(np.arange(0, 1234)), block(np.arange(1234, N))
    drawn = multipliers(keys, 30).astype(np.int64)
    # integers: the expected sums are exact in int64, in any order
    assert np.array_equal(whole[("cost",)], drawn @ values.astype(np.int64))
    assert np.array_equal(whole[("cost",)], first[("cost",)] + second[("cost",)])
    for label in (0, 1, 2):
        key = ("recipients", label)
        assert np.array_equal(whole[key], first[key] + second[key])
        expected = drawn[:, codes == label] @ counts[codes == label].astype(np.int64)
        assert np.array_equal(whole[key], expected)


def test_interval_bounds():
    replicates = np.array([0.0, 1.0, 2.0, 3.0])  # standard deviation 1.29
    low, high = interval(0.5, replicates)
    assert low == 0.0 and abs(high - (0.5 + 1.959963984540054 * np.std(replicates, ddof=1))) < 1e-12
    low, high = interval(0.9, replicates / 10, ceiling=1.0)
    assert high == 1.0
    low, high = interval(-0.5, replicates, floor=None)
    assert low < -0.5 < high
    assert interval(3.0, np.array([3.0, np.nan, 3.0])) == [3.0, 3.0]


def test_a_pair_of_groupings_gives_each_grouping_sums():
    rng = np.random.default_rng(3)
    keys = _keys()
    drawn = multipliers(keys, 25)
    groups = {
        "a": (rng.integers(0, 4, N), ["w", "x", "y", "z"]),
        "b": (rng.integers(0, 2, N), [0, 1]),
    }
    values = count_values(rng.uniform(0, 500, N) * (rng.random(N) < 0.3))
    paired = ReplicateSums(drawn, groups)
    paired.add((("v", "a"), ("v", "b")), values, ("a", "b"))
    single = ReplicateSums(drawn, groups)
    single.add(("v", "a"), values, "a")
    single.add(("v", "b"), values, "b")
    together, apart = paired.finish(), single.finish()
    assert set(together) == set(apart)
    for key, vector in apart.items():
        assert np.array_equal(together[key], vector), key


def _splitmix64_finaliser(x):
    # Steele, Lea and Flood's splitmix64 output function, with its published constants
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def test_draws_are_the_inverse_poisson_function_of_each_hash():
    # the definition, draw by draw: the 53 high bits of mix(key + b x golden) against the
    # Poisson(1) distribution function; the lookup table must give exactly these draws
    keys = np.random.default_rng(7).integers(0, 2**63, size=30_000, dtype=np.int64)
    keys = keys.astype(np.uint64)
    replicates, first = 40, 5
    with np.errstate(over="ignore"):
        counters = np.arange(first + 1, first + replicates + 1, dtype=np.uint64)[:, None]
        hashed = _splitmix64_finaliser(keys[None, :] + counters * np.uint64(0x9E3779B97F4A7C15))
    high = hashed >> np.uint64(11)
    cdf = np.cumsum([math.exp(-1.0) / math.factorial(k) for k in range(20)])
    expected = np.searchsorted(np.floor(cdf * 2.0**53).astype(np.uint64), high, side="right")
    # some of these draws fall in a bucket that holds a threshold (about 1 in 8,000)
    bucket = hashed >> np.uint64(48)
    edges = np.floor(cdf * 2.0**53).astype(np.uint64) >> np.uint64(37)
    assert np.isin(bucket, edges).sum() > 20
    np.testing.assert_array_equal(multipliers(keys, replicates, first), expected)
    # the draws have the Poisson(1) law: mean 1, variance 1
    assert abs(expected.mean() - 1) < 0.01 and abs(expected.var() - 1) < 0.02


def test_grouped_sums_over_several_flushes_and_a_support_named_again():
    """The cell order is kept between flushes of a batch: each column's per-cell sums still
    equal the direct sum over the cell's families of multiplier times value, however many
    flushes the batch takes and when a support is named again with other families."""
    from openfisca_indonesia_sosial.metrics.replicates import BATCH

    rng = np.random.default_rng(7)
    drawn = multipliers(_keys(), 12)
    codes = rng.integers(0, 4, N)
    sums = ReplicateSums(drawn, {"g": (codes, ["a", "b", "c", "d"])})
    first = np.sort(rng.choice(N, N // 3, replace=False))
    second = np.sort(rng.choice(N, N // 2, replace=False))
    expected = {}
    columns = 2 * BATCH + 5  # three flushes of each batch
    for rows, name in ((first, "x"), (second, "y")):
        sums.support("recipients", rows)
        for c in range(columns):
            values = np.zeros(N)
            values[rows] = rng.integers(1, 1000, rows.size)
            sums.add((name, c), values, "g", support="recipients")
            for g, label in enumerate("abcd"):
                cell = codes == g
                expected[(name, c, label)] = drawn[:, cell].astype(np.float64) @ values[cell]
        sums._flush(("g", "recipients"))  # the batch is flushed before its support changes
    out = sums.finish()
    assert out.keys() == expected.keys()
    for key, value in expected.items():
        np.testing.assert_array_equal(out[key], value)


def _direct(drawn, values, cell=None):
    """Each replicate's sum of multiplier times value, in int64 (exact)."""
    chosen = np.ones(values.shape[0], dtype=bool) if cell is None else cell
    return drawn[:, chosen].astype(np.int64) @ values[chosen].astype(np.int64)


def test_equal_columns_share_sums_and_nearly_equal_ones_do_not():
    """A column equal to one already added is not multiplied again; columns that differ in a
    single family, or only in the sign of a zero, keep their own sums, even when every
    fingerprint collides (then the bytes alone decide)."""
    rng = np.random.default_rng(11)
    drawn = multipliers(_keys(), 20)
    codes = rng.integers(0, 3, N)
    base = count_values(rng.uniform(0, 400, N) * (rng.random(N) < 0.4))
    near = base.copy()
    near[rng.integers(N)] += 1.0
    signed = np.where(base == 0, -0.0, base)
    columns = {"a": base, "b": base.copy(), "c": near, "d": base.copy(), "e": signed}
    halves = rng.integers(0, 2, N)
    groups = {"g": (codes, [0, 1, 2]), "h": (halves, ["x", "y"])}
    for collide in (False, True):
        sums = ReplicateSums(drawn, groups)
        if collide:
            sums.probe = np.zeros_like(sums.probe)
        for name, values in columns.items():
            sums.add((name,), values)
            sums.add(("by", name), values, "g")
            sums.add((("pair", name, "g"), ("pair", name, "h")), values, ("g", "h"))
        out = sums.finish()
        for name, values in columns.items():
            assert np.array_equal(out[(name,)], _direct(drawn, values)), (collide, name)
            for grouping, (labels_codes, labels) in groups.items():
                for index, label in enumerate(labels):
                    expected = _direct(drawn, values, labels_codes == index)
                    if grouping == "g":
                        assert np.array_equal(out[("by", name, label)], expected)
                    assert np.array_equal(out[("pair", name, grouping, label)], expected)
        # the twins were aliased, not multiplied: one pending column per distinct value
        # (a, c and e; b and d are a's twins), once per grouping of the pair
        assert [new for new, _, _ in sums.aliases] == [
            ("b",),
            ("by", "b"),
            ("pair", "b", "g"),
            ("pair", "b", "h"),
            ("d",),
            ("by", "d"),
            ("pair", "d", "g"),
            ("pair", "d", "h"),
        ]
