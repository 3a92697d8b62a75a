"""Entities of the Indonesian social-assistance system.

The family (``keluarga``) is the Kartu Keluarga unit: the KPM (keluarga penerima manfaat)
of PKH and Program Sembako. Persons (``individu``) carry PBI-JK and ATENSI.
"""

from openfisca_core.entities import build_entity

Individu = build_entity(
    key="individu",
    plural="daftar_individu",
    label="Individu (orang perseorangan)",
    doc=(
        "Seorang individu yang tercatat dalam Kartu Keluarga. "
        "English: a person listed on a family card (Kartu Keluarga); the unit of PBI-JK "
        "and ATENSI."
    ),
    is_person=True,
)

Keluarga = build_entity(
    key="keluarga",
    plural="daftar_keluarga",
    label="Keluarga (Kartu Keluarga; unit KPM)",
    doc=(
        "Keluarga menurut Kartu Keluarga, unit keluarga penerima manfaat (KPM) PKH dan "
        "Program Sembako. English: the family as registered on one Kartu Keluarga (KK), "
        "the beneficiary unit (KPM) of PKH and Program Sembako."
    ),
    roles=[
        {
            "key": "kepala_keluarga",
            "label": "Kepala keluarga",
            "max": 1,
            "doc": "Kepala keluarga. English: head of the family (at most one).",
        },
        {
            "key": "pasangan",
            "label": "Pasangan (istri/suami kepala keluarga)",
            "max": 1,
            "doc": "Istri atau suami kepala keluarga. English: spouse of the head (at most one).",
        },
        {
            "key": "anak",
            "plural": "daftar_anak",
            "label": "Anak",
            "doc": "Anak kandung, tiri atau angkat. English: children of the head or spouse.",
        },
        {
            "key": "anggota_lain",
            "plural": "daftar_anggota_lain",
            "label": "Anggota keluarga lain",
            "doc": (
                "Anggota lain dalam Kartu Keluarga (cucu, orang tua, famili lain). "
                "English: other members listed on the card (grandchildren, parents, relatives)."
            ),
        },
    ],
)

entities = [Individu, Keluarga]
