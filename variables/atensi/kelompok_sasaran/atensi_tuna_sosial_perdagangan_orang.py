from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_tuna_sosial_perdagangan_orang(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: tuna sosial dan korban perdagangan orang"
    documentation = (
        "Target group 'social outcasts and victims of human trafficking': tuna_sosial or "
        "korban_perdagangan_orang, any age."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (sasaran: tuna sosial dan korban perdagangan orang)"
    )

    def formula(individu, period, parameters):
        return individu("tuna_sosial", period) | individu("korban_perdagangan_orang", period)
