from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_bantuan_asistensi_sosial(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: bantuan sosial dan asistensi sosial"
    documentation = (
        "Service 6, social assistance (cash or in kind) and social-assistance services. Package "
        "reading: an ATENSI-eligible person entitled to a money-valued ATENSI component in the "
        "month (atensi_bantuan_tunai > 0: YAPI, food support, meal support), a disaster victim "
        "(korban_bencana: emergency aid), or a person whose basic needs are not met "
        "(kebutuhan_dasar_tidak_terpenuhi: food parcels and kits in kind)."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 6)"

    def formula(individu, period, parameters):
        layak = individu("atensi_layak", period)
        bernilai_uang = individu("atensi_bantuan_tunai", period) > 0
        korban_bencana = individu("korban_bencana", period)
        kebutuhan_dasar = individu("kebutuhan_dasar_tidak_terpenuhi", period)
        return layak & (bernilai_uang | korban_bencana | kebutuhan_dasar)
