"""Parameter values with their legal metadata, as an explanation quotes them."""

from __future__ import annotations

import datetime

import numpy as np
from openfisca_core.parameters import Parameter


def _leaf(system, path: str):
    node = system.parameters
    for part in path.split("."):
        children = getattr(node, "children", None)
        if children is None or part not in children:
            return None
        node = children[part]
    return node if isinstance(node, Parameter) else None


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value


def _date_key(key) -> str:
    return key.isoformat() if isinstance(key, datetime.date) else str(key)


def _inherited(system, path: str, key: str):
    """A metadata key of the leaf, else of the nearest folder that declares it (units)."""
    node = system.parameters
    found = node.metadata.get(key) if hasattr(node, "metadata") else None
    for part in path.split("."):
        node = node.children[part]
        value = getattr(node, "metadata", {}).get(key)
        if value is not None:
            found = value
    return found


def parameter_info(system, path: str, instant: str) -> dict | None:
    """Value of ``path`` on ``instant`` (``YYYY-MM-DD``) and the references in force then.

    ``description`` is the Indonesian label, ``label_en`` the English one; ``references`` are
    the entries of ``metadata.reference`` for the latest date on or before ``instant`` (title,
    href, note). ``since`` is the date the value took effect. ``None`` for an unknown path.
    """
    leaf = _leaf(system, path)
    if leaf is None:
        return None
    value = _plain(leaf(instant))
    since = None
    for item in sorted(leaf.values_list, key=lambda v: v.instant_str):
        if item.instant_str <= instant:
            since = item.instant_str
    metadata = leaf.metadata or {}
    references = []
    reference = metadata.get("reference")
    if isinstance(reference, dict):
        dates = sorted((_date_key(k), v) for k, v in reference.items())
        current = [entries for date, entries in dates if date <= instant]
        entries = current[-1] if current else []
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict):
                references.append(
                    {k: entry[k] for k in ("title", "href", "note") if entry.get(k) is not None}
                )
            else:
                references.append({"title": str(entry)})
    elif isinstance(reference, list | str):
        references = [{"title": str(r)} for r in np.atleast_1d(reference)]
    return {
        "path": path,
        "value": value,
        "since": since,
        "unit": _inherited(system, path, "unit"),
        "description": leaf.description,
        "label_en": metadata.get("label_en"),
        "references": references,
    }
