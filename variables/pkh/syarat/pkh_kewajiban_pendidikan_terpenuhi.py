from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_kewajiban_pendidikan_terpenuhi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Kewajiban kehadiran sekolah komponen PKH anggota terpenuhi untuk pembayaran bulan ini"
    documentation = (
        "The school duty of the member's counted component is met for this month's payment: a "
        "member counted as sd, smp or sma (pkh_komponen) attended at least "
        "pkh.syarat.kehadiran_sekolah_minimum percent of school days in every month of the "
        "compliance window (pkh_bulan_kehadiran_kurang is 0): by the package's reading the "
        "months since the previous payment, so a breach cuts the next payment "
        "(pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya). True for every other member (no "
        "school duty). One of the two duties of pkh_komponen_patuh."
    )
    reference = "Pedoman PKH, kewajiban peserta bidang pendidikan (fact sheet 1.5; P37, P51)"

    def formula_2017_01_01(individu, period, parameters):
        komponen = individu("pkh_komponen", period)
        k = komponen.possible_values
        sekolah = (komponen == k.sd) | (komponen == k.smp) | (komponen == k.sma)
        return (individu("pkh_bulan_kehadiran_kurang", period) == 0) | ~sekolah
