import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pkh_bantuan_tetap(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan tetap PKH (reguler atau PKH Akses) yang dibayar pada bulan ini"
    documentation = (
        "Fixed PKH benefit per family, paid once a year with the first payment, in the month "
        "pkh.bantuan_tetap.bulan_pembayaran (January): pkh.bantuan_tetap.akses for a PKH "
        "Akses family (pkh_akses), otherwise pkh.bantuan_tetap.reguler. Positive in 2019 "
        "only (550,000 / 1,000,000). Needs the family eligible, and not withheld, that month."
    )
    reference = "Kepdirjen Linjamsos 02/SK/LJS/01/2019: bantuan tetap PKH 2019 (P1, P2, P46)"

    def formula_2017_01_01(keluarga, period, parameters):
        tetap = parameters(period).pkh.bantuan_tetap
        if period.start.month != tetap.bulan_pembayaran:
            return keluarga.filled_array(0)
        nominal = np.where(keluarga("pkh_akses", period), tetap.akses, tetap.reguler)
        dibayar = keluarga("pkh_layak", period) & ~keluarga("pkh_pembayaran_ditahan", period)
        return np.where(dibayar, nominal, 0)
