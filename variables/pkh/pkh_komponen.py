import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.entities import Individu
from openfisca_indonesia_sosial.enums import PKH_GRUP_BATAS as GRUP_BATAS
from openfisca_indonesia_sosial.enums import KomponenPKH
from openfisca_indonesia_sosial.ranking import rank_cached, rank_in_group


class pkh_komponen(Variable):
    value_type = Enum
    possible_values = KomponenPKH
    default_value = KomponenPKH.tidak_ada
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Komponen PKH yang dihitung untuk anggota keluarga"
    documentation = (
        "The member's counted PKH component in the month, or tidak_ada. From 2019 "
        "(pkh.batas.berlaku) the candidates of a family are taken in priority order "
        "(pkh.prioritas: anak usia dini, SD, SMP, SMA, disabilitas berat, lanjut usia, ibu "
        "hamil), older members first within a component; a member counts when, at his turn, "
        "his group still has room (pkh.batas.anak for the four child components together, "
        "pkh.batas.disabilitas_berat, pkh.batas.lanjut_usia; no group cap for ibu_hamil) and "
        "the family still has room (pkh.batas.komponen_per_keluarga). The order is not by "
        "amount. In 2017-2018 every candidate counts. Computed without loops over families: "
        "a member passes his group cap iff his rank among the group's candidates is below "
        "the cap, and counts iff he passes and his rank among the passing members is below "
        "the family cap (the greedy pass gives exactly this, because once the family cap is "
        "full nobody later counts)."
    )
    reference = "Aturan penghitungan komponen PKH: maksimal 4 komponen, urutan prioritas (P20-P23)"

    def formula_2017_01_01(individu, period, parameters):
        pkh = parameters(period).pkh
        kandidat = individu("pkh_komponen_kandidat", period)
        kode = np.asarray(kandidat)
        ada = kode != KomponenPKH.tidak_ada.index
        if not pkh.batas.berlaku:
            return kandidat

        # Order key, unique within a family: priority rank first, then date of birth.
        prioritas = np.zeros(individu.count, dtype=np.int64)
        for komponen in KomponenPKH:
            if komponen is not KomponenPKH.tidak_ada:
                prioritas = np.where(
                    kode == komponen.index, pkh.prioritas[komponen.name], prioritas
                )
        tanggal_lahir = individu("tanggal_lahir", period)
        urutan_lahir = rank_cached(
            individu,
            "urutan_lahir",
            tanggal_lahir,
            lambda: rank_in_group(
                individu.keluarga, tanggal_lahir.astype("datetime64[D]").astype(np.int64)
            ),
        )
        anggota = individu.keluarga.nb_persons()
        kunci = prioritas * anggota + urutan_lahir

        lolos_grup = ada
        for grup, daftar in GRUP_BATAS.items():
            dalam_grup = ada & np.isin(kode, [KomponenPKH[nama].index for nama in daftar])
            urutan = rank_in_group(individu.keluarga, kunci, condition=dalam_grup)
            lolos_grup = np.where(dalam_grup, urutan < pkh.batas[grup], lolos_grup)
        urutan_keluarga = rank_in_group(individu.keluarga, kunci, condition=lolos_grup)
        dihitung = lolos_grup & (urutan_keluarga < pkh.batas.komponen_per_keluarga)
        return np.where(dihitung, kode, KomponenPKH.tidak_ada.index)
