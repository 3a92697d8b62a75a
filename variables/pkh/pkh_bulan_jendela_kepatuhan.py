from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.tanggal import NAMA_BULAN


class pkh_bulan_jendela_kepatuhan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "month"
    label = "Jumlah bulan sebelum bulan ini yang kewajibannya dinilai untuk pembayaran bulan ini"
    documentation = (
        "The compliance window of this month's PKH payment, as the number n of months before "
        "it whose duties (attendance, health checks) it checks: the months from n months "
        "before to the month before. While pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya "
        "holds (the package's reading: a breach cuts the next payment), n is the number of "
        "months since the previous PKH payment month (the latest earlier month whose "
        "pkh.pembayaran.bulan_tercakup is above 0), so every month between two payments is "
        "checked by exactly one payment: 3 for a quarterly tahap, 1 for the monthly payments "
        "of May and June 2020, 3 for April 2020 (January-March). Searched back at most "
        "pkh.pembayaran.bulan_per_tahun months, and not before the first schedule (January "
        "2017). 0 under the alternative reading: only the payment month's own duties count."
    )
    reference = (
        "Pedoman PKH: pelanggaran kewajiban memotong pembayaran berikutnya (fact sheet 1.5; "
        "P37, P51); jadwal penyaluran PKH (fact sheet 1.2.3)"
    )

    def formula_2017_01_01(keluarga, period, parameters):
        pkh = parameters(period).pkh
        if not pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya:
            return keluarga.filled_array(0)
        bulan = 0
        sebelumnya = period
        while bulan < pkh.pembayaran.bulan_per_tahun:
            sebelumnya = sebelumnya.offset(-1, MONTH)
            try:
                jadwal = parameters(sebelumnya).pkh.pembayaran.bulan_tercakup
                dibayar = jadwal[NAMA_BULAN[sebelumnya.start.month - 1]]
            except (KeyError, ParameterNotFoundError):
                # before the first schedule: the window starts with the program
                break
            bulan += 1
            if dibayar:
                break
        return keluarga.filled_array(bulan)
