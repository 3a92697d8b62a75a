import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga


class pkh_bantuan_flat(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Bantuan PKH flat (2017-2018) yang dibayar pada bulan ini"
    documentation = (
        "Share of the flat annual PKH benefit (pkh.bantuan_flat_tahunan, 1,890,000 in "
        "2017-2018, 0 from 2019) paid this month: flat amount x pkh_bulan_tercakup / "
        "pkh.pembayaran.bulan_per_tahun, rounded down to pkh.pembayaran.pembulatan, for an "
        "eligible family whose payment is not withheld. Component conditions do not cut it "
        "(no per-component amount to cut; assumption, Q5)."
    )
    reference = "Permensos 10/2017 dan 1/2018 tentang PKH: bantuan Rp1.890.000 per KPM (P1, P28)"

    def formula_2017_01_01(keluarga, period, parameters):
        pkh = parameters(period).pkh
        bulan = keluarga("pkh_bulan_tercakup", period).astype(np.int64)
        nominal = pkh.bantuan_flat_tahunan * bulan // pkh.pembayaran.bulan_per_tahun
        nominal = nominal // pkh.pembayaran.pembulatan * pkh.pembayaran.pembulatan
        dibayar = keluarga("pkh_layak", period) & ~keluarga("pkh_pembayaran_ditahan", period)
        return np.where(dibayar, nominal, 0)
