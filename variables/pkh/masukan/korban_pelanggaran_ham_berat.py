from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class korban_pelanggaran_ham_berat(Variable):
    value_type = bool
    default_value = False
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Korban (atau ahli waris korban) pelanggaran HAM berat masa lalu"
    documentation = (
        "Victim, or heir of a victim, of a serious past human-rights violation recognised "
        "under the non-judicial settlement (Inpres 2/2023). Gives the monthly PKH amount "
        "pkh.korban_pelanggaran_ham_berat.bantuan_bulanan (from 2025, Q7)."
    )
    reference = "Inpres 2/2023 tentang penyelesaian non-yudisial pelanggaran HAM berat masa lalu"
