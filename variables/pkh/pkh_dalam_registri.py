from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.registri import dalam_band_registri


class pkh_dalam_registri(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga berada dalam band registri PKH (DTKS, kemudian desil DTSEN)"
    documentation = (
        "The family is inside PKH's registry band in the month: registered in DTKS until "
        "March 2025; DTSEN decile 1 to registri.desil_maksimum.pkh (4) from April 2025."
    )
    reference = "Permensos 1/2018 (KPM harus terdaftar di DTKS); Inpres 4/2025 (DTSEN)"

    def formula(keluarga, period, parameters):
        return dalam_band_registri(keluarga, period, parameters, "pkh")
