from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.entities import Keluarga
from openfisca_indonesia_sosial.enums import JenisKelamin
from openfisca_indonesia_sosial.ranking import has_role


class pbi_jk_ibu_peserta(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Ibu dalam keluarga (kepala keluarga atau pasangan, perempuan) adalah peserta PBI-JK"
    documentation = (
        "The family has a mother who is a PBI member through the registry: a woman who is the "
        "head (kepala_keluarga) or the spouse (pasangan) and meets pbi_jk_layak_terdaftar. Used "
        "by the newborn rule (Perpres 82/2018 Art. 10)."
    )
    reference = "Perpres 82/2018 tentang Jaminan Kesehatan, Pasal 10 (fact sheet 3.1 and 3.3)"

    def formula_2014_01_01(keluarga, period, parameters):
        perempuan = keluarga.members("jenis_kelamin", period) == JenisKelamin.perempuan
        peserta = keluarga.members("pbi_jk_layak_terdaftar", period)
        kepala_atau_pasangan = has_role(keluarga.members, Keluarga.KEPALA_KELUARGA) | has_role(
            keluarga.members, Keluarga.PASANGAN
        )
        return keluarga.any(perempuan & peserta & kepala_atau_pasangan)
