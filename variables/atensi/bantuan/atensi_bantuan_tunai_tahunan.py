from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_bantuan_tunai_tahunan(Variable):
    value_type = int
    entity = Individu
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Jumlah bantuan ATENSI bernilai uang setahun"
    documentation = "Sum of atensi_bantuan_tunai over the twelve months of the year."
    reference = "Kemensos, ATENSI YAPI, sembako dan permakanan (fact sheet 4.4)"

    def formula(individu, period, parameters):
        return individu("atensi_bantuan_tunai", period, options=[ADD])
