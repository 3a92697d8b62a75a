from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class bantuan_tambahan_tahunan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Jumlah bantuan tambahan tunai (penebalan Sembako dan BLT) dalam setahun"
    documentation = "Sum of bantuan_tambahan over the twelve months of the year."
    reference = "Fact sheet 2.3 (top-ups and add-ons linked to Sembako or PKH families)"

    def formula(keluarga, period, parameters):
        return keluarga("bantuan_tambahan", period, options=[ADD])
