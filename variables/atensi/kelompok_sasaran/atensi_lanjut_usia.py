from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_lanjut_usia(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: lanjut usia terlantar atau membutuhkan perawatan"
    documentation = (
        "Target group 'older persons': aged atensi.umur.lanjut_usia (60) or more and neglected "
        "(terlantar) or in need of care (membutuhkan_perawatan). An older person who is "
        "neither is not in the group by age alone."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (sasaran: lanjut usia); Peraturan Dirjen Rehsos 5/2021; "
        "UU 13/1998 Pasal 1 angka 2"
    )

    def formula(individu, period, parameters):
        umur = individu("umur", period)
        umur_lanjut_usia = parameters(period).atensi.umur.lanjut_usia
        terlantar = individu("terlantar", period)
        membutuhkan_perawatan = individu("membutuhkan_perawatan", period)
        return (umur >= umur_lanjut_usia) & (terlantar | membutuhkan_perawatan)
