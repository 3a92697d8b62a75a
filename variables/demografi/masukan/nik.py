from openfisca_core.periods import ETERNITY
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class nik(Variable):
    value_type = str
    max_length = 16
    entity = Individu
    definition_period = ETERNITY
    label = "Nomor Induk Kependudukan (NIK)"
    documentation = (
        "16-digit national identity number: province, regency and district codes, birth date "
        "(day + 40 for women), birth month and year, serial. Personal data: never shown in "
        "clear in logs, reports or errors. No rule reads it; the data layer validates it."
    )
    reference = "UU 23/2006 jo. UU 24/2013 Pasal 13 (fact sheet 5.2)"
