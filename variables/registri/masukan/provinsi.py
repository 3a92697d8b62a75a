from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class provinsi(Variable):
    value_type = str
    max_length = 2
    default_value = "31"
    entity = Keluarga
    definition_period = ETERNITY
    label = "Kode provinsi tempat tinggal (kode BPS)"
    documentation = (
        "Two-digit BPS province code of the family's residence ('31' = DKI Jakarta). "
        "BPS codes differ from Kemendagri (NIK) codes for the Papua provinces."
    )
    reference = "BPS, Master File Desa; see openfisca_indonesia_sosial/wilayah.py"
