from openfisca_core.periods import YEAR
from openfisca_core.populations import ADD
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class bantuan_beras_kg_tahunan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = YEAR
    unit = "kg"
    label = "Jumlah bantuan pangan beras dalam setahun (kilogram)"
    documentation = "Sum of bantuan_beras_kg over the twelve months of the year."
    reference = "Bapanas/Bulog bantuan pangan beras 2025 (fact sheet 2.3; S20, S26)"

    def formula(keluarga, period, parameters):
        return keluarga("bantuan_beras_kg", period, options=[ADD])
