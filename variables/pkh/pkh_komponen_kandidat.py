import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import ENUM_ARRAY_DTYPE, Enum, EnumArray
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import KomponenPKH


class pkh_komponen_kandidat(Variable):
    value_type = Enum
    possible_values = KomponenPKH
    default_value = KomponenPKH.tidak_ada
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Komponen PKH calon anggota keluarga (sebelum batas keluarga)"
    documentation = (
        "The one PKH component the member qualifies for in the month, before the family caps "
        "(pkh_komponen applies them). Each component has its verdict variable: "
        "pkh_memenuhi_ibu_hamil (hamil, pregnancy order up to pkh.batas.urutan_kehamilan from "
        "2019); pkh_memenuhi_anak_usia_dini (age 0 to pkh.umur.anak_usia_dini_maksimum, birth "
        "order up to pkh.batas.urutan_anak_usia_dini from 2019); pkh_memenuhi_sd / _smp / _sma "
        "(enrolled at that level, age within pkh.umur.pendidikan_minimum..maksimum, and from "
        "2023 active in Dapodik); pkh_memenuhi_disabilitas_berat; pkh_memenuhi_lanjut_usia "
        "(age from pkh.umur.lanjut_usia_minimum). A person who fits several components gets "
        "the one with the highest annual index; equal amounts go to the component with the "
        "better priority rank (pkh.prioritas). In 2017-2018 every index is 0, so the priority "
        "rank alone names the component; it then only decides eligibility."
    )
    reference = (
        "Permensos 1/2018 tentang PKH (komponen kesehatan, pendidikan, kesejahteraan sosial); "
        "aturan satu orang satu komponen dengan nominal tertinggi (P20, P21)"
    )

    def formula_2017_01_01(individu, period, parameters):
        pkh = parameters(period).pkh
        memenuhi = {
            "ibu_hamil": individu("pkh_memenuhi_ibu_hamil", period),
            "anak_usia_dini": individu("pkh_memenuhi_anak_usia_dini", period),
            "sd": individu("pkh_memenuhi_sd", period),
            "smp": individu("pkh_memenuhi_smp", period),
            "sma": individu("pkh_memenuhi_sma", period),
            "disabilitas_berat": individu("pkh_memenuhi_disabilitas_berat", period),
            "lanjut_usia": individu("pkh_memenuhi_lanjut_usia", period),
        }

        # The member gets the qualifying component with the highest index, the better-ranked
        # one on a tie (pkh.prioritas; sorted() keeps the order of equal ranks). Each
        # component gets its place in that preference (1 = least wanted); the member's
        # highest place names his component (masked arithmetic is much faster than np.where).
        urutan = sorted(memenuhi, key=lambda nama: pkh.prioritas[nama])
        disukai = sorted(reversed(urutan), key=lambda nama: pkh.indeks[nama])
        tempat = np.zeros(individu.count, dtype=np.uint8)
        for posisi, nama in enumerate(disukai, start=1):
            np.maximum(tempat, np.multiply(memenuhi[nama], posisi, dtype=np.uint8), out=tempat)
        tempat *= individu("masih_hidup", period)  # the dead hold no component
        kode = [KomponenPKH.tidak_ada.index] + [KomponenPKH[nama].index for nama in disukai]
        # places never exceed the table; "clip" only skips numpy's slower bounds check
        pilihan = np.array(kode, dtype=ENUM_ARRAY_DTYPE).take(tempat, mode="clip")
        return EnumArray(pilihan, KomponenPKH)
