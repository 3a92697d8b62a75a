from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_umur_sekolah(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Berumur sekolah menurut PKH (umur minimum sampai maksimum komponen pendidikan)"
    documentation = (
        "The member's completed age on the first day of the month is within "
        "pkh.umur.pendidikan_minimum (6) to pkh.umur.pendidikan_maksimum (21), the ages of the "
        "school components. A condition of pkh_memenuhi_sd, pkh_memenuhi_smp and "
        "pkh_memenuhi_sma."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen pendidikan: anak usia 6-21 tahun)"

    def formula_2017_01_01(individu, period, parameters):
        umur_pkh = parameters(period).pkh.umur
        umur = individu("umur", period)
        return (umur >= umur_pkh.pendidikan_minimum) & (umur <= umur_pkh.pendidikan_maksimum)
