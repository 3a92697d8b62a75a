from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_memenuhi_disabilitas_berat(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi komponen PKH disabilitas berat"
    documentation = (
        "The member qualifies for the severe-disability component in the month: a person "
        "with a severe disability (disabilitas_berat), at any age once born (sudah_lahir). Before "
        "the family caps."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen kesejahteraan sosial; P20, P21)"

    def formula_2017_01_01(individu, period, parameters):
        return individu("disabilitas_berat", period) & individu("sudah_lahir", period)
