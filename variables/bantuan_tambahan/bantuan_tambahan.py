from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga

#: The cash top-ups and BLT add-ons summed into bantuan_tambahan (rice in kind is not money).
TAMBAHAN_TUNAI = (
    "sembako_ppkm_2021",
    "blt_bbm_2022",
    "blt_el_nino_2023",
    "blt_mitigasi_risiko_pangan_2024",
    "penebalan_sembako_2025",
    "blts_kesra_2025",
)


class bantuan_tambahan(Variable):
    value_type = int
    entity = Keluarga
    definition_period = MONTH
    unit = "currency-IDR"
    label = "Jumlah bantuan tambahan tunai (penebalan Sembako dan BLT) bulan ini"
    documentation = (
        "Sum of the month's cash top-ups and BLT add-ons for Sembako or PKH families: PPKM "
        "Sembako extension (Jul-Aug 2021), BLT BBM (Sep-Dec 2022), BLT El Nino (Nov-Dec 2023), "
        "BLT Mitigasi Risiko Pangan (Jan-Mar 2024), Sembako top-up (Jun-Jul 2025) and BLTS Kesra "
        "(Oct-Dec 2025). Monthly entitlements, not payment dates. Excludes the regular Sembako "
        "value (sembako_bantuan) and rice in kind (bantuan_beras_kg)."
    )
    reference = "Fact sheet 2.3 (top-ups and add-ons linked to Sembako or PKH families)"

    def formula(keluarga, period, parameters):
        total = keluarga(TAMBAHAN_TUNAI[0], period)
        for nama in TAMBAHAN_TUNAI[1:]:
            total = total + keluarga(nama, period)
        return total
