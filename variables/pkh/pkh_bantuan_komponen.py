import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.ranking import family_index


class pkh_bantuan_komponen(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan PKH untuk komponen anggota yang dibayar pada bulan ini"
    documentation = (
        "What the member's counted component (pkh_komponen) brings to the family's payment "
        "of the month: annual index pkh.indeks.<component> x months covered "
        "(pkh_bulan_tercakup) less the months cut for missed duties (pkh_bulan_dipotong) / "
        "pkh.pembayaran.bulan_per_tahun, rounded down to pkh.pembayaran.pembulatan. 0 in "
        "months without a payment, when the whole share is cut (by the package's reading a "
        "component whose duty was missed since the previous payment, pkh_komponen_patuh), "
        "when the family is not eligible, and when the family's payment is withheld "
        "(pkh_pembayaran_ditahan). Components are those present in the payment month. In "
        "2017-2018 the index is 0 (flat benefit instead)."
    )
    reference = (
        "Kepdirjen Linjamsos 02/SK/LJS/01/2019 dan 02/3/BS.02.01/01/2020 (indeks per "
        "komponen); jadwal penyaluran PKH (fact sheet 1.2)"
    )

    def formula_2017_01_01(individu, period, parameters):
        pkh = parameters(period).pkh
        komponen = individu("pkh_komponen", period)
        daftar = komponen.possible_values
        indeks = np.array(
            [0 if item is daftar.tidak_ada else pkh.indeks[item.name] for item in daftar]
        )
        keluarga = individu.keluarga.reference_entity
        anggota = family_index(keluarga)
        bulan = keluarga("pkh_bulan_tercakup", period).astype(np.int64)
        dibayar = keluarga("pkh_layak", period) & ~keluarga("pkh_pembayaran_ditahan", period)
        # Only paid members with a component in a month covering some months get a nonzero
        # amount (0 x anything rounds to 0): the arithmetic runs on them alone, none at all
        # outside the payment months.
        sisa = bulan.take(anggota) - individu("pkh_bulan_dipotong", period)
        orang = np.flatnonzero((sisa > 0) & (komponen != daftar.tidak_ada) & dibayar.take(anggota))
        nominal = indeks.take(komponen[orang]) * sisa[orang]
        nominal = nominal // pkh.pembayaran.bulan_per_tahun
        nominal = nominal // pkh.pembayaran.pembulatan * pkh.pembayaran.pembulatan
        hasil = np.zeros(individu.count, dtype=nominal.dtype)
        hasil[orang] = nominal
        return hasil
