from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_korban_napza(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: korban penyalahgunaan NAPZA"
    documentation = (
        "Target group 'victims of narcotics, psychotropics and addictive substances' "
        "(korban_napza), any age."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: korban penyalahgunaan NAPZA)"

    def formula(individu, period, parameters):
        return individu("korban_napza", period)
