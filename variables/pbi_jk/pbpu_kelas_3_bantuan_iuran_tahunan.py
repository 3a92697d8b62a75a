from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbpu_kelas_3_bantuan_iuran_tahunan(Variable):
    value_type = int
    entity = Individu
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Jumlah bagian iuran kelas III PBPU/BP yang dibayar pemerintah dalam setahun"
    documentation = "Sum of pbpu_kelas_3_bantuan_iuran over the twelve months of the year."
    reference = "Perpres 64/2020 tentang Perubahan Kedua atas Perpres 82/2018 (fact sheet 3.2)"

    def formula(individu, period, parameters):
        return individu("pbpu_kelas_3_bantuan_iuran", period, options=[ADD])
