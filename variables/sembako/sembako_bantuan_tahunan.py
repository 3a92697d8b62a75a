from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class sembako_bantuan_tahunan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Jumlah bantuan Program Sembako (BPNT) dalam setahun"
    documentation = "Sum of sembako_bantuan over the twelve months of the year (top-ups excluded)."
    reference = "Permensos 5/2021 tentang Pelaksanaan Program Sembako (fact sheet 2.2)"

    def formula(keluarga, period, parameters):
        return keluarga("sembako_bantuan", period, options=[ADD])
