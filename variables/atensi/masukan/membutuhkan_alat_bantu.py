from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class membutuhkan_alat_bantu(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Membutuhkan alat bantu atau dukungan aksesibilitas"
    documentation = (
        "Needs an assistive device (wheelchair, crutches, hearing aid, white cane...) or another "
        "accessibility adjustment, as assessed."
    )
    reference = "Permensos 7/2021 tentang ATENSI (layanan dukungan aksesibilitas)"
