from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class atensi_pelatihan_vokasional(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Layanan ATENSI: pelatihan vokasional dan/atau pembinaan kewirausahaan"
    documentation = (
        "Service 5, vocational training and/or entrepreneurship coaching. Package reading: an "
        "ATENSI-eligible person able to work (mampu_bekerja) aged from "
        "atensi.umur.pelatihan_vokasional_minimum (15) to "
        "atensi.umur.pelatihan_vokasional_maksimum (59) inclusive."
    )
    reference = "Permensos 16/2020, 7/2021 dan 15/2025 tentang ATENSI (jenis layanan 5)"

    def formula(individu, period, parameters):
        umur_batas = parameters(period).atensi.umur
        layak = individu("atensi_layak", period)
        mampu_bekerja = individu("mampu_bekerja", period)
        umur = individu("umur", period)
        usia_kerja = (umur >= umur_batas.pelatihan_vokasional_minimum) & (
            umur <= umur_batas.pelatihan_vokasional_maksimum
        )
        return layak & mampu_bekerja & usia_kerja
