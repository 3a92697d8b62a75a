from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_kewajiban_pendidikan_terpenuhi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kewajiban kehadiran sekolah komponen PKH anggota terpenuhi bulan ini"
    documentation = (
        "The school duty of the member's counted component is met in the month: a member "
        "counted as sd, smp or sma (pkh_komponen) attends at least "
        "pkh.syarat.kehadiran_sekolah_minimum percent of school days "
        "(kehadiran_sekolah_persen). True for every other member (no school duty). One of the "
        "two duties of pkh_komponen_patuh."
    )
    reference = "Pedoman PKH, kewajiban peserta bidang pendidikan (fact sheet 1.5; P37, P51)"

    def formula_2017_01_01(individu, period, parameters):
        minimum = parameters(period).pkh.syarat.kehadiran_sekolah_minimum
        komponen = individu("pkh_komponen", period)
        k = komponen.possible_values
        sekolah = (komponen == k.sd) | (komponen == k.smp) | (komponen == k.sma)
        hadir = individu("kehadiran_sekolah_persen", period) >= minimum
        return hadir | ~sekolah
