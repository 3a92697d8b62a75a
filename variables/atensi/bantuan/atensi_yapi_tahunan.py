from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_yapi_tahunan(Variable):
    value_type = int
    entity = Individu
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Bantuan ATENSI YAPI setahun"
    documentation = "Sum of the monthly ATENSI YAPI entitlements (atensi_yapi) over the year."
    reference = "Kemensos, ATENSI YAPI (fact sheet 4.4)"

    def formula(individu, period, parameters):
        return individu("atensi_yapi", period, options=[ADD])
