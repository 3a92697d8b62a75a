from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class korban_perdagangan_orang(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Korban tindak pidana perdagangan orang"
    documentation = "Victim of human trafficking (tindak pidana perdagangan orang)."
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: korban perdagangan orang)"
