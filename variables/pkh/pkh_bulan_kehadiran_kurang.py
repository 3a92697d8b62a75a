import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_bulan_kehadiran_kurang(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = "Jumlah bulan dalam jendela kepatuhan dengan kehadiran sekolah di bawah minimum"
    documentation = (
        "How many months of this month's compliance window (pkh_bulan_jendela_kepatuhan: the "
        "months since the previous payment, or this month alone under the alternative "
        "reading) the member attended less than pkh.syarat.kehadiran_sekolah_minimum percent "
        "of school days (kehadiran_sekolah_persen, each month with that month's minimum). "
        "Counted for everyone; it matters only for a member counted in a school component."
    )
    reference = "Pedoman PKH, kewajiban peserta bidang pendidikan (fact sheet 1.5; P37, P51)"

    def formula_2017_01_01(individu, period, parameters):
        jendela = int(individu.keluarga("pkh_bulan_jendela_kepatuhan", period).max(initial=0))
        daftar = [period.offset(-n, MONTH) for n in range(1, jendela + 1)] or [period]
        hasil = np.zeros(individu.count, dtype=np.int32)
        for bulan in daftar:
            minimum = parameters(bulan).pkh.syarat.kehadiran_sekolah_minimum
            hasil += individu("kehadiran_sekolah_persen", bulan) < minimum
        return hasil
