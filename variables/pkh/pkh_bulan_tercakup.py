from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.tanggal import NAMA_BULAN


class pkh_bulan_tercakup(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "month"
    label = "Jumlah bulan indeks PKH yang dibayar pada bulan ini (0 = tidak ada pembayaran)"
    documentation = (
        "How many months of the annual PKH amounts the payment of this calendar month "
        "carries, from the schedule pkh.pembayaran.bulan_tercakup.<month>: 3 in a quarterly "
        "tahap month, 1 in the monthly payments of April-June 2020, 0 when nothing is paid."
    )
    reference = "Jadwal penyaluran PKH (fact sheet 1.2.3; P1, P8, P11, P28, P29)"

    def formula_2017_01_01(keluarga, period, parameters):
        jadwal = parameters(period).pkh.pembayaran.bulan_tercakup
        return keluarga.filled_array(jadwal[NAMA_BULAN[period.start.month - 1]])
