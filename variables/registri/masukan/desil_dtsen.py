from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class desil_dtsen(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "decile"
    label = "Desil kesejahteraan DTSEN"
    documentation = (
        "DTSEN welfare decile of the family, 1 (poorest 10%) to 10; 0 = not in DTSEN. "
        "Recomputed each quarter by BPS (proxy-means test, 39 variables), so it is dated."
    )
    reference = "Inpres 4/2025 tentang Data Tunggal Sosial dan Ekonomi Nasional (fact sheet 5.1)"
