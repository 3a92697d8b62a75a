from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_anak(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran ATENSI: anak yang memerlukan perlindungan khusus"
    documentation = (
        "Target group 'children': a child under 18 (atensi_usia_anak) who is an orphan "
        "(status_yatim_piatu yatim, piatu or yatim_piatu), neglected (terlantar), in conflict "
        "with the law (berhadapan_dengan_hukum) or a victim of violence, abuse or exploitation "
        "(korban_kekerasan). An ordinary child with none of these is not in the group. A child "
        "with a disability is in the disability group (atensi_penyandang_disabilitas)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran: anak); fact sheet 4.2 (A3, A6, A17)"

    def formula(individu, period, parameters):
        usia_anak = individu("atensi_usia_anak", period)
        yatim_piatu = individu("yatim_atau_piatu", period)
        terlantar = individu("terlantar", period)
        berhadapan_dengan_hukum = individu("berhadapan_dengan_hukum", period)
        korban_kekerasan = individu("korban_kekerasan", period)
        return usia_anak & (yatim_piatu | terlantar | berhadapan_dengan_hukum | korban_kekerasan)
