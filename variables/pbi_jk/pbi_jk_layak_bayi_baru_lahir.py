from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class pbi_jk_layak_bayi_baru_lahir(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Bayi baru lahir dari ibu peserta PBI yang belum tercatat di registri"
    documentation = (
        "PBI-JK through the newborn rule (Perpres 82/2018 Art. 10, switch "
        "pbi_jk.bayi_baru_lahir.berlaku, from about December 2018): a baby not yet listed in "
        "the registry (tercatat_di_registri false), born (umur not negative) and younger than "
        "pbi_jk.bayi_baru_lahir.batas_umur (1 year, the package's reading), registered as a "
        "child (anak) or as a grandchild (cucu), whose mother on the card is a PBI member "
        "(pbi_jk_ibu_peserta: the head or spouse for a child, a daughter or daughter-in-law "
        "for a grandchild; recorded as a woman or as pregnant/post-partum since the birth). "
        "False while the switch is off."
    )
    reference = (
        "Perpres 82/2018 tentang Jaminan Kesehatan, Pasal 10 (bayi dari ibu peserta PBI) dan "
        "Pasal 16 (pendaftaran bayi baru lahir dalam 28 hari)"
    )

    def formula_2014_01_01(individu, period, parameters):
        if not parameters(period).pbi_jk.bayi_baru_lahir.berlaku:
            return individu.filled_array(False)
        belum_tercatat = ~individu("tercatat_di_registri", period)
        if not belum_tercatat.any():
            # everyone listed (the national population): no mother to look for
            return belum_tercatat
        return belum_tercatat & individu("pbi_jk_ibu_peserta", period)
