from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Keluarga
from openfisca_indonesia_sosial.law.registri import dalam_band_registri


class atensi_dalam_registri(Variable):
    value_type = bool
    entity = Keluarga
    definition_period = MONTH
    label = "Keluarga berada dalam cakupan registri ATENSI (DTKS, kemudian desil DTSEN 1-5)"
    documentation = (
        "The family is inside ATENSI's registry band. From April 2025 (registri.pakai_dtsen) "
        "this means a DTSEN welfare decile from 1 to registri.desil_maksimum.atensi (5; A14, "
        "A17, H27). Before that the sources state no ATENSI-specific registry rule; the package "
        "applies the registry rule used before DTSEN by every programme: the family is "
        "registered in DTKS (terdaftar_dtks)."
    )
    reference = (
        "Inpres 4/2025 tentang DTSEN; Permensos 3/2021 tentang Pengelolaan DTKS "
        "(fact sheet 4.2 and 5.1)"
    )

    def formula(keluarga, period, parameters):
        return dalam_band_registri(keluarga, period, parameters, "atensi")
