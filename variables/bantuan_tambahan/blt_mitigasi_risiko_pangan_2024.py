import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blt_mitigasi_risiko_pangan_2024(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "BLT Mitigasi Risiko Pangan bulan ini (Januari-Maret 2024)"
    documentation = (
        "200,000 per month January-March 2024 (600,000 in all) for the 18.8 million Sembako "
        "KPM, the renamed continuation of BLT El Nino; actually paid in one transfer in "
        "February 2024. The monthly entitlement is recorded; 0 in every other month."
    )
    reference = "BLT Mitigasi Risiko Pangan 2024 (fact sheet 2.3; S17, S18)"

    def formula_2024_01_01(keluarga, period, parameters):
        nilai = parameters(period).bantuan_tambahan.blt_mitigasi_risiko_pangan_2024.nilai_bulanan
        return np.where(keluarga("blt_mitigasi_risiko_pangan_2024_layak", period), nilai, 0)
