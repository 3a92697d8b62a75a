from datetime import date

from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class tanggal_lahir(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Individu
    definition_period = ETERNITY
    label = "Tanggal lahir"
    documentation = "Date of birth, as on the family card (Kartu Keluarga) and the NIK."
    reference = "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan"
