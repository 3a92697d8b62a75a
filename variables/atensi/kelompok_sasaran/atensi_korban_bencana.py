from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_korban_bencana(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: korban bencana"
    documentation = (
        "Target group 'disaster victims' (natural, social or other disasters set by the "
        "government): korban_bencana, any age. Single source for the group (A3)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: korban bencana; A3)"

    def formula(individu, period, parameters):
        return individu("korban_bencana", period)
