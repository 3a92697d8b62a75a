from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class disabilitas_berat(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Penyandang disabilitas berat"
    documentation = "Person with a severe disability (penyandang disabilitas berat) in the month."
    reference = "Permensos 1/2018 tentang Program Keluarga Harapan (komponen kesejahteraan sosial)"
