from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_terapi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: terapi fisik, psikososial dan/atau mental spiritual"
    documentation = (
        "Service 4, therapy (physical, psychosocial, mental-spiritual). Package reading: an "
        "ATENSI-eligible person assessed as needing therapy (membutuhkan_terapi), and always a "
        "NAPZA victim, a victim of violence or a trafficking victim (rehabilitation of these "
        "groups is therapy)."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 4)"

    def formula(individu, period, parameters):
        layak = individu("atensi_layak", period)
        membutuhkan_terapi = individu("membutuhkan_terapi", period)
        korban_napza = individu("korban_napza", period)
        korban_kekerasan = individu("korban_kekerasan", period)
        korban_perdagangan_orang = individu("korban_perdagangan_orang", period)
        return layak & (
            membutuhkan_terapi | korban_napza | korban_kekerasan | korban_perdagangan_orang
        )
