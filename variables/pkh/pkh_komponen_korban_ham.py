from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_komponen_korban_ham(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota dihitung sebagai komponen PKH korban pelanggaran HAM berat"
    documentation = (
        "The member counts as a PKH component for victims of serious past human-rights "
        "violations: flagged korban_pelanggaran_ham_berat while the component exists "
        "(pkh.korban_pelanggaran_ham_berat.bantuan_bulanan above 0, from 2025, Q7). Outside "
        "the cap of four and outside the one-component-per-person rule (assumption, Q7): the "
        "member may also hold another component."
    )
    reference = "Inpres 2/2023; komponen PKH korban pelanggaran HAM berat (P33, P34, P35, P36)"

    def formula_2017_01_01(individu, period, parameters):
        bantuan = parameters(period).pkh.korban_pelanggaran_ham_berat.bantuan_bulanan
        return individu("korban_pelanggaran_ham_berat", period) & (bantuan > 0)
