from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.entities import Individu, Keluarga
from openfisca_indonesia_sosial.ranking import has_role


class pbi_jk_layak_bayi_baru_lahir(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Bayi baru lahir dari ibu peserta PBI yang belum tercatat di registri"
    documentation = (
        "PBI-JK through the newborn rule (Perpres 82/2018 Art. 10, switch "
        "pbi_jk.bayi_baru_lahir.berlaku, from about December 2018): a child (role anak) not yet "
        "listed in the registry, born (umur not negative) and younger than "
        "pbi_jk.bayi_baru_lahir.batas_umur (1 year, an assumption), whose mother in the family "
        "(pbi_jk_ibu_peserta) is PBI. False while the switch is off."
    )
    reference = (
        "Perpres 82/2018 tentang Jaminan Kesehatan, Pasal 10 (bayi dari ibu peserta PBI) dan "
        "Pasal 16 (pendaftaran bayi baru lahir dalam 28 hari)"
    )

    def formula_2014_01_01(individu, period, parameters):
        bayi_baru_lahir = parameters(period).pbi_jk.bayi_baru_lahir
        if not bayi_baru_lahir.berlaku:
            return individu.filled_array(False)
        umur = individu("umur", period)
        bayi = (umur >= 0) & (umur < bayi_baru_lahir.batas_umur)
        belum_tercatat = ~individu("tercatat_di_registri", period)
        anak = has_role(individu, Keluarga.ANAK)
        ibu_peserta = individu.keluarga("pbi_jk_ibu_peserta", period)
        return bayi & belum_tercatat & anak & ibu_peserta
