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

#: The caps, each named as its parameter pkh.batas.<name>: the group caps of GRUP_BATAS, then
#: the family cap.
BatasPKH = Enum(
    "BatasPKH",
    [("tidak_ada", "Tidak terhalang batas (not stopped by a cap)")]
    + [(grup, f"Batas kelompok {grup} (group cap)") for grup in GRUP_BATAS]
    + [("komponen_per_keluarga", "Batas komponen per keluarga (family cap)")],
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
KODE_GRUP = [BatasPKH[grup].index for grup in GRUP_BATAS]


class pkh_batas_penghalang(Variable):
    value_type = Enum
    possible_values = BatasPKH
    default_value = BatasPKH.tidak_ada
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Batas keluarga PKH yang membuat komponen anggota tidak dihitung"
    documentation = (
        "The family cap that stops the member's candidate component (pkh_komponen_kandidat) "
        "from counting in the month, named as its parameter pkh.batas.<name>: a group cap "
        "(anak for the four child components together, disabilitas_berat, lanjut_usia; "
        "ibu_hamil has none) or komponen_per_keluarga; tidak_ada when the component counts "
        "or the member has none. From 2019 (pkh.batas.berlaku) the candidates of a family are "
        "taken in priority order (pkh.prioritas: anak usia dini, SD, SMP, SMA, disabilitas "
        "berat, lanjut usia, ibu hamil), older members first within a component; a member is "
        "stopped by his group cap when his group is full at his turn, else by the family cap "
        "when the family is full. The order is not by amount. In 2017-2018 nobody is stopped. "
        "Computed without loops over families: a member passes his group cap iff his rank "
        "among the group's candidates is below the cap, and counts iff he passes and his rank "
        "among the passing members is below the family cap (the greedy pass gives exactly "
        "this, because once the family cap is full nobody later counts)."
    )
    reference = "Aturan penghitungan komponen PKH: maksimal 4 komponen, urutan prioritas (P20-P23)"

    def formula_2017_01_01(individu, period, parameters):
        pkh = parameters(period).pkh
        hasil = np.full(individu.count, BatasPKH.tidak_ada.index, dtype=ENUM_ARRAY_DTYPE)
        if not pkh.batas.berlaku:
            return EnumArray(hasil, BatasPKH)
        kode = np.asarray(individu("pkh_komponen_kandidat", period))
        keluarga = family_index(individu.keluarga)
        n_keluarga = individu.keluarga.reference_entity.count

        # A family whose candidates fit under every cap keeps them all; only the few others
        # need the ordering, and ranks never cross families.
        awal_kelas = KELAS * n_keluarga
        # indexing, not take: numpy's take converts the enums' int16 codes ten times slower
        jumlah = np.bincount(awal_kelas[kode] + keluarga, minlength=N_KELAS * n_keluarga)
        jumlah = jumlah.reshape(N_KELAS, n_keluarga)
        melebihi = jumlah[:BUKAN_KANDIDAT].sum(axis=0) > pkh.batas.komponen_per_keluarga
        for posisi, grup in enumerate(GRUP_BATAS):
            melebihi |= jumlah[posisi] > pkh.batas[grup]
        anggota = np.flatnonzero(melebihi.take(keluarga))
        if anggota.size:
            lahir = individu("tanggal_lahir", period)[anggota]
            ukuran = jumlah[:, keluarga[anggota]].sum(axis=0)
            hasil[anggota] = penghalang(
                pkh, keluarga[anggota], kode[anggota], lahir, ukuran, n_keluarga
            )
        return EnumArray(hasil, BatasPKH)


def penghalang(pkh, keluarga, kode, lahir, ukuran, n_keluarga) -> np.ndarray:
    """The cap (index in BatasPKH) that stops each member of some whole families (in row
    order; ``ukuran`` = his family's size)."""
    # Order key, unique within a family: priority rank first, then date of birth.
    prioritas = np.array(
        [0 if item is KomponenPKH.tidak_ada else pkh.prioritas[item.name] for item in KomponenPKH]
    )
    urutan_lahir = rank_rows(keluarga, lahir.astype("datetime64[D]").astype(np.int64), n_keluarga)
    kunci = prioritas[kode] * ukuran + urutan_lahir

    urutan = order_in_families(keluarga, kunci, n_keluarga)
    keluarga_urut = keluarga[urutan]
    kelas = KELAS[kode[urutan]]
    sebab = np.full(urutan.size, BatasPKH.tidak_ada.index, dtype=ENUM_ARRAY_DTYPE)
    lolos = kelas != BUKAN_KANDIDAT
    for posisi, grup in enumerate(GRUP_BATAS):
        dalam_grup = kelas == posisi
        penuh = dalam_grup & (rank_among(keluarga_urut, dalam_grup) >= pkh.batas[grup])
        sebab[penuh] = KODE_GRUP[posisi]
        lolos &= ~penuh
    tidak_muat = lolos & (rank_among(keluarga_urut, lolos) >= pkh.batas.komponen_per_keluarga)
    sebab[tidak_muat] = BatasPKH.komponen_per_keluarga.index
    hasil = np.empty_like(sebab)
    hasil[urutan] = sebab
    return hasil
