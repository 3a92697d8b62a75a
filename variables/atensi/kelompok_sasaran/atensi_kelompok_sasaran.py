from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_kelompok_sasaran(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Termasuk salah satu kelompok sasaran ATENSI"
    documentation = (
        "The person is in at least one ATENSI target group: children needing special "
        "protection, persons with disabilities, older persons who are neglected or need care, "
        "NAPZA victims, social outcasts and trafficking victims, disaster victims, other PPKS. "
        "Says nothing about the registry (see atensi_layak)."
    )
    reference = "Permensos 7/2021 tentang ATENSI (sasaran); fact sheet 4.2"

    def formula(individu, period, parameters):
        return (
            individu("atensi_anak", period)
            | individu("atensi_penyandang_disabilitas", period)
            | individu("atensi_lanjut_usia", period)
            | individu("atensi_korban_napza", period)
            | individu("atensi_tuna_sosial_perdagangan_orang", period)
            | individu("atensi_korban_bencana", period)
            | individu("atensi_ppks_lainnya", period)
        )
