"""Which families receive which injection (:mod:`.inject`), and the findings that follows.

The drawing works on a few bytes per family (:class:`Families`, filled while the persons are
streamed): families are drawn in vectorised batches of candidates, and a family is used by
one injection at most (``taken``, which also holds the families :mod:`.inject` keeps out).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

import numpy as np

from openfisca_indonesia_sosial.registry.findings import DECEASED

#: Candidate families drawn at a time, and batches drawn before giving up.
_DRAW = 1024
_TRIES = 1000
#: Batches drawn for the first family of a pair before its province is given up.
_PAIR_TRIES = 20


class Families:
    """What the drawing needs of each family: size, province index, heads with a NIK (at
    most 2 counted) and the position of one, the position of the last non-head member with
    a NIK, whether a member has no NIK, whether the first member has one."""

    def __init__(self, sizes: np.ndarray, provinces: np.ndarray):
        n = sizes.size
        self.sizes, self.provinces = sizes, provinces
        self.heads = np.zeros(n, dtype=np.uint8)
        self.head_at = np.zeros(n, dtype=np.uint16)
        self.member_at = np.full(n, -1, dtype=np.int16)
        self.missing = np.zeros(n, dtype=bool)
        self.first_nik = np.zeros(n, dtype=bool)
        self.taken = np.zeros(n, dtype=bool)

    def add(self, family: np.ndarray, position: np.ndarray, has: np.ndarray, head: np.ndarray):
        """One batch of persons (sorted by family): their family, position, whether they
        have a NIK and whether they are a head."""
        with_nik = head & has
        chosen = family[with_nik]
        if chosen.size:
            low = int(chosen[0])
            counts = np.bincount(chosen - low)
            span = slice(low, low + counts.size)
            self.heads[span] = np.minimum(self.heads[span] + counts, 2)
            self.head_at[chosen] = position[with_nik]
        member = ~head & has
        chosen = family[member]
        if chosen.size:
            last = np.append(chosen[1:] != chosen[:-1], True)
            self.member_at[chosen[last]] = position[member][last]
        self.missing[family[~has]] = True
        start = position == 0
        self.first_nik[family[start]] = has[start]

    def big(self, c: np.ndarray) -> np.ndarray:
        """Two members or more, one head and a non-head member with a NIK, all with one."""
        ok = (self.sizes[c] >= 2) & (self.heads[c] == 1)
        return ok & (self.member_at[c] >= 0) & ~self.missing[c]

    def alone(self, c: np.ndarray) -> np.ndarray:
        return (self.sizes[c] == 1) & (self.heads[c] == 1)

    def any(self, c: np.ndarray) -> np.ndarray:
        return np.ones(c.size, dtype=bool)

    def first_with_nik(self, c: np.ndarray) -> np.ndarray:
        return self.first_nik[c]


class Plan:
    """The chosen rows, their new values and the expected findings."""

    def __init__(self, names: list[str], provinces: np.ndarray):
        self.names, self.provinces = names, provinces
        self.nik_copies: list[tuple[int, int]] = []  # (target row, source row)
        self.id_copies: list[tuple[int, int]] = []
        self.moved: list[int] = []
        self.died: dict[int, datetime.date] = {}
        self.family: dict[int, int] = {}  # row -> family, for every row named
        self.hits: dict[str, list[int]] = defaultdict(list)
        self.nik: dict[int, str] = {}
        self.idi: dict[int, object] = {}

    def hit(self, codes: tuple[str, ...], rows: list[int]) -> None:
        for code in codes:
            self.hits[code].extend(rows)

    def sources(self) -> dict[int, int]:
        """``{row: family}`` of the rows whose values the injections read."""
        rows = [s for _, s in self.nik_copies + self.id_copies] + self.moved
        return {row: self.family[row] for row in rows}

    def resolve(self, values: dict[int, tuple], existing, pairs) -> None:
        """The new values, from ``{row: (clean NIK, id)}``; ``existing`` tells which
        integer NIKs the registry holds, ``pairs`` are the agreeing region codes."""
        for target, source in self.nik_copies:
            self.nik[target] = values[source][0]
        for target, source in self.id_copies:
            self.idi[target] = values[source][1]
        every = sorted({code for code, _ in pairs})
        options = {}
        for row in self.moved:
            value = values[row][0]
            bps = self.names[self.provinces[self.family[row]]]
            agreeing = {code for code, prov in pairs if prov == bps}
            options[row] = [code + value[2:] for code in every if code not in agreeing]
        flat = sorted({nik for choices in options.values() for nik in choices})
        held = existing(np.array([int(nik) for nik in flat], dtype=np.int64))
        taken = {nik for nik, there in zip(flat, held, strict=True) if there}
        for row, choices in options.items():
            free = [nik for nik in choices if nik not in taken]
            if not free:
                raise ValueError("no free NIK for a moved person")
            self.nik[row] = free[0]
            taken.add(free[0])

    def changes(self) -> dict[str, tuple[np.ndarray, list]]:
        """``{column: (sorted rows, their values)}``."""
        result = {}
        for column, values in (("nik", self.nik), ("id_individu", self.idi), (DECEASED, self.died)):
            rows = sorted(values)
            result[column] = (np.array(rows, dtype=np.int64), [values[r] for r in rows])
        return result

    def expected(self, kinds) -> dict[str, dict]:
        result = {}
        for code in kinds:
            rows = self.hits.get(code, [])
            families = [self.family[row] for row in rows]
            names = Counter(self.names[self.provinces[f]] for f in families)
            result[code] = {
                "records": len(rows),
                "families": len(set(families)),
                "by_province": dict(sorted(names.items())),
            }
        return result

    def rows(self) -> list[tuple[str, int]]:
        return sorted((code, row) for code, rows in self.hits.items() for row in rows)


def choose(plan: Plan, rng, k: int, families: Families, period: datetime.date, starts) -> None:
    """Draw the families of ``k`` injections of each kind and fill ``plan`` (see the table
    in :mod:`.inject`); ``starts(sizes, families)`` gives their first person rows."""
    n = families.sizes.size
    half = n // 2

    def draw(low, high, ok, allowed=None, take=True):
        """A family of rows ``low:high`` that ``ok`` accepts, not taken, of a province
        ``allowed`` (a mask over province indices) accepts; None when none is met."""
        for _ in range(_TRIES if high > low else 0):
            candidates = rng.integers(low, high, _DRAW)
            good = ok(candidates) & ~families.taken[candidates]
            if allowed is not None:
                good &= allowed[families.provinces[candidates]]
            picked = candidates[good]
            if picked.size:
                families.taken[picked[0]] = take
                return int(picked[0])
        return None

    def family(low, high, ok):
        found = draw(low, high, ok)
        if found is None:
            raise ValueError("population too small for the injections")
        return found

    # the first-half families of each province: a generated block lists its families by
    # province, so in a one-block population a province may lie in one half only
    order = np.argsort(families.provinces[:half], kind="stable").astype(np.int32)
    cuts = np.searchsorted(families.provinces[:half][order], np.arange(257))
    present = cuts[1:] > cuts[:-1]

    def first_of(province, ok):
        pool = order[cuts[province] : cuts[province + 1]]
        for _ in range(_PAIR_TRIES):
            candidates = pool[rng.integers(0, pool.size, _DRAW)]
            picked = candidates[ok(candidates) & ~families.taken[candidates]]
            if picked.size:
                families.taken[picked[0]] = True
                return int(picked[0])
        return None

    def pair(first_ok, second_ok):
        """A family of the first half and one of the same province in the second half; the
        second is drawn first, as the rarer kind (a one-person card) is always second."""
        for _ in range(_TRIES):
            b = draw(half, n, second_ok, present, take=False)
            if b is None:
                break
            a = first_of(int(families.provinces[b]), first_ok)
            if a is not None:
                families.taken[b] = True
                return a, b
            present[families.provinces[b]] = False  # none of it left in the first half
        raise ValueError("population too small for the injections")

    picks = []
    for _ in range(k):
        picks.append(("nik_ganda", family(0, n, families.big), None))
        picks.append(("id_ganda", family(0, half, families.any), family(half, n, families.any)))
        picks.append(("meninggal", family(0, n, families.any), family(0, n, families.any)))
        picks.append(("nik_wilayah_berbeda", family(0, n, families.first_with_nik), None))
        picks.append(("nik_kartu_ganda", *pair(families.big, families.big)))
        picks.append(("keluarga_tercakup", *pair(families.big, families.alone)))
        picks.append(("kepala_ganda", *pair(families.big, families.big)))
    chosen = sorted({f for _, a, b in picks for f in (a, b) if f is not None})
    rows = starts(families.sizes, np.array(chosen, dtype=np.int64)).tolist()
    first = dict(zip(chosen, rows, strict=True))

    def row(f: int, at: int) -> int:
        plan.family[first[f] + at] = f
        return first[f] + at

    def head(f):
        return row(f, int(families.head_at[f]))

    def member(f):
        return row(f, int(families.member_at[f]))

    for kind, a, b in picks:
        if kind == "nik_ganda":
            plan.nik_copies.append((member(a), head(a)))
            plan.hit(("nik_ganda",), [head(a), member(a)])
        elif kind == "id_ganda":
            plan.id_copies.append((row(b, 0), row(a, 0)))
            plan.hit(("id_ganda",), [row(a, 0), row(b, 0)])
        elif kind == "meninggal":
            # died the day before the period (a finding); another on its first day (none)
            plan.died[row(a, 0)] = period - datetime.timedelta(days=1)
            plan.hit(("meninggal",), [row(a, 0)])
            plan.died[row(b, 0)] = period
        elif kind == "nik_wilayah_berbeda":
            plan.moved.append(row(a, 0))
            plan.hit(("nik_wilayah_berbeda",), [row(a, 0)])
        elif kind == "nik_kartu_ganda":
            plan.nik_copies.append((member(b), member(a)))
            plan.hit(("nik_ganda", "nik_kartu_ganda"), [member(a), member(b)])
        elif kind == "keluarga_tercakup":
            plan.nik_copies.append((head(b), member(a)))
            plan.hit(("nik_ganda", "nik_kartu_ganda"), [member(a), head(b)])
            plan.hit(("keluarga_tercakup",), [head(b)])
        else:  # kepala_ganda
            plan.nik_copies.append((head(b), head(a)))
            plan.hit(("nik_ganda", "nik_kartu_ganda", "kepala_ganda"), [head(a), head(b)])
