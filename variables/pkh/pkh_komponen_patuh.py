from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_komponen_patuh(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi kewajiban komponen PKH-nya bulan ini"
    documentation = (
        "The member meets the duty of his counted component in the month: school components "
        "need kehadiran_sekolah_persen at least pkh.syarat.kehadiran_sekolah_minimum; the "
        "pregnancy and early-childhood components need pemeriksaan_kesehatan_patuh. Other "
        "components, and members without a component, have no duty (true). A non-compliant "
        "component is not paid for that month's payment but keeps its slot under the caps "
        "(assumption; the penalty schedule is open question Q5)."
    )
    reference = "Permensos 1/2018 tentang PKH, kewajiban KPM (fact sheet 1.5; P37-P39, P51)"

    def formula_2017_01_01(individu, period, parameters):
        syarat = parameters(period).pkh.syarat
        komponen = individu("pkh_komponen", period)
        k = komponen.possible_values
        sekolah = (komponen == k.sd) | (komponen == k.smp) | (komponen == k.sma)
        kesehatan = (komponen == k.ibu_hamil) | (komponen == k.anak_usia_dini)
        hadir = individu("kehadiran_sekolah_persen", period) >= syarat.kehadiran_sekolah_minimum
        diperiksa = individu("pemeriksaan_kesehatan_patuh", period)
        # the two kinds are exclusive; boolean algebra instead of nested np.where
        return (sekolah & hadir) | (kesehatan & diperiksa) | ~(sekolah | kesehatan)
