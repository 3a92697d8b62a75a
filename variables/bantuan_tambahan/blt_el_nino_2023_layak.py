from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blt_el_nino_2023_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas BLT El Nino (November-Desember 2023)"
    documentation = (
        "Family entitled to blt_el_nino_2023 in the month: Program Sembako families "
        "(sembako_layak), in a month of the programme's window (where "
        "bantuan_tambahan.blt_el_nino_2023.nilai_bulanan is positive). False outside the "
        "window."
    )
    reference = "Kemenko Perekonomian - BLT El Nino 2023 (fact sheet 2.3; S15, S16)"

    def formula_2023_11_01(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_tambahan.blt_el_nino_2023.nilai_bulanan > 0
        if not berjalan:
            return keluarga.filled_array(False)
        return keluarga("sembako_layak", period)
