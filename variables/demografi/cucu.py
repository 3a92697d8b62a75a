from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu, Keluarga
from openfisca_indonesia_sosial.law.ranking import has_role


class cucu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Dibaca sebagai cucu (anak generasi berikutnya dalam Kartu Keluarga)"
    documentation = (
        "The member is read as a grandchild of the head: a child of the card's next generation "
        "(a child of a daughter or son on the card). An input with a default: give it when the "
        "card's relationship column is known; otherwise a member with role anggota_lain "
        "younger than registri.batas_umur_anak (18) is read as a grandchild, and nobody else. "
        "Grandchildren are siblings among themselves for the PKH birth order (anak_ke), the "
        "earlier children of a mother who is not the head or spouse (kehamilan_ke), and the "
        "babies whose mother is sought outside the head and spouse (PBI-JK newborn rule)."
    )
    reference = (
        "Kartu Keluarga (UU 23/2006 jo. UU 24/2013); cucu yang tercatat dalam keluarga dihitung "
        "dalam komponen PKH (P20, P21)"
    )

    def formula(individu, period, parameters):
        batas_umur_anak = parameters(period).registri.batas_umur_anak
        anggota_lain = has_role(individu, Keluarga.ANGGOTA_LAIN)
        return anggota_lain & (individu("umur", period) < batas_umur_anak)
