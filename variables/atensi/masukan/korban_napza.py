from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class korban_napza(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Korban penyalahgunaan narkotika, psikotropika dan zat adiktif (NAPZA)"
    documentation = (
        "Victim of misuse of narcotics, psychotropics or other addictive substances (NAPZA)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: korban penyalahgunaan NAPZA)"
