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
