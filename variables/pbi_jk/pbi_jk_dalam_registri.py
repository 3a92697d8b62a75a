from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.registri import dalam_band_registri


class pbi_jk_dalam_registri(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berada dalam cakupan registri PBI-JK (DTKS, lalu desil DTSEN 1-5)"
    documentation = (
        "Family inside the PBI-JK registry band: registered in DTKS (terdaftar_dtks) until "
        "PBI-JK moves to DTSEN (pbi_jk.pakai_dtsen: April 2025 by the package's reading, the "
        "general switch-over; June 2025 in the alternative reading), then in DTSEN deciles 1 to "
        "registri.desil_maksimum.pbi_jk (5). Q9: one district office says 1-4; the package "
        "follows the ministers and BPJS (1-5). While pbi_jk.pakai_dtsen equals "
        "registri.pakai_dtsen the band is the shared one of every program."
    )
    reference = (
        "PP 101/2012 jo. PP 76/2015; Kepmensos 146/HUK/2013; Inpres 4/2025 tentang DTSEN "
        "(fact sheet 3.3 and 5.1)"
    )

    def formula(keluarga, period, parameters):
        # PBI-JK's own switch month may differ from the other programs' (a reading)
        pakai_dtsen = parameters(period).pbi_jk.pakai_dtsen
        return dalam_band_registri(keluarga, period, parameters, "pbi_jk", pakai_dtsen)
