from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import JenjangPendidikan


class jenjang_pendidikan(Variable):
    value_type = Enum
    possible_values = JenjangPendidikan
    default_value = JenjangPendidikan.tidak_sekolah
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Jenjang pendidikan yang sedang diikuti"
    documentation = (
        "School level the person is enrolled at in the month. Equivalency programmes count "
        "at their level: Paket A = sd, Paket B = smp, Paket C = sma."
    )
    reference = "Permensos 1/2018 tentang Program Keluarga Harapan (komponen pendidikan)"
