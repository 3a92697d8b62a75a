"""Per-request reforms: a shipped reform name or inline parameter changes, cached by content.

A request names a reform in one of two ways::

    "reform": "sembako_300rb"                                  # shipped in reforms/
    "reform": {"name": "sembako_250rb",                        # inline, the reform-file format
               "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 250000}}}

``label`` and ``description`` are optional inline. An inline reform goes through exactly the
checks of a reform file (reform_files.load_reform): unknown parameter paths (with a
suggestion), dates, value types and ranges; every problem is a :class:`ApiError` (400) with the
ReformError message. Only names of shipped reforms are accepted, never file paths, so a request
cannot make the server read or execute a file of its choosing.

Reformed systems are cached by the SHA-256 of their canonical content (shipped: name and file
bytes; inline: the JSON of the changes), so the same reform sent twice is built once.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import yaml

from openfisca_indonesia_sosial.api.errors import ApiError
from openfisca_indonesia_sosial.paths import REFORMS_DIR
from openfisca_indonesia_sosial.reform_files import ReformError, load_reform

NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")
INLINE_KEYS = ("name", "label", "description", "parameters")


@dataclass(frozen=True)
class ResolvedReform:
    name: str
    label: str
    description: str
    digest: str
    system: object

    def describe(self) -> dict:
        return {"name": self.name, "label": self.label, "digest": self.digest[:12]}


def shipped_reforms() -> list[Path]:
    """Reform files shipped in reforms/ (YAML and Python), sorted by name."""
    files = [*REFORMS_DIR.glob("*.yaml"), *REFORMS_DIR.glob("*.yml"), *REFORMS_DIR.glob("*.py")]
    return sorted((p for p in files if not p.name.startswith("_")), key=lambda p: p.stem)


def _shipped_path(name: str) -> Path:
    known = {path.stem: path for path in shipped_reforms()}
    if not NAME.match(name) or name not in known:
        import difflib

        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        names = ", ".join(sorted(known)) or "none"
        raise ApiError(
            f"invalid reform: no shipped reform named '{name}'{hint}; shipped reforms: {names}"
        )
    return known[name]


def _canonical_inline(spec: dict) -> dict:
    unknown = sorted(set(spec) - set(INLINE_KEYS))
    if unknown:
        raise ApiError(
            f"invalid reform: unknown keys {unknown}; an inline reform has keys "
            f"{', '.join(INLINE_KEYS)} (label and description optional)"
        )
    name = spec.get("name", "inline")
    if not isinstance(name, str) or not NAME.match(name):
        raise ApiError("invalid reform: 'name' must be an identifier such as 'sembako_250rb'")
    parameters = spec.get("parameters")
    if not isinstance(parameters, dict) or not parameters:
        raise ApiError(
            "invalid reform: 'parameters' must map parameter paths to dated values, e.g. "
            '{"sembako.nilai_bulanan": {"2024-01-01": 300000}}'
        )
    for path, dated in parameters.items():
        if not isinstance(dated, dict) or not dated:
            raise ApiError(
                f'invalid reform: {path}: give dated values, e.g. {{"2024-01-01": 300000}}'
            )
        for value in dated.values():
            if value is not None and not isinstance(value, bool | int | float):
                raise ApiError(f"invalid reform: {path}: expected a number, got {value!r}")
    label = spec.get("label", name)
    description = spec.get("description", "Inline reform sent with an API request.")
    if not isinstance(label, str) or not isinstance(description, str):
        raise ApiError("invalid reform: 'label' and 'description' are text")
    return {"name": name, "label": label, "description": description, "parameters": parameters}


class ReformCache:
    """Builds reformed systems on demand and keeps the most recent ``size`` of them."""

    def __init__(self, base_system, size: int = 16) -> None:
        self.base_system = base_system
        self.size = max(size, 1)
        self._systems: OrderedDict[str, ResolvedReform] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._systems)

    def resolve(self, spec: object) -> ResolvedReform | None:
        """``None`` for no reform; otherwise the reformed system (built once per content)."""
        if spec is None:
            return None
        if isinstance(spec, str):
            path = _shipped_path(spec)
            digest = hashlib.sha256(b"file:" + spec.encode() + b"\0" + path.read_bytes())
            return self._get(digest.hexdigest(), lambda: load_reform(str(path), self.base_system))
        if isinstance(spec, dict):
            canonical = _canonical_inline(spec)
            text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
            digest = hashlib.sha256(b"inline:" + text.encode()).hexdigest()
            return self._get(digest, lambda: _load_inline(canonical, self.base_system))
        raise ApiError(
            "invalid reform: give a shipped reform name (text) or an object "
            '{"name": ..., "parameters": {...}}'
        )

    def _get(self, digest: str, build) -> ResolvedReform:
        with self._lock:
            cached = self._systems.get(digest)
            if cached is not None:
                self._systems.move_to_end(digest)
                return cached
            try:
                loaded = build()
            except ReformError as error:
                raise ApiError(f"invalid reform: {error}") from error
            resolved = ResolvedReform(
                name=loaded.name,
                label=loaded.label,
                description=loaded.description,
                digest=digest,
                system=loaded.system,
            )
            self._systems[digest] = resolved
            while len(self._systems) > self.size:
                self._systems.popitem(last=False)
            return resolved


def _load_inline(canonical: dict, base_system):
    """An inline reform through the reform-file loader (same checks, same messages)."""
    text = yaml.safe_dump(canonical, sort_keys=False, allow_unicode=True)
    with tempfile.TemporaryDirectory(prefix="bansos-reform-") as folder:
        path = Path(folder) / f"{canonical['name']}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_reform(str(path), base_system)
        except ReformError as error:
            message = re.sub(re.escape(str(path)) + r"(:\d+|:\?)?: ", "", str(error))
            raise ReformError(message.replace(str(path), "reform")) from None
