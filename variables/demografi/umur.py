from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.tanggal import tanggal_lahir_terurai, umur_dari_urai


class umur(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    unit = "year"
    label = "Umur (tahun penuh pada tanggal 1 bulan ini)"
    documentation = (
        "Completed years of age on the first day of the month, computed from tanggal_lahir "
        "when not given. A person born after that day has a negative age (not yet born); "
        "the data layer rejects such records, and no component counts them."
    )
    reference = "Permensos 1/2018 (umur ditentukan saat penetapan komponen)"

    def formula(individu, period, parameters):
        start = period.start
        tahun_lahir, bulan_hari_lahir = tanggal_lahir_terurai(individu, period)
        return umur_dari_urai(tahun_lahir, bulan_hari_lahir, start.year, start.month, start.day)
