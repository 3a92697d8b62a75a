from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_memenuhi_sma(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi komponen PKH anak SMA"
    documentation = (
        "The member qualifies for the upper secondary school (SMA) component in the "
        "month: enrolled at that level (jenjang_pendidikan sma), of school age "
        "(pkh_umur_sekolah) and meeting the "
        "Dapodik condition (pkh_dapodik_terpenuhi). Before the family caps."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen pendidikan; P20, P21, P24)"

    def formula_2017_01_01(individu, period, parameters):
        jenjang = individu("jenjang_pendidikan", period)
        bersekolah = jenjang == jenjang.possible_values.sma
        usia = individu("pkh_umur_sekolah", period)
        return bersekolah & usia & individu("pkh_dapodik_terpenuhi", period)
