from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_memenuhi_lanjut_usia(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi komponen PKH lanjut usia"
    documentation = (
        "The member qualifies for the elderly component in the month: completed age on the "
        "first day of the month at least pkh.umur.lanjut_usia_minimum (60). "
        "Before the family caps."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen kesejahteraan sosial: lanjut usia)"

    def formula_2017_01_01(individu, period, parameters):
        return individu("umur", period) >= parameters(period).pkh.umur.lanjut_usia_minimum
