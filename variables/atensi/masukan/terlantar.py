from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class terlantar(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Orang terlantar (kebutuhan dan pengasuhan tidak dipenuhi oleh keluarga)"
    documentation = (
        "Neglected (terlantar): the person's needs for care, food, clothing or shelter are not "
        "met by the family or caregiver, as assessed by a social worker. Puts a child in the "
        "children's group (anak terlantar) and an older person in the elderly group (lanjut usia "
        "terlantar)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: anak dan lanjut usia terlantar)"
