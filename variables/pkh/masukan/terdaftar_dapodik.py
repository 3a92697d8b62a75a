from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class terdaftar_dapodik(Variable):
    value_type = bool
    default_value = True
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Anak tercatat aktif di Dapodik (Data Pokok Pendidikan)"
    documentation = (
        "The pupil is active in the education ministry's database (Dapodik or EMIS). "
        "Defaults to true. Read only while pkh.syarat.wajib_dapodik is true (from 2023)."
    )
    reference = (
        "Aturan operasional Kemensos, komponen pendidikan PKH (fact sheet 1.3; P20, P21, P24)"
    )
