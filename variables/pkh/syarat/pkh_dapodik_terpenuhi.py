from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_dapodik_terpenuhi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Memenuhi syarat Dapodik komponen pendidikan PKH"
    documentation = (
        "The Dapodik condition of the school components is met: the member is active in "
        "Dapodik (terdaftar_dapodik) while PKH requires it (pkh.syarat.wajib_dapodik, from "
        "2023); always true while it does not. A condition of pkh_memenuhi_sd, "
        "pkh_memenuhi_smp and pkh_memenuhi_sma."
    )
    reference = (
        "Aturan operasional Kemensos, komponen pendidikan PKH (fact sheet 1.3; P20, P21, P24)"
    )

    def formula_2017_01_01(individu, period, parameters):
        if not parameters(period).pkh.syarat.wajib_dapodik:
            return individu.filled_array(True)
        return individu("terdaftar_dapodik", period)
