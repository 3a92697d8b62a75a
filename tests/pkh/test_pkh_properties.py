"""Property tests of PKH (hypothesis): random families, every month of a random year.

Checked: the caps are never exceeded; amounts are never negative; the yearly total is the
sum of the months; a family outside the registry band gets nothing; the vectorised counting
rule equals a plain greedy pass in priority order (also under other caps and another priority
order); adding a member who comes last in the priority order, or a victim of serious
human-rights violations, never lowers the payment.

Adding *any* eligible member can lower the payment: a pupil displaces an elderly member
(tests/pkh/pkh_batas_komponen.yaml), because the caps follow the priority order, not amounts.
"""

from __future__ import annotations

import datetime
from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core.periods import period as make_period
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_indonesia_sosial.system import baseline

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
JENJANG = ["tidak_sekolah", "paud", "sd", "smp", "sma", "perguruan_tinggi"]
GRUP = {
    "anak_usia_dini": "anak",
    "sd": "anak",
    "smp": "anak",
    "sma": "anak",
    "disabilitas_berat": "disabilitas_berat",
    "lanjut_usia": "lanjut_usia",
    "ibu_hamil": None,
}


def jarang(peluang_benar: int = 4):
    """True about once in ``peluang_benar`` draws."""
    return st.sampled_from([True] + [False] * (peluang_benar - 1))


def sering():
    return st.sampled_from([True, True, True, False])


anggota = st.fixed_dictionaries(
    {
        "hamil": jarang(),
        "disabilitas_berat": jarang(5),
        "jenjang_pendidikan": st.sampled_from(JENJANG),
        "kehadiran_sekolah_persen": st.sampled_from([100, 100, 90, 85, 84, 40]),
        "pemeriksaan_kesehatan_patuh": sering(),
        "terdaftar_dapodik": sering(),
        "korban_pelanggaran_ham_berat": jarang(8),
    }
)


@st.composite
def keluarga(draw):
    size = draw(st.integers(1, 12))
    births = draw(
        st.lists(
            st.dates(datetime.date(1925, 1, 1), datetime.date(2026, 6, 28)),
            min_size=size,
            max_size=size,
            unique=True,
        )
    )
    members = [dict(draw(anggota), tanggal_lahir=birth) for birth in births]
    roles = ["kepala_keluarga"] + [
        draw(st.sampled_from(["pasangan", "anak", "anak", "anggota_lain"])) for _ in births[1:]
    ]
    if roles.count("pasangan") > 1:
        roles = [roles[0]] + ["anggota_lain" if role == "pasangan" else role for role in roles[1:]]
    return {
        "anggota": members,
        "peran": roles,
        "terdaftar_dtks": draw(sering()),
        "desil_dtsen": draw(st.integers(0, 10)),
        "hadir_p2k2": draw(sering()),
        "pkh_akses": draw(jarang()),
    }


populasi = st.fixed_dictionaries(
    {"tahun": st.integers(2017, 2026), "keluarga": st.lists(keluarga(), min_size=1, max_size=3)}
)


def situation(population: dict) -> dict:
    year = str(population["tahun"])
    persons, families = {}, {}
    for f, family in enumerate(population["keluarga"]):
        roles: dict[str, list[str]] = {}
        for i, (member, role) in enumerate(zip(family["anggota"], family["peran"], strict=True)):
            pid = f"k{f}_i{i}"
            persons[pid] = {"tanggal_lahir": {"ETERNITY": member["tanggal_lahir"].isoformat()}}
            for name, value in member.items():
                if name != "tanggal_lahir":
                    persons[pid][name] = {year: value}
            plural = {"anak": "daftar_anak", "anggota_lain": "daftar_anggota_lain"}.get(role, role)
            roles.setdefault(plural, []).append(pid)
        families[f"k{f}"] = {
            **roles,
            **{
                name: {year: family[name]}
                for name in ("terdaftar_dtks", "desil_dtsen", "hadir_p2k2", "pkh_akses")
            },
        }
    return {"daftar_individu": persons, "daftar_keluarga": families}


