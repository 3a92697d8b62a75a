from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class bantuan_program_baru(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan program baru dari reformasi struktural"
    documentation = (
        "Monthly rupiah a family receives from programs that a structural reform adds (for "
        "example reforms/bantuan_anak_usia_dini.py). No such program exists in current law, so "
        "the baseline value is 0; a structural reform replaces this formula with the sum of its "
        "new transfers, and the microsimulation counts them as the program 'program_baru' "
        "(recipients, cost, poverty) without further wiring."
    )
    reference = "Titik perluasan paket (bukan hukum berlaku); lihat docs/reforms/writing.md"

    def formula(keluarga, period, parameters):
        return keluarga.filled_array(0)
