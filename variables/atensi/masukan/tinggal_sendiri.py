from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class tinggal_sendiri(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Tinggal sendiri (sebatang kara)"
    documentation = (
        "Lives alone, without family in the household. A lone person with a disability or a lone "
        "older person in ATENSI receives meal support (permakanan); a person living alone "
        "receives no family support."
    )
    reference = (
        "Direktorat Rehabilitasi Sosial, bantuan permakanan penyandang disabilitas "
        "dan lanjut usia tunggal (A20)"
    )
