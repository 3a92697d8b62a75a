import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu, Keluarga
from openfisca_indonesia_sosial.law.ranking import family_index, has_role


class kehamilan_ke(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "rank"
    label = "Kehamilan ke- (urutan kehamilan ibu hamil/nifas)"
    documentation = (
        "Order of the member's current (or just ended) pregnancy (1 = first). An input with a "
        "default: give it when known (it overrides the default). Default, for a member who is "
        "hamil (pregnant or post-partum) in the month: if she is the head or the spouse, her "
        "earlier children on the card + 1, her children being the members with role anak born "
        "after her. A child born on or after the first day of the month minus pkh.masa_nifas "
        "days (42) is her current pregnancy, not an earlier one: a post-partum mother whose "
        "second baby is already on the card is in her second pregnancy, not her third. Any "
        "other hamil member (a daughter or daughter-in-law) gets 1 by the package's reading: the "
        "card does not say whose children the grandchildren are, so none is attributed to her "
        "(a generous reading); under the alternative reading "
        "pkh.batas.kehamilan_menghitung_cucu, the grandchildren (cucu) born after her and "
        "before the post-partum window are her earlier children, + 1. Children who left the "
        "card, died or were not born alive are not seen. 0 "
        "for a member who is not hamil in the month (no current pregnancy). PKH counts the "
        "pregnancy component only up to pkh.batas.urutan_kehamilan (from 2019)."
    )
    reference = "Aturan penghitungan komponen PKH: ibu hamil sampai kehamilan ke-2 (P20, P21, P24)"

    def formula(individu, period, parameters):
        hamil = individu("hamil", period)
        hasil = np.zeros(individu.count, dtype=np.int64)
        if not hamil.any():
            return hasil
        lahir = individu("tanggal_lahir", period).astype("datetime64[D]")
        masa_nifas = np.timedelta64(parameters(period).pkh.masa_nifas, "D")
        awal_nifas = np.datetime64(str(period.start), "D") - masa_nifas

        ibu = np.flatnonzero(hamil)
        kepala_atau_pasangan = has_role(individu, Keluarga.KEPALA_KELUARGA) | has_role(
            individu, Keluarga.PASANGAN
        )
        hasil[ibu] = 1
        keluarga = family_index(individu.keluarga)
        # the head's or spouse's earlier children are the members with role anak
        ibu_anak = ibu[kepala_atau_pasangan[ibu]]
        anak = has_role(individu, Keluarga.ANAK)
        hasil[ibu_anak] += sebelumnya(individu, keluarga, ibu_anak, anak, lahir, awal_nifas)
        ibu_lain = ibu[~kepala_atau_pasangan[ibu]]
        if ibu_lain.size and parameters(period).pkh.batas.kehamilan_menghitung_cucu:
            cucu = individu("cucu", period)
            hasil[ibu_lain] += sebelumnya(individu, keluarga, ibu_lain, cucu, lahir, awal_nifas)
        return hasil


def sebelumnya(individu, keluarga, ibu, anak, lahir, batas) -> np.ndarray:
    """For each mother in ``ibu``: the members flagged ``anak`` of her family born after her
    and before ``batas`` (her earlier children). Only the families of these mothers are
    sorted."""
    if ibu.size == 0:
        return np.zeros(0, dtype=np.int64)
    punya_ibu = np.zeros(individu.keluarga.reference_entity.count, dtype=bool)
    punya_ibu[keluarga[ibu]] = True
    orang = np.flatnonzero(anak & punya_ibu[keluarga])
    return lahir_di_antara(keluarga[orang], lahir[orang], keluarga[ibu], lahir[ibu], batas)


def lahir_di_antara(kelompok_anak, lahir_anak, kelompok_ibu, lahir_ibu, batas) -> np.ndarray:
    """For each mother: the children of her group (``kelompok``: her family) born strictly
    after her and strictly before ``batas``. One sort of the children and two binary
    searches, no loop over families."""
    hari_anak = lahir_anak.astype(np.int64)
    hari_ibu = lahir_ibu.astype(np.int64)
    hari_batas = np.int64(batas.astype(np.int64))
    terendah = min(hari_anak.min(initial=hari_batas), hari_ibu.min(), hari_batas)
    tertinggi = max(hari_anak.max(initial=hari_batas), hari_ibu.max(), hari_batas)
    # one spare day at the end of each group's span keeps the searches inside the group
    rentang = tertinggi - terendah + 2
    kunci = np.sort(kelompok_anak * rentang + (hari_anak - terendah))
    dasar = kelompok_ibu * rentang - terendah
    sebelum_batas = np.searchsorted(kunci, dasar + hari_batas, side="left")
    sampai_ibu = np.searchsorted(kunci, dasar + hari_ibu, side="right")
    return np.maximum(sebelum_batas - sampai_ibu, 0)
