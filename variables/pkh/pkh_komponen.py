import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import ENUM_ARRAY_DTYPE, Enum, EnumArray
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import PKH_GRUP_BATAS as GRUP_BATAS
from openfisca_indonesia_sosial.law.enums import KomponenPKH
from openfisca_indonesia_sosial.law.ranking import (
    family_index,
    order_in_families,
    rank_among,
    rank_rows,
)

# Counting class of each component code: its cap group's position in GRUP_BATAS, then one
# class for the candidates without a group cap (ibu_hamil), then one for non-candidates.
TANPA_BATAS = len(GRUP_BATAS)
BUKAN_KANDIDAT = TANPA_BATAS + 1
N_KELAS = BUKAN_KANDIDAT + 1


def _kelas_per_kode() -> np.ndarray:
    kelas = np.full(len(KomponenPKH), TANPA_BATAS, dtype=np.int64)
    for posisi, daftar in enumerate(GRUP_BATAS.values()):
        kelas[[KomponenPKH[nama].index for nama in daftar]] = posisi
    kelas[KomponenPKH.tidak_ada.index] = BUKAN_KANDIDAT
    return kelas


KELAS = _kelas_per_kode()


class pkh_komponen(Variable):
    value_type = Enum
    possible_values = KomponenPKH
    default_value = KomponenPKH.tidak_ada
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Komponen PKH yang dihitung untuk anggota keluarga"
    documentation = (
        "The member's counted PKH component in the month, or tidak_ada. From 2019 "
        "(pkh.batas.berlaku) the candidates of a family are taken in priority order "
        "(pkh.prioritas: anak usia dini, SD, SMP, SMA, disabilitas berat, lanjut usia, ibu "
        "hamil), older members first within a component; a member counts when, at his turn, "
        "his group still has room (pkh.batas.anak for the four child components together, "
        "pkh.batas.disabilitas_berat, pkh.batas.lanjut_usia; no group cap for ibu_hamil) and "
        "the family still has room (pkh.batas.komponen_per_keluarga). The order is not by "
        "amount. In 2017-2018 every candidate counts. Computed without loops over families: "
        "a member passes his group cap iff his rank among the group's candidates is below "
        "the cap, and counts iff he passes and his rank among the passing members is below "
        "the family cap (the greedy pass gives exactly this, because once the family cap is "
        "full nobody later counts)."
    )
    reference = "Aturan penghitungan komponen PKH: maksimal 4 komponen, urutan prioritas (P20-P23)"

    def formula_2017_01_01(individu, period, parameters):
        pkh = parameters(period).pkh
        kandidat = individu("pkh_komponen_kandidat", period)
        if not pkh.batas.berlaku:
            return kandidat
        kode = np.asarray(kandidat)
        keluarga = family_index(individu.keluarga)
        n_keluarga = individu.keluarga.reference_entity.count

        # A family whose candidates fit under every cap keeps them all; only the few others
        # need the ordering, and ranks never cross families.
        awal_kelas = KELAS * n_keluarga
        jumlah = np.bincount(awal_kelas.take(kode) + keluarga, minlength=N_KELAS * n_keluarga)
        jumlah = jumlah.reshape(N_KELAS, n_keluarga)
        melebihi = jumlah[:BUKAN_KANDIDAT].sum(axis=0) > pkh.batas.komponen_per_keluarga
        for posisi, grup in enumerate(GRUP_BATAS):
            melebihi |= jumlah[posisi] > pkh.batas[grup]
        hasil = np.array(kode, dtype=ENUM_ARRAY_DTYPE)
        anggota = np.flatnonzero(melebihi.take(keluarga))
        if anggota.size:
            lahir = individu("tanggal_lahir", period)[anggota]
            ukuran = jumlah[:, keluarga[anggota]].sum(axis=0)
            terhitung = dihitung(pkh, keluarga[anggota], kode[anggota], lahir, ukuran, n_keluarga)
            hasil[anggota[~terhitung]] = KomponenPKH.tidak_ada.index
        return EnumArray(hasil, KomponenPKH)


def dihitung(pkh, keluarga, kode, lahir, ukuran, n_keluarga) -> np.ndarray:
    """Whether each member of some whole families (in row order; ``ukuran`` = his family's
    size) counts under the caps."""
    # Order key, unique within a family: priority rank first, then date of birth.
    prioritas = np.array(
        [0 if item is KomponenPKH.tidak_ada else pkh.prioritas[item.name] for item in KomponenPKH]
    )
    urutan_lahir = rank_rows(keluarga, lahir.astype("datetime64[D]").astype(np.int64), n_keluarga)
    kunci = prioritas[kode] * ukuran + urutan_lahir

    urutan = order_in_families(keluarga, kunci, n_keluarga)
    keluarga_urut = keluarga[urutan]
    kelas = KELAS[kode[urutan]]
    lolos = kelas != BUKAN_KANDIDAT
    for posisi, grup in enumerate(GRUP_BATAS):
        dalam_grup = kelas == posisi
        lolos &= ~dalam_grup | (rank_among(keluarga_urut, dalam_grup) < pkh.batas[grup])
    terhitung = lolos & (rank_among(keluarga_urut, lolos) < pkh.batas.komponen_per_keluarga)
    hasil = np.empty_like(terhitung)
    hasil[urutan] = terhitung
    return hasil
