from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class terdaftar_dtks(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga terdaftar dalam DTKS"
    documentation = (
        "Family registered in DTKS (Data Terpadu Kesejahteraan Sosial), the registry "
        "programmes used until March 2025."
    )
    reference = "UU 13/2011; Permensos 3/2021 tentang Pengelolaan DTKS"
