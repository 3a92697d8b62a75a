import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blts_kesra_2025(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "BLTS Kesejahteraan Rakyat bulan ini (Oktober-Desember 2025)"
    documentation = (
        "300,000 per month October-December 2025 (900,000 in all) for 35,046,783 KPM in DTSEN "
        "deciles 1-4; actually paid in one transfer from 20 October 2025. The monthly "
        "entitlement is recorded; 0 in every other month."
    )
    reference = (
        "Stimulus Presiden kuartal IV 2025 - BLTS Kesra (fact sheet 2.3; S21, S22, S24, S25)"
    )

    def formula_2025_10_01(keluarga, period, parameters):
        nilai = parameters(period).bantuan_tambahan.blts_kesra_2025.nilai_bulanan
        return np.where(keluarga("blts_kesra_2025_layak", period), nilai, 0)
