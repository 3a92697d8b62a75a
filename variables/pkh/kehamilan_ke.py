import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.entities import Individu, Keluarga
from openfisca_indonesia_sosial.ranking import family_index, has_role, rank_cached


class kehamilan_ke(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "rank"
    label = "Kehamilan ke- (urutan kehamilan ibu hamil/nifas)"
    documentation = (
        "Order of the current (or just ended) pregnancy of the member (1 = first). An input "
        "with a default: give it when known; otherwise the head of the family or the spouse "
        "gets the number of members with role anak + 1 (the children already on the card "
        "are her earlier births), and any other member (a daughter, a daughter-in-law) gets "
        "1. During the post-partum months, once the newborn is on the card, give it as input "
        "(the default would count the newborn twice). PKH counts the pregnancy component only "
        "up to pkh.batas.urutan_kehamilan (from 2019)."
    )
    reference = "Aturan penghitungan komponen PKH: ibu hamil sampai kehamilan ke-2 (P20, P21, P24)"

    def formula(individu, period, parameters):
        keluarga = individu.keluarga.reference_entity

        def compute():
            anggota = family_index(keluarga)
            anak = has_role(individu, Keluarga.ANAK)
            jumlah_anak = np.bincount(anggota[anak], minlength=keluarga.count)
            ibu = has_role(individu, Keluarga.KEPALA_KELUARGA) | has_role(
                individu, Keluarga.PASANGAN
            )
            return np.where(ibu, jumlah_anak[anggota] + 1, 1)

        # roles do not change from month to month: computed once
        return rank_cached(individu, "kehamilan_ke", keluarga.members_role, compute)
