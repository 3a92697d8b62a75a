from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_umur_anak_usia_dini(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Berumur anak usia dini menurut PKH (0 sampai umur maksimum)"
    documentation = (
        "The member's completed age on the first day of the month is from 0 (born) to "
        "pkh.umur.anak_usia_dini_maksimum (6). One of the two conditions of "
        "pkh_memenuhi_anak_usia_dini."
    )
    reference = "Permensos 1/2018 tentang PKH (komponen kesehatan: anak usia 0-6 tahun)"

    def formula_2017_01_01(individu, period, parameters):
        umur = individu("umur", period)
        return (umur >= 0) & (umur <= parameters(period).pkh.umur.anak_usia_dini_maksimum)
