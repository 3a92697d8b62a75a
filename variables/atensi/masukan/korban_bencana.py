from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class korban_bencana(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Korban bencana (alam, sosial, atau bencana lain yang ditetapkan pemerintah)"
    documentation = (
        "Victim of a natural disaster, a social disaster (conflict) or another disaster declared "
        "by the government."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: korban bencana)"
