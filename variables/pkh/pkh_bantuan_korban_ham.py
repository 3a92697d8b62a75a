from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.ranking import family_index


class pkh_bantuan_korban_ham(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan PKH bulan ini untuk korban pelanggaran HAM berat"
    documentation = (
        "Monthly PKH amount for a member counted as a victim of serious past human-rights "
        "violations (pkh_komponen_korban_ham): pkh.korban_pelanggaran_ham_berat."
        "bantuan_bulanan, paid every month (not by tahap), outside the cap of four (Q7). 0 "
        "when the family is not eligible or its payment is withheld (P2K2)."
    )
    reference = "Inpres 2/2023; komponen PKH korban pelanggaran HAM berat (P33, P35, P36)"

    def formula_2017_01_01(individu, period, parameters):
        bantuan = parameters(period).pkh.korban_pelanggaran_ham_berat.bantuan_bulanan
        keluarga = individu.keluarga.reference_entity
        dibayar = keluarga("pkh_layak", period) & ~keluarga("pkh_pembayaran_ditahan", period)
        korban = individu("pkh_komponen_korban_ham", period)
        # one projection of the family condition, and a product instead of np.where
        return (korban & dibayar.take(family_index(keluarga))) * bantuan
