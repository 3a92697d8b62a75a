from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class tuna_sosial(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Tuna sosial (gelandangan, pengemis, pemulung, tuna susila, bekas warga binaan)"
    documentation = (
        "Social outcast (tuna sosial): homeless person, beggar, scavenger, sex worker, former "
        "prisoner or similar, as assessed."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: tuna sosial)"
