from openfisca_core.periods import MONTH, YEAR
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pkh_bantuan_tahunan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = YEAR
    unit = "currency-IDR"
    label = "Bantuan PKH yang dibayar kepada keluarga dalam setahun"
    documentation = "Sum of pkh_bantuan over the twelve months of the calendar year."
    reference = "Permensos 1/2018 tentang PKH"

    def formula(keluarga, period, parameters):
        total = keluarga.filled_array(0)
        for bulan in period.get_subperiods(MONTH):
            total = total + keluarga("pkh_bantuan", bulan)
        return total
