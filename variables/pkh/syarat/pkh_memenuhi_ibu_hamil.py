from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_memenuhi_ibu_hamil(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi komponen PKH ibu hamil/nifas"
    documentation = (
        "The member qualifies for the pregnancy component in the month: pregnant or "
        "post-partum (hamil) and the pregnancy is within the order limit "
        "(pkh_kehamilan_dalam_batas). Before the family caps (pkh_komponen_kandidat chooses "
        "one component per person, pkh_komponen applies the caps)."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen kesehatan: ibu hamil/nifas; P20, P21)"

    def formula_2017_01_01(individu, period, parameters):
        return individu("hamil", period) & individu("pkh_kehamilan_dalam_batas", period)
