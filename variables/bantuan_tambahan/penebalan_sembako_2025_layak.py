from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class penebalan_sembako_2025_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas penebalan Program Sembako (Juni-Juli 2025)"
    documentation = (
        "Family entitled to penebalan_sembako_2025 in the month: Program Sembako families "
        "(sembako_layak; DTSEN deciles 1-4 in 2025), in a month of the programme's window "
        "(where bantuan_tambahan.penebalan_sembako_2025.nilai_bulanan is positive). False "
        "outside the window."
    )
    reference = "Stimulus ekonomi libur sekolah Juni 2025 (fact sheet 2.3; S19, S21, S22)"

    def formula_2025_06_01(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_tambahan.penebalan_sembako_2025.nilai_bulanan > 0
        if not berjalan:
            return keluarga.filled_array(False)
        return keluarga("sembako_layak", period)
