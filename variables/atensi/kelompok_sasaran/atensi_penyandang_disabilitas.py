from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_penyandang_disabilitas(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: penyandang disabilitas"
    documentation = (
        "Target group 'persons with disabilities': a person of any age with a disability of any "
        "severity (penyandang_disabilitas) or a severe disability (disabilitas_berat), once born "
        "(sudah_lahir)."
    )
    reference = (
        "Permensos 7/2021 tentang ATENSI (sasaran: penyandang disabilitas); "
        "Kepdirjen Rehsos 15/4/HK.01/4/2022 (pedoman ATENSI penyandang disabilitas)"
    )

    def formula(individu, period, parameters):
        disabilitas = individu("penyandang_disabilitas", period) | individu(
            "disabilitas_berat", period
        )
        return disabilitas & individu("sudah_lahir", period)
