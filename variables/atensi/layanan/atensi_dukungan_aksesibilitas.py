from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_dukungan_aksesibilitas(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: dukungan aksesibilitas (termasuk alat bantu)"
    documentation = (
        "Service 7, accessibility support such as assistive devices. Package reading: an "
        "ATENSI-eligible person assessed as needing an assistive device or an accessibility "
        "adjustment (membutuhkan_alat_bantu)."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 7)"

    def formula(individu, period, parameters):
        layak = individu("atensi_layak", period)
        return layak & individu("membutuhkan_alat_bantu", period)
