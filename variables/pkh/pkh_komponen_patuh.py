from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_komponen_patuh(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi kewajiban komponen PKH-nya untuk pembayaran bulan ini"
    documentation = (
        "The member met the duty of his counted component over the compliance window of this "
        "month's payment (by the package's reading the months since the previous payment, "
        "pkh_bulan_jendela_kepatuhan): school components need the attendance of "
        "pkh_kewajiban_pendidikan_terpenuhi; the pregnancy and early-childhood components need "
        "the health checks of pkh_kewajiban_kesehatan_terpenuhi. Other components, and members "
        "without a component, have no duty (true). A non-compliant component loses its share "
        "of the payment (pkh_bulan_dipotong: the whole share by the package's reading) but "
        "keeps its slot under the caps (assumption; the penalty schedule is open question Q5)."
    )
    reference = "Permensos 1/2018 tentang PKH, kewajiban KPM (fact sheet 1.5; P37-P39, P51)"

    def formula_2017_01_01(individu, period, parameters):
        pendidikan = individu("pkh_kewajiban_pendidikan_terpenuhi", period)
        return pendidikan & individu("pkh_kewajiban_kesehatan_terpenuhi", period)
