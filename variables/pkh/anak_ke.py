import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu, Keluarga
from openfisca_indonesia_sosial.law.ranking import (
    family_index,
    has_role,
    rank_cached,
    rank_in_group,
    rank_rows,
)


class anak_ke(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "rank"
    label = "Anak ke- (urutan kelahiran di antara saudara kandung dalam keluarga)"
    documentation = (
        "Birth order of the person among his siblings on the family card (1 = eldest). An "
        "input with a default: give it when known (it overrides the default). Default: the "
        "card holds up to two generations of children, ranked separately by date of birth "
        "(eldest = 1, twins in member order): the members with role anak (children of the head "
        "or spouse) among themselves, and the grandchildren (cucu: by default anggota_lain "
        "members under registri.batas_umur_anak) among themselves, read as siblings because "
        "the card does not name their parents (give anak_ke when they are cousins). Anyone "
        "else gets 1. So three sibling toddler grandchildren are children 1, 2 and 3, and the "
        "third is not an early-childhood component. PKH counts the early-childhood component "
        "only up to pkh.batas.urutan_anak_usia_dini (from 2019); grandchildren on the card "
        "count for PKH (P20, P21). Children who left the card are not seen, nor, from the month "
        "after their death, children recorded as dead (tanggal_meninggal)."
    )
    reference = (
        "Aturan penghitungan komponen PKH: anak usia dini sampai anak ke-2; cucu dalam "
        "keluarga dihitung (P20, P21, P24)"
    )

    def formula(individu, period, parameters):
        tanggal_lahir = individu("tanggal_lahir", period)
        lahir = tanggal_lahir.astype("datetime64[D]").astype(np.int64)

        def compute():
            anak = has_role(individu, Keluarga.ANAK)
            urutan = rank_in_group(individu.keluarga, lahir, condition=anak) + 1
            return np.where(anak, urutan, 1)

        hidup = individu("masih_hidup", period)
        if hidup.all():
            # birth dates and roles do not change from month to month: computed once
            urutan_anak = rank_cached(individu, "anak_ke", tanggal_lahir, compute)
        else:
            # a child recorded as dead leaves the card from the month after: the living
            # are ranked among themselves (deaths are rare: only then, every month)
            anak = has_role(individu, Keluarga.ANAK) & hidup
            urutan = rank_in_group(individu.keluarga, lahir, condition=anak) + 1
            urutan_anak = np.where(anak, urutan, 1)
        cucu = np.flatnonzero(individu("cucu", period) & hidup)
        if not cucu.size:
            return urutan_anak
        # grandchildren are few: only they are ranked, every month (the age reading moves),
        # over a copy (the children's ranks are kept for the next months)
        keluarga = individu.keluarga.reference_entity
        urutan = np.array(urutan_anak, copy=True)
        urutan[cucu] = rank_rows(family_index(keluarga)[cucu], lahir[cucu], keluarga.count) + 1
        return urutan
