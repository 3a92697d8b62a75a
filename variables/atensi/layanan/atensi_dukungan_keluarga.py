from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_dukungan_keluarga(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: dukungan keluarga"
    documentation = (
        "Service 3, family support. Package reading of the family-based approach: every "
        "ATENSI-eligible person who has a family to support, that is who does not live alone "
        "(tinggal_sendiri) and is not without a caregiver (tanpa_pengasuh)."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 3)"

    def formula(individu, period, parameters):
        layak = individu("atensi_layak", period)
        tinggal_sendiri = individu("tinggal_sendiri", period)
        tanpa_pengasuh = individu("tanpa_pengasuh", period)
        return layak & ~tinggal_sendiri & ~tanpa_pengasuh
