from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_usia_anak(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Berusia anak menurut ATENSI (belum 18 tahun)"
    documentation = (
        "The person is a child for ATENSI: completed age on the first day of the month at least "
        "0 and below atensi.umur.batas_anak (18). A child turning 18 during a month still counts "
        "for that month. Unborn children (negative umur) are not counted."
    )
    reference = "Paparan ATENSI YAPI 2023 (Kemensos); UU 23/2002 jo. UU 35/2014 Pasal 1 angka 1"

    def formula(individu, period, parameters):
        umur = individu("umur", period)
        batas_anak = parameters(period).atensi.umur.batas_anak
        return (umur >= 0) & (umur < batas_anak)
