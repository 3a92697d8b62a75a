from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pengeluaran_per_kapita(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "currency-IDR"
    label = "Pengeluaran konsumsi per kapita sebulan"
    documentation = (
        "Monthly consumption expenditure per person of the family, in rupiah: the welfare "
        "measure of BPS poverty statistics. A yearly input is the monthly rate for every "
        "month of the year (dispatched, not divided)."
    )
    reference = "BPS, Susenas: garis kemiskinan dan pengeluaran per kapita"
