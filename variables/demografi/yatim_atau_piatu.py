from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class yatim_atau_piatu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Yatim, piatu atau yatim piatu (salah satu atau kedua orang tua meninggal)"
    documentation = (
        "The person has lost a father, a mother or both: status_yatim_piatu is yatim, piatu "
        "or yatim_piatu. Read by the ATENSI child group (atensi_anak) and by ATENSI YAPI "
        "(atensi_yapi)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (anak yang memerlukan perlindungan khusus)"

    def formula(individu, period, parameters):
        status = individu("status_yatim_piatu", period)
        return status != status.possible_values.bukan
