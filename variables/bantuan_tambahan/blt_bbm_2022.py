import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blt_bbm_2022(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "BLT BBM bulan ini (September-Desember 2022)"
    documentation = (
        "150,000 per month September-December 2022 (600,000 in all), fuel-subsidy diversion for"
        " 20.65 million PKH/BPNT families; actually paid as two instalments of 300,000. The "
        "monthly entitlement is recorded; 0 in every other month."
    )
    reference = "Pengalihan subsidi BBM 2022 - BLT BBM (fact sheet 2.3; S13, S14)"

    def formula_2022_09_01(keluarga, period, parameters):
        nilai = parameters(period).bantuan_tambahan.blt_bbm_2022.nilai_bulanan
        return np.where(keluarga("blt_bbm_2022_layak", period), nilai, 0)
