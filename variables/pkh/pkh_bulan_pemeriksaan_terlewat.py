import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pkh_bulan_pemeriksaan_terlewat(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    unit = "month"
    label = "Jumlah bulan dalam jendela kepatuhan dengan kewajiban pemeriksaan kesehatan terlewat"
    documentation = (
        "How many months of this month's compliance window (pkh_bulan_jendela_kepatuhan: the "
        "months since the previous payment, or this month alone under the alternative "
        "reading) the member did not keep the PKH health checks (pemeriksaan_kesehatan_patuh "
        "false). Counted for everyone; it matters only for a member counted as ibu_hamil or "
        "anak_usia_dini."
    )
    reference = (
        "Permensos 1/2018 tentang PKH, kewajiban bidang kesehatan (fact sheet 1.5; P38, P39)"
    )

    def formula_2017_01_01(individu, period, parameters):
        jendela = int(individu.keluarga("pkh_bulan_jendela_kepatuhan", period).max(initial=0))
        daftar = [period.offset(-n, MONTH) for n in range(1, jendela + 1)] or [period]
        hasil = np.zeros(individu.count, dtype=np.int32)
        for bulan in daftar:
            hasil += ~individu("pemeriksaan_kesehatan_patuh", bulan)
        return hasil
