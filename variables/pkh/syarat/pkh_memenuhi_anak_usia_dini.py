from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_memenuhi_anak_usia_dini(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi komponen PKH anak usia dini"
    documentation = (
        "The member qualifies for the early-childhood component in the month: of early-"
        "childhood age (pkh_umur_anak_usia_dini) and within the birth-order limit "
        "(pkh_anak_dalam_batas_urutan). Before the family caps."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen kesehatan: anak usia dini; P20, P21)"

    def formula_2017_01_01(individu, period, parameters):
        umur = individu("pkh_umur_anak_usia_dini", period)
        return umur & individu("pkh_anak_dalam_batas_urutan", period)
