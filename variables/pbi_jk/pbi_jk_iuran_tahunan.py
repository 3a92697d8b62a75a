from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbi_jk_iuran_tahunan(Variable):
    value_type = int
    entity = Individu
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Jumlah iuran PBI-JK yang dibayar pemerintah dalam setahun"
    documentation = "Sum of pbi_jk_iuran over the twelve months of the year."
    reference = "Perpres 82/2018 jo. 75/2019 Pasal 29 (fact sheet 3.2)"

    def formula(individu, period, parameters):
        return individu("pbi_jk_iuran", period, options=[ADD])
