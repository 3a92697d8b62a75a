import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class penebalan_sembako_2025(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Penebalan Program Sembako bulan ini (Juni-Juli 2025)"
    documentation = (
        "200,000 per month in June and July 2025 (400,000 in all) for the 18,277,083 Sembako "
        "KPM, school-holiday stimulus; 0 in every other month."
    )
    reference = "Stimulus ekonomi libur sekolah Juni 2025 (fact sheet 2.3; S19, S21, S22)"

    def formula_2025_06_01(keluarga, period, parameters):
        nilai = parameters(period).bantuan_tambahan.penebalan_sembako_2025.nilai_bulanan
        return np.where(keluarga("penebalan_sembako_2025_layak", period), nilai, 0)
