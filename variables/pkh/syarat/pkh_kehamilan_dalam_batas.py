from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_kehamilan_dalam_batas(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Urutan kehamilan anggota masih dalam batas komponen ibu hamil PKH"
    documentation = (
        "The member's pregnancy order (kehamilan_ke) is within the limit of the pregnancy "
        "component, pkh.batas.urutan_kehamilan (the second pregnancy), while the family caps "
        "apply (pkh.batas.berlaku, from 2019). True when no limit applies (2017-2018) and for "
        "a member who is not pregnant (kehamilan_ke 0). One of the two conditions of "
        "pkh_memenuhi_ibu_hamil."
    )
    reference = "Aturan penghitungan komponen PKH: ibu hamil sampai kehamilan ke-2 (P20, P21, P24)"

    def formula_2017_01_01(individu, period, parameters):
        batas = parameters(period).pkh.batas
        if not batas.berlaku:
            return individu.filled_array(True)
        return individu("kehamilan_ke", period) <= batas.urutan_kehamilan
