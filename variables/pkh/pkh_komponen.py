import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import KomponenPKH


class pkh_komponen(Variable):
    value_type = Enum
    possible_values = KomponenPKH
    default_value = KomponenPKH.tidak_ada
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Komponen PKH yang dihitung untuk anggota keluarga"
    documentation = (
        "The member's counted PKH component in the month, or tidak_ada: his candidate "
        "component (pkh_komponen_kandidat) unless a family cap stops it "
        "(pkh_batas_penghalang: from 2019 a group cap, pkh.batas.anak for the four child "
        "components together, pkh.batas.disabilitas_berat, pkh.batas.lanjut_usia, or the "
        "family cap pkh.batas.komponen_per_keluarga, in the priority order pkh.prioritas). In "
        "2017-2018 every candidate counts."
    )
    reference = "Aturan penghitungan komponen PKH: maksimal 4 komponen, urutan prioritas (P20-P23)"

    def formula_2017_01_01(individu, period, parameters):
        kandidat = individu("pkh_komponen_kandidat", period)
        penghalang = individu("pkh_batas_penghalang", period)
        terhalang = penghalang != penghalang.possible_values.tidak_ada
        if not terhalang.any():
            return kandidat
        hasil = np.array(kandidat)
        hasil[terhalang] = KomponenPKH.tidak_ada.index
        return EnumArray(hasil, KomponenPKH)
