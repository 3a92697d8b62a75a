from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class blts_kesra_2025_layak(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berhak atas BLTS Kesejahteraan Rakyat (Oktober-Desember 2025)"
    documentation = (
        "Family entitled to blts_kesra_2025 in the month: a family in DTSEN deciles 1-4 "
        "(blts_kesra_dalam_registri) in a month of the programme's window (where "
        "bantuan_tambahan.blts_kesra_2025.nilai_bulanan is positive); false outside the window. "
        "The existing PKH and Sembako KPM (about 20.88 million of the 35.05 million) are inside "
        "the band by construction, since from April 2025 both programmes require deciles 1-4."
    )
    reference = (
        "Stimulus Presiden kuartal IV 2025 - BLTS Kesra (fact sheet 2.3; S21, S22, S24, S25)"
    )

    def formula_2025_10_01(keluarga, period, parameters):
        berjalan = parameters(period).bantuan_tambahan.blts_kesra_2025.nilai_bulanan > 0
        if not berjalan:
            return keluarga.filled_array(False)
        return keluarga("blts_kesra_dalam_registri", period)
