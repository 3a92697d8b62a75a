from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import StatusYatimPiatu


class status_yatim_piatu(Variable):
    value_type = Enum
    possible_values = StatusYatimPiatu
    default_value = StatusYatimPiatu.bukan
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Status yatim/piatu"
    documentation = (
        "Orphan status: bukan (both parents alive), yatim (father deceased), piatu (mother "
        "deceased), yatim_piatu (both deceased)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (anak yang memerlukan perlindungan khusus)"
