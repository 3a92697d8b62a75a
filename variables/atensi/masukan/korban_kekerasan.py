from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class korban_kekerasan(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Korban tindak kekerasan, perlakuan salah atau eksploitasi"
    documentation = (
        "Victim of violence, abuse, mistreatment or exploitation. For a child under 18 this "
        "places the child in the children's group; it also leads to therapy (psychosocial)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: anak korban kekerasan)"
