from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.registri import dalam_band_registri


class sembako_dalam_registri(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Keluarga berada dalam cakupan registri Program Sembako (DTKS, lalu desil DTSEN 1-4)"
    documentation = (
        "Family inside the Program Sembako registry band: registered in DTKS until March 2025, "
        "in DTSEN deciles 1 to registri.desil_maksimum.sembako (4) from April 2025."
    )
    reference = (
        "Permensos 5/2021 tentang Pelaksanaan Program Sembako (KPM terdaftar dalam DTKS); "
        "Inpres 4/2025 tentang DTSEN (fact sheet 2.4 and 5.1)"
    )

    def formula(keluarga, period, parameters):
        return dalam_band_registri(keluarga, period, parameters, "sembako")
