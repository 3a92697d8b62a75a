from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pkh_akses(Variable):
    value_type = bool
    default_value = False
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga peserta PKH Akses (wilayah terpencil/sulit dijangkau)"
    documentation = (
        "Family enrolled in PKH Akses, the PKH variant for remote and hard-to-reach areas. "
        "In 2019 it receives the PKH Akses fixed benefit instead of the regular one "
        "(parameters pkh.bantuan_tetap.akses / reguler)."
    )
    reference = "Permensos 1/2018 tentang PKH (PKH Akses); Kepdirjen Linjamsos 02/SK/LJS/01/2019"
