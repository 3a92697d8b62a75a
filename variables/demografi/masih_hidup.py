import numpy as np
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class masih_hidup(Variable):
    value_type = bool
    default_value = True
    entity = Individu
    definition_period = MONTH
    label = "Masih dihitung sebagai anggota hidup pada bulan ini"
    documentation = (
        "False from the first day of the month after tanggal_meninggal: a person who died in "
        "March is counted in March and no longer from April. Every person-level benefit "
        "(PKH component, PBI-JK, PBPU class 3 support, ATENSI) requires it, and a family "
        "with no living member (ada_anggota_hidup) is outside every registry band."
    )
    reference = (
        "PP 76/2015 Pasal 11 (penghapusan peserta PBI yang meninggal); Permensos 3/2021 "
        "(pemutakhiran DTKS)"
    )

    def formula(individu, period, parameters):
        awal_bulan = np.datetime64(period.start.offset("first-of", "month").date, "D")
        return individu("tanggal_meninggal", period) >= awal_bulan