def simulate(population: dict, system=None):
    return SimulationBuilder().build_from_entities(system or baseline(), situation(population))


def months(population: dict):
    return make_period(str(population["tahun"])).get_subperiods("month")


@SETTINGS
@given(populasi)
def test_monthly_invariants(population):
    """Never negative; outside the registry band nothing; year = sum of months; caps hold."""
    simulation = simulate(population)
    family = simulation.populations["individu"].keluarga.members_entity_id
    monthly = []
    for month in months(population):
        amounts = simulation.calculate("pkh_bantuan", month)
        monthly.append(amounts)
        assert (amounts >= 0).all()
        outside = ~simulation.calculate("pkh_dalam_registri", month)
        assert not simulation.calculate("pkh_layak", month)[outside].any()
        assert (amounts[outside] == 0).all()
        batas = simulation.tax_benefit_system.parameters(month.start).pkh.batas
        if batas.berlaku:
            komponen = simulation.calculate("pkh_komponen", month).decode_to_str()
            for f in np.unique(family):
                counted = Counter(GRUP[k] for k in komponen[family == f] if k != "tidak_ada")
                assert sum(counted.values()) <= batas.komponen_per_keluarga
                assert counted["anak"] <= batas.anak
                assert counted["disabilitas_berat"] <= batas.disabilitas_berat
                assert counted["lanjut_usia"] <= batas.lanjut_usia
    total = np.sum(np.asarray(monthly, dtype=np.int64), axis=0)
    yearly = simulation.calculate("pkh_bantuan_tahunan", str(population["tahun"]))
    np.testing.assert_array_equal(yearly, total)


def greedy(candidates, births, parameters) -> list[bool]:
    """The counting rule as written in the fact sheet: one member at a time."""
    batas, prioritas = parameters.pkh.batas, parameters.pkh.prioritas
    order = sorted(
        (i for i, k in enumerate(candidates) if k != "tidak_ada"),
        key=lambda i: (prioritas[candidates[i]], births[i]),
    )
    counted = [False] * len(candidates)
    per_group: Counter = Counter()
    for i in order:
        group = GRUP[candidates[i]]
        if sum(per_group.values()) < batas.komponen_per_keluarga and (
            group is None or per_group[group] < batas[group]
        ):
            counted[i] = True
            per_group[group] += 1
    return counted


class OtherCaps(Reform):
    name = "other caps and another priority order"

    def apply(self):
        def modify(parameters):
            pkh = parameters.pkh
            for path, value in {
                "batas.komponen_per_keluarga": 6,
                "batas.anak": 2,
                "batas.disabilitas_berat": 3,
                "batas.lanjut_usia": 1,
                "prioritas.ibu_hamil": 1,
                "prioritas.sd": 2,
                "prioritas.lanjut_usia": 3,
                "prioritas.anak_usia_dini": 4,
                "prioritas.disabilitas_berat": 5,
                "prioritas.smp": 6,
                "prioritas.sma": 7,
            }.items():
                group, leaf = path.split(".")
                pkh.children[group].children[leaf].update(start="2019-01-01", value=value)
            return parameters

        self.modify_parameters(modifier_function=modify)


_OTHER = {}


def other_system():
    if "system" not in _OTHER:
        _OTHER["system"] = OtherCaps(baseline())
    return _OTHER["system"]


