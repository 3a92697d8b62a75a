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
        "100 (compliant). Below pkh.syarat.kehadiran_sekolah_minimum the PKH school "
        "component is not paid for the payment of that month."
    )
    reference = "Pedoman PKH, kewajiban peserta bidang pendidikan (fact sheet 1.5; P37, P51)"
