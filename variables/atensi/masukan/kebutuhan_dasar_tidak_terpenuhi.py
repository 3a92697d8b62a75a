from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class kebutuhan_dasar_tidak_terpenuhi(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Kebutuhan dasar (pangan, sandang, tempat tinggal) tidak terpenuhi"
    documentation = (
        "The person's basic needs (food, clothing, shelter) are not met, as assessed. Leads to "
        "the basic-living-needs service (pemenuhan hidup layak)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (layanan pemenuhan hidup layak)"