@SETTINGS
@given(populasi, st.booleans())
def test_vectorised_counting_equals_greedy(population, other_rules):
    system = other_system() if other_rules else baseline()
    simulation = simulate(population, system)
    births = simulation.calculate("tanggal_lahir", "ETERNITY")
    family = simulation.populations["individu"].keluarga.members_entity_id
    for month in months(population):
        parameters = system.parameters(month.start)
        candidates = simulation.calculate("pkh_komponen_kandidat", month).decode_to_str()
        counted = simulation.calculate("pkh_komponen", month).decode_to_str() != "tidak_ada"
        dropped = simulation.calculate("pkh_terpotong_batas", month)
        for f in np.unique(family):
            mine = np.flatnonzero(family == f)
            if parameters.pkh.batas.berlaku:
                expected = greedy(list(candidates[mine]), list(births[mine]), parameters)
            else:
                expected = list(candidates[mine] != "tidak_ada")
            assert list(counted[mine]) == expected
            assert list(dropped[mine]) == [
                c != "tidak_ada" and not e for c, e in zip(candidates[mine], expected, strict=True)
            ]


NEWCOMERS = {
    "hamil": {
        "tanggal_lahir": datetime.date(2000, 3, 3),
        "hamil": True,
        "disabilitas_berat": False,
        "jenjang_pendidikan": "tidak_sekolah",
        "kehadiran_sekolah_persen": 100,
        "pemeriksaan_kesehatan_patuh": True,
        "terdaftar_dapodik": True,
        "korban_pelanggaran_ham_berat": False,
    },
    "korban_ham": {
        "tanggal_lahir": datetime.date(1985, 6, 15),
        "hamil": False,
        "disabilitas_berat": False,
        "jenjang_pendidikan": "tidak_sekolah",
        "kehadiran_sekolah_persen": 100,
        "pemeriksaan_kesehatan_patuh": True,
        "terdaftar_dapodik": True,
        "korban_pelanggaran_ham_berat": True,
    },
}


@settings(SETTINGS, max_examples=30)
@given(populasi, st.sampled_from(sorted(NEWCOMERS)), st.data())
def test_adding_a_last_in_order_member_never_lowers_the_payment(population, kind, data):
    f = data.draw(st.integers(0, len(population["keluarga"]) - 1))
    before = simulate(population)
    family = population["keluarga"][f]
    grown = dict(
        population,
        keluarga=[
            *population["keluarga"][:f],
            dict(
                family,
                anggota=[*family["anggota"], NEWCOMERS[kind]],
                peran=[*family["peran"], "anggota_lain"],
            ),
            *population["keluarga"][f + 1 :],
        ],
    )
    after = simulate(grown)
    for month in months(population):
        old = before.calculate("pkh_bantuan", month)
        new = after.calculate("pkh_bantuan", month)
        assert new[f] >= old[f]
        others = np.arange(len(old)) != f
        np.testing.assert_array_equal(new[others], old[others])


def _age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@SETTINGS
@given(populasi)
def test_no_child_beyond_the_second_among_siblings_is_paid_early_childhood(population):
    """Birth-order reading: the card's children (role anak) are siblings, and so are its
    grandchildren (anggota_lain under 18); in each sibling group, ranked by birth, the third
    and later children never hold an early-childhood component while the limit is in force."""
    simulation = simulate(population)
    for month in months(population):
        parameters = simulation.tax_benefit_system.parameters(month.start)
        if not parameters.pkh.batas.berlaku:
            continue
        limit = parameters.pkh.batas.urutan_anak_usia_dini
        adult = parameters.registri.batas_umur_anak
        first_day = datetime.date(month.start.year, month.start.month, 1)
        komponen = simulation.calculate("pkh_komponen", month).decode_to_str()
        row = 0
        for family in population["keluarga"]:
            groups: dict[str, list[tuple[datetime.date, int]]] = {"anak": [], "cucu": []}
            for member, role in zip(family["anggota"], family["peran"], strict=True):
                birth = member["tanggal_lahir"]
                if role == "anak":
                    groups["anak"].append((birth, row))
                elif role == "anggota_lain" and _age_on(birth, first_day) < adult:
                    groups["cucu"].append((birth, row))
                row += 1
            for siblings in groups.values():
                for _, later in sorted(siblings)[limit:]:
                    assert komponen[later] != "anak_usia_dini"
