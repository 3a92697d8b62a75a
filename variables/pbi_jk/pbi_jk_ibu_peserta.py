import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu, Keluarga
from openfisca_indonesia_sosial.law.enums import JenisKelamin
from openfisca_indonesia_sosial.law.ranking import family_any, family_index, has_role


class pbi_jk_ibu_peserta(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Ibu bayi dalam Kartu Keluarga adalah peserta PBI-JK"
    documentation = (
        "For a baby (born, younger than pbi_jk.bayi_baru_lahir.batas_umur): a member of the "
        "card who can be his mother is a PBI member through the registry "
        "(pbi_jk_layak_terdaftar). Who can be the mother: for a baby with role anak, the head "
        "or the spouse; for a grandchild (cucu), a member who is neither the head, nor the "
        "spouse, nor himself a grandchild (a daughter or daughter-in-law on the card), or a "
        "grandchild who was pregnant. She must be recorded as a woman (jenis_kelamin "
        "perempuan) or as hamil (pregnant or post-partum, which implies a woman) in some month "
        "from the baby's birth month to this month: whoever on the card was pregnant or "
        "post-partum is the mother, so sex need not be given. False for everyone else. Used "
        "by the newborn rule (Perpres 82/2018 Art. 10)."
    )
    reference = "Perpres 82/2018 tentang Jaminan Kesehatan, Pasal 10 (fact sheet 3.1 and 3.3)"

    def formula_2014_01_01(individu, period, parameters):
        batas_umur = parameters(period).pbi_jk.bayi_baru_lahir.batas_umur
        umur = individu("umur", period)
        anak = has_role(individu, Keluarga.ANAK)
        cucu = individu("cucu", period)
        bayi = (umur >= 0) & (umur < batas_umur) & (anak | cucu)
        hasil = np.zeros(individu.count, dtype=bool)
        if not bayi.any():
            return hasil

        peserta = individu("pbi_jk_layak_terdaftar", period)
        kepala_atau_pasangan = has_role(individu, Keluarga.KEPALA_KELUARGA) | has_role(
            individu, Keluarga.PASANGAN
        )
        # Who can be the mother of a baby of each generation (anak, cucu).
        calon = (kepala_atau_pasangan, ~kepala_atau_pasangan)
        dewasa = ~cucu
        perempuan = individu("jenis_kelamin", period) == JenisKelamin.perempuan
        keluarga = family_index(individu.keluarga)
        generasi_bayi = (bayi & anak, bayi & cucu)

        # A woman by record (a grandchild only when she is not a child herself) ...
        for generasi, calon_ibu in enumerate(calon):
            wanita = perempuan & (kepala_atau_pasangan | dewasa) & calon_ibu & peserta
            hasil |= generasi_bayi[generasi] & family_any(individu.keluarga, wanita)[keluarga]

        # ... or pregnant/post-partum in a month since the baby's birth (this month first).
        bulan_ini = np.datetime64(str(period.start), "M")
        bulan_lahir = individu("tanggal_lahir", period).astype("datetime64[M]")
        umur_bulan = np.where(bayi, (bulan_ini - bulan_lahir).astype(np.int64), -1)
        bulan = period.first_month
        for mundur in range(umur_bulan.max() + 1):
            hamil = individu("hamil", bulan) & peserta
            for generasi, calon_ibu in enumerate(calon):
                ibu_hamil = family_any(individu.keluarga, hamil & calon_ibu)[keluarga]
                hasil |= generasi_bayi[generasi] & (umur_bulan >= mundur) & ibu_hamil
            bulan = bulan.offset(-1, "month")
        return hasil
