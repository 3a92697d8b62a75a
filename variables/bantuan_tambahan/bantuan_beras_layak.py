from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class bantuan_beras_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas bantuan pangan beras (Bapanas/Bulog) pada bulan ini"
    documentation = (
        "Family entitled to rice aid in kind in the month: a Program Sembako family "
        "(sembako_layak; the 2025 rounds name about 18.2-18.3 million KPM, the Sembako caseload) "
        "in a month with a dated round (bantuan_tambahan.bantuan_beras.kg_bulanan positive: June "
        "and July 2025, October 2025 by assumption for the Q4 2025 round). The 2023-2024 rounds "
        "are not dated in the sources and are not encoded (a gap, not a zero)."
    )
    reference = "Bapanas/Bulog bantuan pangan beras 2025 (fact sheet 2.3; S20, S26)"

    def formula_2025_06_01(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_tambahan.bantuan_beras.kg_bulanan > 0
        if not berjalan:
            return keluarga.filled_array(False)
        return keluarga("sembako_layak", period)
