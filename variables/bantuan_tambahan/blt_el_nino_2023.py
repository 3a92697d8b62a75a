import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blt_el_nino_2023(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "BLT El Nino bulan ini (November-Desember 2023)"
    documentation = (
        "200,000 per month in November and December 2023 (400,000 in all) for the 18.8 million "
        "Sembako KPM; 0 in every other month."
    )
    reference = "Kemenko Perekonomian - BLT El Nino 2023 (fact sheet 2.3; S15, S16)"

    def formula_2023_11_01(keluarga, period, parameters):
        nilai = parameters(period).bantuan_tambahan.blt_el_nino_2023.nilai_bulanan
        return np.where(keluarga("blt_el_nino_2023_layak", period), nilai, 0)
