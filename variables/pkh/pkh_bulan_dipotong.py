import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.ranking import family_index


class pkh_bulan_dipotong(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = "Jumlah bulan indeks komponen anggota yang dipotong dari pembayaran bulan ini"
    documentation = (
        "How many of the months this month's payment carries (pkh_bulan_tercakup) are cut from "
        "the member's component share because a duty was missed in the compliance window. By "
        "the package's reading the whole share: all the months carried when the member's own "
        "duty was missed (pkh_komponen_patuh false), none otherwise. While "
        "pkh.syarat.potongan_sebanding_bulan holds, only the months in which the duty was "
        "missed (pkh_bulan_kehadiran_kurang for a school component, "
        "pkh_bulan_pemeriksaan_terlewat for a health component), at most the months carried. "
        "While pkh.syarat.potongan_seluruh_keluarga holds, every member's cut is the largest "
        "cut in his family (one member's breach cuts all the components)."
    )
    reference = "Pedoman PKH: pelanggaran kewajiban memotong pembayaran berikutnya (P37, P51)"

    def formula_2017_01_01(individu, period, parameters):
        syarat = parameters(period).pkh.syarat
        keluarga = individu.keluarga.reference_entity
        anggota = family_index(keluarga)
        bulan = keluarga("pkh_bulan_tercakup", period).astype(np.int64).take(anggota)
        patuh = individu("pkh_komponen_patuh", period)
        if syarat.potongan_sebanding_bulan:
            komponen = individu("pkh_komponen", period)
            k = komponen.possible_values
            sekolah = (komponen == k.sd) | (komponen == k.smp) | (komponen == k.sma)
            kesehatan = (komponen == k.ibu_hamil) | (komponen == k.anak_usia_dini)
            terlewat = np.where(sekolah, individu("pkh_bulan_kehadiran_kurang", period), 0)
            terlewat += np.where(kesehatan, individu("pkh_bulan_pemeriksaan_terlewat", period), 0)
            potong = np.minimum(np.where(patuh, 0, terlewat), bulan)
        else:
            potong = np.where(patuh, 0, bulan)
        if syarat.potongan_seluruh_keluarga:
            terbesar = np.zeros(keluarga.count, dtype=np.int64)
            np.maximum.at(terbesar, anggota, potong)
            potong = terbesar.take(anggota)
        return potong
