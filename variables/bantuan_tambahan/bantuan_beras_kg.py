import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class bantuan_beras_kg(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "kg"
    label = "Bantuan pangan beras bulan ini (kilogram)"
    documentation = (
        "Kilograms of rice aid in kind for the family in the month (Bapanas/Bulog, not Kemensos): "
        "10 kg in each of June and July 2025 (distributed from early July), 10 kg in October 2025 "
        "for the Q4 2025 round (month assumed; the source gives the quarter). Not money: it is "
        "not part of bantuan_tambahan. The undated 2023-2024 rounds are not encoded."
    )
    reference = "Bapanas/Bulog bantuan pangan beras 2025 (fact sheet 2.3; S20, S26)"

    def formula_2025_06_01(keluarga, period, parameters):
        kg = parameters(period).bantuan_tambahan.bantuan_beras.kg_bulanan
        return np.where(keluarga("bantuan_beras_layak", period), kg, 0)
