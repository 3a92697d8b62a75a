from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu


class peserta_pbpu_kelas_3(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Peserta JKN mandiri (PBPU/BP) kelas III"
    documentation = (
        "The person is a self-paying JKN member (PBPU, pekerja bukan penerima upah, or BP, "
        "bukan pekerja) enrolled in class III in the month. Not a PBI member."
    )
    reference = "Perpres 82/2018 jo. Perpres 64/2020 tentang Jaminan Kesehatan"
