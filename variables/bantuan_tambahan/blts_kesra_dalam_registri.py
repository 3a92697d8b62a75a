from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.registri import dalam_band_registri


class blts_kesra_dalam_registri(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berada dalam desil DTSEN sasaran BLTS Kesra (desil 1-4)"
    documentation = (
        "Family inside the BLTS Kesra registry band: DTSEN deciles 1 to "
        "registri.desil_maksimum.blts_kesra (4). The programme starts in October 2025 (after the "
        "switch to DTSEN), so earlier months are false."
    )
    reference = (
        "Stimulus Presiden kuartal IV 2025 - BLTS Kesra desil 1-4 (fact sheet 5.1; S21, S22)"
    )

    def formula_2025_10_01(keluarga, period, parameters):
        return dalam_band_registri(keluarga, period, parameters, "blts_kesra")
