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
        "Family inside the PBI-JK registry band: registered in DTKS until March 2025, in DTSEN "
        "deciles 1 to registri.desil_maksimum.pbi_jk (5) from April 2025. Q9: one district office "
        "says 1-4; the package follows the ministers and BPJS (1-5)."
    )
    reference = (
        "PP 101/2012 jo. PP 76/2015; Kepmensos 146/HUK/2013; Inpres 4/2025 tentang DTSEN "
        "(fact sheet 3.3 and 5.1)"
    )

    def formula(keluarga, period, parameters):
        return dalam_band_registri(keluarga, period, parameters, "pbi_jk")
