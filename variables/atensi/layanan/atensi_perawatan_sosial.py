from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_perawatan_sosial(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: perawatan sosial dan/atau pengasuhan anak"
    documentation = (
        "Service 2, social care and/or childcare. Package reading: an ATENSI-eligible person who "
        "needs care in daily life (membutuhkan_perawatan) or has no caregiver (tanpa_pengasuh); "
        "for a child this is childcare (pengasuhan anak)."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 2)"

    def formula(individu, period, parameters):
        layak = individu("atensi_layak", period)
        membutuhkan_perawatan = individu("membutuhkan_perawatan", period)
        tanpa_pengasuh = individu("tanpa_pengasuh", period)
        return layak & (membutuhkan_perawatan | tanpa_pengasuh)
