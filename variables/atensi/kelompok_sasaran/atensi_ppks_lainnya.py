from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_ppks_lainnya(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: pemerlu pelayanan kesejahteraan sosial (PPKS) lainnya"
    documentation = (
        "Target group 'other persons needing welfare services' (ppks_lainnya), as assessed by "
        "a social worker. Single source for the group (A3)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: PPKS lainnya; A3)"

    def formula(individu, period, parameters):
        return individu("ppks_lainnya", period)
