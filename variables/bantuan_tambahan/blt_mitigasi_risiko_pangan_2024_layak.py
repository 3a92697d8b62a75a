from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blt_mitigasi_risiko_pangan_2024_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas BLT Mitigasi Risiko Pangan (Januari-Maret 2024)"
    documentation = (
        "Family entitled to blt_mitigasi_risiko_pangan_2024 in the month: Program Sembako "
        "families (sembako_layak), in a month of the programme's window (where "
        "bantuan_tambahan.blt_mitigasi_risiko_pangan_2024.nilai_bulanan is positive). False "
        "outside the window."
    )
    reference = "BLT Mitigasi Risiko Pangan 2024 (fact sheet 2.3; S17, S18)"

    def formula_2024_01_01(keluarga, period, parameters):
        berjalan = (
            parameters(period).bantuan_tambahan.blt_mitigasi_risiko_pangan_2024.nilai_bulanan > 0
        )
        if not berjalan:
            return keluarga.filled_array(False)
        return keluarga("sembako_layak", period)
