from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_terpotong_batas(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Komponen PKH anggota tidak dihitung karena batas keluarga"
    documentation = (
        "The member qualifies for a PKH component (pkh_komponen_kandidat) but is not counted "
        "because a family cap was full at his turn (pkh_batas_penghalang names it: a group "
        "cap or the cap of four). A child "
        "beyond the second (early childhood) or a pregnancy beyond the second does not "
        "qualify at all, so it shows as candidate tidak_ada, not here."
    )
    reference = "Aturan penghitungan komponen PKH (P20, P21, P22, P23)"

    def formula(individu, period, parameters):
        penghalang = individu("pkh_batas_penghalang", period)
        return penghalang != penghalang.possible_values.tidak_ada
