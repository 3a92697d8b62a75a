from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class kehadiran_sekolah_persen(Variable):
    value_type = int
    default_value = 100
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "percent"
    label = "Persentase kehadiran di sekolah (hari efektif)"
    documentation = (
        "Share of effective school days the pupil attended, in percent (0-100). Defaults to "
        "100 (compliant). Below pkh.syarat.kehadiran_sekolah_minimum in a month, the PKH "
        "school component is not paid in the next payment (the first payment after the "
        "month, pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya)."
    )
    reference = "Pedoman PKH, kewajiban peserta bidang pendidikan (fact sheet 1.5; P37, P51)"
