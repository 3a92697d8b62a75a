from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_pemenuhan_hidup_layak(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: dukungan pemenuhan hidup layak"
    documentation = (
        "Service 1, support for basic living needs. Package reading (the regulations list the "
        "service without criteria): an ATENSI-eligible person (atensi_layak) whose basic needs "
        "are not met (kebutuhan_dasar_tidak_terpenuhi) or who is neglected (terlantar)."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 1)"

    def formula(individu, period, parameters):
        layak = individu("atensi_layak", period)
        kebutuhan_dasar = individu("kebutuhan_dasar_tidak_terpenuhi", period)
        terlantar = individu("terlantar", period)
        return layak & (kebutuhan_dasar | terlantar)
