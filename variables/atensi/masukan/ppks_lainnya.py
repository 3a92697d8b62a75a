from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class ppks_lainnya(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Pemerlu pelayanan kesejahteraan sosial (PPKS) lainnya"
    documentation = (
        "Other person needing welfare services (PPKS lainnya) assessed by a social worker as "
        "needing social rehabilitation, not covered by the named groups (for example an adult "
        "victim of violence)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: PPKS lainnya)"
