from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class tanpa_pengasuh(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Tidak memiliki pengasuh atau keluarga yang merawat"
    documentation = (
        "Has no caregiver: no parent, guardian or relative looks after the person. Leads to "
        "social care or childcare (perawatan sosial/pengasuhan anak) and rules out family "
        "support."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (layanan perawatan sosial dan/atau pengasuhan anak)"
    )
