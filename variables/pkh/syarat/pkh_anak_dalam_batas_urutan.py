import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.ranking import rank_in_group


class pkh_anak_dalam_batas_urutan(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anak masih dalam batas komponen anak usia dini PKH (anak ke-2)"
    documentation = (
        "The member is within the limit of the early-childhood component, "
        "pkh.batas.urutan_anak_usia_dini (2), while the family caps apply (pkh.batas.berlaku, "
        "from 2019). By the package's reading the limit is a birth order: the member's rank "
        "among his siblings on the card (anak_ke) is at most the limit. Under the alternative "
        "reading (pkh.batas.anak_usia_dini_menurut_jumlah) it is a number of components: the "
        "member is among the limit's eldest members of early-childhood age in the family "
        "(pkh_umur_anak_usia_dini, by date of birth, twins in member order), whatever his birth "
        "order. True when no limit applies (2017-2018). One of the two conditions of "
        "pkh_memenuhi_anak_usia_dini."
    )
    reference = "Aturan penghitungan komponen PKH: anak usia dini sampai anak ke-2 (P20, P21, P24)"

    def formula_2017_01_01(individu, period, parameters):
        batas = parameters(period).pkh.batas
        if not batas.berlaku:
            return individu.filled_array(True)
        if batas.anak_usia_dini_menurut_jumlah:
            usia_dini = individu("pkh_umur_anak_usia_dini", period)
            lahir = individu("tanggal_lahir", period).astype("datetime64[D]").astype(np.int64)
            # rank 0 = eldest; -1 for members not of early-childhood age (no limit to pass)
            urutan = rank_in_group(individu.keluarga, lahir, condition=usia_dini)
            return urutan < batas.urutan_anak_usia_dini
        return individu("anak_ke", period) <= batas.urutan_anak_usia_dini
