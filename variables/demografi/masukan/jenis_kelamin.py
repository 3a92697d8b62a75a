from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import JenisKelamin


class jenis_kelamin(Variable):
    value_type = Enum
    possible_values = JenisKelamin
    default_value = JenisKelamin.laki_laki
    entity = Individu
    definition_period = ETERNITY
    label = "Jenis kelamin"
    documentation = "Sex as recorded in the civil registry (laki_laki or perempuan)."
    reference = "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan"
