import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class KelompokSasaranAtensi(Enum):
    """ATENSI target groups, in the order the regulations list them."""

    tidak_ada = "Bukan kelompok sasaran ATENSI (in no target group)"
    anak = "Anak yang memerlukan perlindungan khusus (children)"
    penyandang_disabilitas = "Penyandang disabilitas (persons with disabilities)"
    lanjut_usia = "Lanjut usia (older persons)"
    korban_napza = "Korban penyalahgunaan NAPZA (NAPZA victims)"
    tuna_sosial_perdagangan_orang = (
        "Tuna sosial dan korban perdagangan orang (social outcasts, trafficking victims)"
    )
    korban_bencana = "Korban bencana (disaster victims)"
    ppks_lainnya = "PPKS lainnya (other persons needing welfare services)"


class atensi_kelompok_utama(Variable):
    value_type = Enum
    possible_values = KelompokSasaranAtensi
    default_value = KelompokSasaranAtensi.tidak_ada
    entity = Individu
    definition_period = MONTH
    label = "Kelompok sasaran utama ATENSI"
    documentation = (
        "The person's primary ATENSI target group, for reporting: the first group the person "
        "belongs to in the order the regulations list them (children, persons with "
        "disabilities, older persons, NAPZA victims, social outcasts and trafficking victims, "
        "disaster victims, other PPKS); tidak_ada when in none. Groups overlap, and the order is "
        "the package's reporting convention, not a rule of entitlement."
    )
    reference = "Permensos 7/2021 tentang ATENSI (urutan sasaran); fact sheet 4.2"

    def formula(individu, period, parameters):
        return np.select(
            [
                individu("atensi_anak", period),
                individu("atensi_penyandang_disabilitas", period),
                individu("atensi_lanjut_usia", period),
                individu("atensi_korban_napza", period),
                individu("atensi_tuna_sosial_perdagangan_orang", period),
                individu("atensi_korban_bencana", period),
                individu("atensi_ppks_lainnya", period),
            ],
            [
                KelompokSasaranAtensi.anak,
                KelompokSasaranAtensi.penyandang_disabilitas,
                KelompokSasaranAtensi.lanjut_usia,
                KelompokSasaranAtensi.korban_napza,
                KelompokSasaranAtensi.tuna_sosial_perdagangan_orang,
                KelompokSasaranAtensi.korban_bencana,
                KelompokSasaranAtensi.ppks_lainnya,
            ],
            default=KelompokSasaranAtensi.tidak_ada,
        )
