"""The scenario-independent facts delivery needs about a population, computed once per run
(or once per block of a partitioned run): weights, membership, registry order, take-up draws.

The registry order is DTSEN decile, then a stable tie draw on the family id; take-up draws are
uniform in [0, 1), drawn once per family or person from its id, so the same units take up in
every scenario, run and partition.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.data.schema import DECEASED
from openfisca_indonesia_sosial.delivery.hashing import hash_text


def stable_uniform(ids: pd.Series, salt: str) -> np.ndarray:
    """A uniform draw in [0, 1) per id, identical across runs, scenarios and partitions."""
    text = ids.astype(str)
    if text.isna().any():
        hashed = pd.util.hash_pandas_object(text, index=False, hash_key=_key(salt)).to_numpy()
    else:  # the same hashes without factorising first (ids are unique: nothing to share)
        hashed = hash_text(text, _key(salt))
    return (hashed >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _key(salt: str) -> str:
    return hashlib.sha256(salt.encode()).hexdigest()[:16]


#: Bits of the tie draw in the registry key (draws are multiples of 2**-53).
_TIE_BITS = 53
#: Registry key rank of a family outside DTSEN: after every decile.
_NOT_IN_DTSEN = 11


def registry_keys(keluarga: pd.DataFrame) -> np.ndarray:
    """One sort key per family for the registry order (sort stably, ascending): the DTSEN
    decile first (families outside DTSEN last), then a stable tie draw on the family id.
    Per family, so blocks of families can be concatenated and sorted at once. Both parts
    are packed in one integer (the decile above the draw's 53 bits), which orders exactly
    as sorting by the decile and then the draw, at the cost of one integer sort."""
    family_ids = keluarga["id_keluarga"].reset_index(drop=True)
    tie = (stable_uniform(family_ids, "registry-tie") * float(1 << _TIE_BITS)).astype(np.uint64)
    if "desil_dtsen" not in keluarga:
        return tie
    desil = keluarga["desil_dtsen"].to_numpy(np.int64)
    rank = np.where((desil > 0) & (desil < _NOT_IN_DTSEN), desil, _NOT_IN_DTSEN)
    return (rank.astype(np.uint64) << np.uint64(_TIE_BITS)) | tie


def registry_sort(keys: np.ndarray) -> np.ndarray:
    """Family indices in registry order (poorest first; ties by the draw, then file order)."""
    return np.argsort(keys, kind="stable")


@dataclass
class DeliveryContext:
    """What delivery needs of a population, the same in every scenario: family ids and
    weights, each person's family, the registry order and the take-up draws."""

    family_ids: pd.Series
    weights: np.ndarray
    person_family: np.ndarray
    family_size: np.ndarray
    registry_order: np.ndarray  # family indices, poorest first
    draw_family: np.ndarray
    draw_person: np.ndarray
    #: Members counted in per-capita and person figures when it differs from ``family_size``:
    #: a person recorded as dead before the simulated year is not a member any more.
    counted_size: np.ndarray | None = None

    @property
    def members(self) -> np.ndarray:
        """Members of each family counted in person-weighted and per-capita figures."""
        return self.family_size if self.counted_size is None else self.counted_size

    @classmethod
    def from_population(cls, population, registry_order: bool = True) -> DeliveryContext:
        """The context of a validated ``Population``; a partition leaves out the registry
        order, which only the whole population has."""
        individu, keluarga = population.individu, population.keluarga
        family_ids = keluarga["id_keluarga"].reset_index(drop=True)
        weights = (
            keluarga["bobot"].to_numpy(np.float64)
            if "bobot" in keluarga
            else np.ones(len(keluarga))
        )
        person_family = population.family_index()
        counted = None
        if DECEASED in individu:
            gone = individu[DECEASED].to_numpy() < np.datetime64(f"{population.year}-01-01")
            if gone.any():
                counted = np.bincount(person_family[~gone], minlength=len(keluarga))
        return cls(
            family_ids=family_ids,
            weights=weights,
            person_family=person_family,
            family_size=np.bincount(person_family, minlength=len(keluarga)),
            registry_order=registry_sort(registry_keys(keluarga)) if registry_order else None,
            draw_family=stable_uniform(family_ids, "take-up-family"),
            draw_person=stable_uniform(
                individu["id_individu"].reset_index(drop=True), "take-up-person"
            ),
            counted_size=counted,
        )
