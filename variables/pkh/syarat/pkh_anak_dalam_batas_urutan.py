from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_anak_dalam_batas_urutan(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Urutan kelahiran anak masih dalam batas komponen anak usia dini PKH"
    documentation = (
        "The member's birth order (anak_ke) is within the limit of the early-childhood "
        "component, pkh.batas.urutan_anak_usia_dini (the second child), while the family caps "
        "apply (pkh.batas.berlaku, from 2019). True when no limit applies (2017-2018). One of "
        "the two conditions of pkh_memenuhi_anak_usia_dini."
    )
    reference = "Aturan penghitungan komponen PKH: anak usia dini sampai anak ke-2 (P20, P21, P24)"

    def formula_2017_01_01(individu, period, parameters):
        batas = parameters(period).pkh.batas
        if not batas.berlaku:
            return individu.filled_array(True)
        return individu("anak_ke", period) <= batas.urutan_anak_usia_dini
