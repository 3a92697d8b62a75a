from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class bantuan_program_baru_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga berhak atas bantuan program baru dari reformasi struktural"
    documentation = (
        "The family is entitled to a transfer of a program added by a structural reform: "
        "its bantuan_program_baru is positive. Always false under current law."
    )
    reference = "Titik perluasan paket (bukan hukum berlaku); lihat docs/reforms/writing.md"

    def formula(keluarga, period, parameters):
        return keluarga("bantuan_program_baru", period) > 0
