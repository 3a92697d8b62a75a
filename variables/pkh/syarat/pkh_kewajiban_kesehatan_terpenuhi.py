from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_kewajiban_kesehatan_terpenuhi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = (
        "Kewajiban pemeriksaan kesehatan komponen PKH anggota terpenuhi untuk pembayaran bulan ini"
    )
    documentation = (
        "The health duty of the member's counted component is met for this month's payment: a "
        "member counted as ibu_hamil or anak_usia_dini (pkh_komponen) kept the health checks "
        "(pemeriksaan_kesehatan_patuh) in every month of the compliance window "
        "(pkh_bulan_pemeriksaan_terlewat is 0): by the package's reading the months since the "
        "previous payment (pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya). True for every "
        "other member (no health duty). One of the two duties of pkh_komponen_patuh."
    )
    reference = (
        "Permensos 1/2018 tentang PKH, kewajiban bidang kesehatan (fact sheet 1.5; P38, P39)"
    )

    def formula_2017_01_01(individu, period, parameters):
        komponen = individu("pkh_komponen", period)
        k = komponen.possible_values
        kesehatan = (komponen == k.ibu_hamil) | (komponen == k.anak_usia_dini)
        return (individu("pkh_bulan_pemeriksaan_terlewat", period) == 0) | ~kesehatan
