from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class perkotaan(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = ETERNITY
    label = "Tinggal di daerah perkotaan"
    documentation = "Family lives in an urban area (BPS urban/rural classification)."
    reference = "BPS, klasifikasi perkotaan-perdesaan"
