import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.entities import Individu


class pkh_bantuan_komponen(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan PKH untuk komponen anggota yang dibayar pada bulan ini"
    documentation = (
        "What the member's counted component (pkh_komponen) brings to the family's payment "
        "of the month: annual index pkh.indeks.<component> x months covered "
        "(pkh_bulan_tercakup) / pkh.pembayaran.bulan_per_tahun, rounded down to "
        "pkh.pembayaran.pembulatan. 0 in months without a payment, when the component's "
        "condition is not met (pkh_komponen_patuh), when the family is not eligible, and when "
        "the family's payment is withheld (pkh_pembayaran_ditahan). Components are those "
        "present in the payment month. In 2017-2018 the index is 0 (flat benefit instead)."
    )
    reference = (
        "Kepdirjen Linjamsos 02/SK/LJS/01/2019 dan 02/3/BS.02.01/01/2020 (indeks per "
        "komponen); jadwal penyaluran PKH (fact sheet 1.2)"
    )

    def formula_2017_01_01(individu, period, parameters):
        pkh = parameters(period).pkh
        komponen = individu("pkh_komponen", period)
        indeks = np.zeros(individu.count, dtype=np.int64)
        for item in komponen.possible_values:
            if item is not komponen.possible_values.tidak_ada:
                indeks = np.where(komponen == item, pkh.indeks[item.name], indeks)
        bulan = individu.keluarga("pkh_bulan_tercakup", period).astype(np.int64)
        nominal = indeks * bulan // pkh.pembayaran.bulan_per_tahun
        nominal = nominal // pkh.pembayaran.pembulatan * pkh.pembayaran.pembulatan
        dibayar = (
            individu("pkh_komponen_patuh", period)
            & individu.keluarga("pkh_layak", period)
            & ~individu.keluarga("pkh_pembayaran_ditahan", period)
        )
        return np.where(dibayar, nominal, 0)
