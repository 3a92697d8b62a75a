"""Enumerations shared by several programs (values in the regulations' vocabulary)."""

from openfisca_core.indexed_enums import Enum


class JenisKelamin(Enum):
    laki_laki = "Laki-laki (male)"
    perempuan = "Perempuan (female)"


class JenjangPendidikan(Enum):
    """School level a person is enrolled at; equivalency programmes map to their level."""

    tidak_sekolah = "Tidak bersekolah (not enrolled)"
    paud = "PAUD/TK/RA (pre-school)"
    sd = "SD/MI/SDLB/Paket A (primary)"
    smp = "SMP/MTs/SMPLB/Paket B (lower secondary)"
    sma = "SMA/SMK/MA/SMALB/Paket C (upper secondary)"
    perguruan_tinggi = "Perguruan tinggi (higher education)"


class StatusYatimPiatu(Enum):
    bukan = "Bukan yatim/piatu (both parents alive)"
    yatim = "Yatim (father deceased)"
    piatu = "Piatu (mother deceased)"
    yatim_piatu = "Yatim piatu (both parents deceased)"


class KomponenPKH(Enum):
    """PKH components, named as in the Kemensos index decrees."""

    tidak_ada = "Tidak ada komponen (no component)"
    ibu_hamil = "Ibu hamil/nifas (pregnant or post-partum)"
    anak_usia_dini = "Anak usia dini 0-6 tahun (early childhood)"
    sd = "Anak SD/MI/Paket A (primary school)"
    smp = "Anak SMP/MTs/Paket B (lower secondary)"
    sma = "Anak SMA/MA/Paket C (upper secondary)"
    disabilitas_berat = "Penyandang disabilitas berat (severe disability)"
    lanjut_usia = "Lanjut usia (elderly)"


#: PKH components under a group cap: ``pkh.batas.<group>``. ``ibu_hamil`` has no group cap:
#: only the family cap and the pregnancy order limit it.
PKH_GRUP_BATAS = {
    "anak": ("anak_usia_dini", "sd", "smp", "sma"),
    "disabilitas_berat": ("disabilitas_berat",),
    "lanjut_usia": ("lanjut_usia",),
}
