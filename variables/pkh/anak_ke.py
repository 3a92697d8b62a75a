import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.entities import Individu, Keluarga
from openfisca_indonesia_sosial.ranking import has_role, rank_cached, rank_in_group


class anak_ke(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "rank"
    label = "Anak ke- (urutan kelahiran dalam keluarga)"
    documentation = (
        "Birth order of the person among the children of the family (1 = eldest). An input "
        "with a default: give it when known; otherwise a member with role anak gets his rank "
        "by date of birth among the family's anak members (eldest = 1, twins ordered "
        "arbitrarily), and any other member (for example a grandchild registered as "
        "anggota_lain) gets 1, as the first child of his own parents. PKH counts the "
        "early-childhood component only up to pkh.batas.urutan_anak_usia_dini (from 2019)."
    )
    reference = "Aturan penghitungan komponen PKH: anak usia dini sampai anak ke-2 (P20, P21, P24)"

    def formula(individu, period, parameters):
        tanggal_lahir = individu("tanggal_lahir", period)

        def compute():
            anak = has_role(individu, Keluarga.ANAK)
            lahir = tanggal_lahir.astype("datetime64[D]").astype(np.int64)
            urutan = rank_in_group(individu.keluarga, lahir, condition=anak) + 1
            return np.where(anak, urutan, 1)

        # birth dates and roles do not change from month to month: computed once
        return rank_cached(individu, "anak_ke", tanggal_lahir, compute)
