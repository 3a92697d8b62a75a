"""Property tests of the early-childhood reading (hypothesis): random families of toddlers,
children and grandchildren, every payment month of a random year from 2019.

Under the count reading (reform pkh_anak_usia_dini_menurut_jumlah) no family is paid more than
two early-childhood components; under the birth-order reading (the baseline) no child beyond
the second by birth among his siblings is: the members with role anak ranked among themselves,
the grandchildren among themselves, by date of birth. The ranks here are computed from the
drawn dates, independently of the package's ``anak_ke``.
"""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_indonesia_sosial.reform.files import load_reform
from openfisca_indonesia_sosial.system import baseline

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: the limit of both readings (pkh.batas.urutan_anak_usia_dini), read from the sources
LIMIT = 2
PAYMENT_MONTHS = ("01", "04", "07", "10")


@st.composite
def families(draw):
    year = draw(st.integers(2021, 2026))
    count = draw(st.integers(1, 3))
    result = []
    for _ in range(count):
        size = draw(st.integers(2, 9))
        births = draw(
            st.lists(
                st.dates(datetime.date(year - 12, 1, 1), datetime.date(year - 1, 12, 31)),
                min_size=size - 1,
                max_size=size - 1,
                unique=True,
            )
        )
        roles = [draw(st.sampled_from(["anak", "anak", "anggota_lain"])) for _ in births]
        school = [draw(st.sampled_from(["tidak_sekolah", "paud", "sd"])) for _ in births]
        result.append({"births": births, "roles": roles, "school": school})
    return {"year": year, "families": result}


def build(drawn: dict, system):
    year = str(drawn["year"])
    persons, groups = {}, {}
    for f, family in enumerate(drawn["families"]):
        head = f"k{f}_kepala"
        persons[head] = {"tanggal_lahir": {"ETERNITY": "1980-06-01"}}
        group = {"kepala_keluarga": head, "terdaftar_dtks": {year: True}, "desil_dtsen": {year: 1}}
        for i, (birth, role, school) in enumerate(
            zip(family["births"], family["roles"], family["school"], strict=True)
        ):
            pid = f"k{f}_{i}"
            persons[pid] = {
                "tanggal_lahir": {"ETERNITY": birth.isoformat()},
                "jenjang_pendidikan": {year: school},
            }
            key = "daftar_anak" if role == "anak" else "daftar_anggota_lain"
            group.setdefault(key, []).append(pid)
        groups[f"k{f}"] = group
    situation = {"daftar_individu": persons, "daftar_keluarga": groups}
    return SimulationBuilder().build_from_entities(system, situation)


def early_childhood_paid(simulation, month: str) -> np.ndarray:
    komponen = np.asarray(simulation.calculate("pkh_komponen", month).decode_to_str())
    paid = simulation.calculate("pkh_bantuan_komponen", month) > 0
    return (komponen == "anak_usia_dini") & paid


def sibling_ranks(drawn: dict) -> list[int]:
    """Each person's rank by birth among his siblings (1 = eldest), in person order: the
    head first (rank 0, never a child), then each family's members as drawn."""
    ranks = []
    for family in drawn["families"]:
        ranks.append(0)
        for birth, role in zip(family["births"], family["roles"], strict=True):
            same = [
                b
                for b, r in zip(family["births"], family["roles"], strict=True)
                if r == role and b < birth
            ]
            ranks.append(len(same) + 1)
    return ranks


@SETTINGS
@given(families())
def test_count_reading_pays_at_most_two_early_childhood_components(drawn):
    base = baseline()
    system = load_reform("pkh_anak_usia_dini_menurut_jumlah", base).system
    simulation = build(drawn, system)
    family = simulation.populations["individu"].keluarga.members_entity_id
    for month in PAYMENT_MONTHS:
        paid = early_childhood_paid(simulation, f"{drawn['year']}-{month}")
        per_family = np.bincount(family[paid], minlength=len(drawn["families"]))
        assert per_family.max() <= LIMIT


@SETTINGS
@given(families())
def test_birth_order_reading_pays_no_child_beyond_the_second(drawn):
    simulation = build(drawn, baseline())
    ranks = np.array(sibling_ranks(drawn))
    for month in PAYMENT_MONTHS:
        paid = early_childhood_paid(simulation, f"{drawn['year']}-{month}")
        assert (ranks[paid] <= LIMIT).all()
        assert (ranks[paid] >= 1).all()
