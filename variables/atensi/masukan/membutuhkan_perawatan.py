from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class membutuhkan_perawatan(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Membutuhkan perawatan (tidak mampu mengurus diri sendiri dalam kegiatan sehari-hari)"
    documentation = (
        "Needs care: cannot carry out daily activities without help (bedridden, frail, severe "
        "dependency), as assessed. Puts an older person in the elderly group and leads to the "
        "social-care service."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (layanan perawatan sosial); "
        "Peraturan Dirjen Rehsos 5/2021 (lanjut usia)"
    )
