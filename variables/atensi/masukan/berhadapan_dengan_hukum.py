from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class berhadapan_dengan_hukum(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Berhadapan dengan hukum (anak berkonflik dengan hukum)"
    documentation = (
        "In conflict with the law (suspected, accused or convicted). For a child under 18 this is "
        "an anak berhadapan dengan hukum (ABH) in the children's group; adults are not a group by "
        "this fact alone."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (sasaran: anak yang memerlukan perlindungan khusus); "
        "UU 11/2012 SPPA"
    )
