"""Per-request reforms: a shipped reform name or inline parameter changes, cached by content.

A request names a reform in one of two ways::

    "reform": "sembako_300rb"                                  # shipped in reforms/
    "reform": {"name": "sembako_250rb",                        # inline, the reform-file format
               "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 250000}}}

``label`` and ``description`` are optional inline. An inline reform goes through exactly the
checks of a reform file (reform.files.check_reform_data): unknown parameter paths (with a
suggestion), dates, value types and ranges, the 32-bit money bounds, and the same limits on
the number of parameters and dated values; every problem is an :class:`ApiError` (400) with
the ReformError message, quoting at most a short piece of what the client sent. Only names of
shipped reforms are accepted, never file paths, so a request cannot make the server read or
execute a file of its choosing (a structural reform is Python: only shipped ones are run).

Reformed systems are cached by the SHA-256 of their canonical content (shipped: name and file
bytes; inline: the JSON of the changes and the order of the parameters), so the same reform
sent twice is built once. A build runs outside the cache's lock: requests for other reforms,
or for cached ones, never wait for it; requests for the same reform wait for the one build
under way instead of repeating it.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.reform.files import (
    MAX_REFORM_PARAMETERS,
    MAX_REFORM_VALUES,
    ReformError,
    load_reform,
    load_reform_from_mapping,
    shipped_reform_paths,
)
from openfisca_indonesia_sosial.situations.errors import ApiError

NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")
INLINE_KEYS = ("name", "label", "description", "parameters")
#: How an inline reform's messages name it.
INLINE_SOURCE = "reform"
_SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class ResolvedReform:
    name: str
    label: str
    description: str
    digest: str
    system: object
    #: The reform as loaded (its changes in order): what a per-provision breakdown runs.
    loaded: object = field(default=None, repr=False, compare=False)

    def describe(self) -> dict:
        return {"name": self.name, "label": self.label, "digest": self.digest[:12]}


def _shipped_path(name: str) -> Path:
    known = {path.stem: path for path in shipped_reform_paths()}
    if NAME.match(name) and name in known:
        return known[name]
    hint = ""
    if NAME.match(name):  # short: a did-you-mean search is cheap
        import difflib

        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
    names = ", ".join(sorted(known)) or "none"
    raise ApiError(
        f"invalid reform: no shipped reform named '{shown(name)}'{hint}; shipped reforms: {names}"
    )


def _check_value_shape(path: str, value) -> None:
    """A dated value is a scalar or ``{"value": scalar, "unit": text}``; the checker does
    the rest (type, range)."""
    if isinstance(value, Mapping):
        if len(value) <= 2 and all(isinstance(v, _SCALARS) for v in value.values()):
            return
    elif isinstance(value, _SCALARS):
        return
    kind = "a list" if isinstance(value, list) else "a nested mapping"
    raise ApiError(
        f"invalid reform: {shown(path)}: expected a number, got {kind}; write "
        '{"2024-01-01": 300000} or {"2024-01-01": {"value": 300000, "unit": "currency-IDR"}}'
    )


def _canonical_inline(spec: dict) -> dict:
    unknown = sorted(str(key) for key in set(spec) - set(INLINE_KEYS))
    if unknown:
        listed = ", ".join(shown(key, 40) for key in unknown[:5])
        raise ApiError(
            f"invalid reform: unknown keys {listed}; an inline reform has keys "
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
    if len(parameters) > MAX_REFORM_PARAMETERS:
        raise ApiError(
            f"invalid reform: {len(parameters):,} parameters; a reform changes at most "
            f"{MAX_REFORM_PARAMETERS}"
        )
    count = 0
    for path, dated in parameters.items():
        if not isinstance(dated, dict) or not dated:
            raise ApiError(
                f'invalid reform: {shown(path)}: give dated values, e.g. {{"2024-01-01": 300000}}'
            )
        count += len(dated)
        if count > MAX_REFORM_VALUES:
            raise ApiError(
                f"invalid reform: more than {MAX_REFORM_VALUES:,} dated values; a reform gives "
                f"at most {MAX_REFORM_VALUES:,}"
            )
        for value in dated.values():
            _check_value_shape(path, value)
    label = spec.get("label", name)
    description = spec.get("description", "Inline reform sent with an API request.")
    if not isinstance(label, str) or not isinstance(description, str):
        raise ApiError("invalid reform: 'label' and 'description' are text")
    return {"name": name, "label": label, "description": description, "parameters": parameters}


class ReformCache:
    """Builds reformed systems on demand and keeps the most recent ``size`` of them.

    The lock guards the two dictionaries only and is never held while a reform is built:
    the first request for a digest builds it, later requests for the same digest wait on
    that build's future (and see its result or its error), other requests go on.
    """

    def __init__(self, base_system, size: int = 16) -> None:
        self.base_system = base_system
        self.size = max(size, 1)
        self._systems: OrderedDict[str, ResolvedReform] = OrderedDict()
        self._building: dict[str, Future] = {}
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
            # the parameters' order is kept: it is the order of a per-provision breakdown
            text = json.dumps(
                [canonical, list(canonical["parameters"])], sort_keys=True, separators=(",", ":")
            )
            digest = hashlib.sha256(b"inline:" + text.encode()).hexdigest()
            return self._get(digest, lambda: _load_inline(canonical, self.base_system))
        raise ApiError(
            "invalid reform: give a shipped reform name (text) or an object "
            '{"name": ..., "parameters": {...}}'
        )

    def _get(self, digest: str, build: Callable) -> ResolvedReform:
        with self._lock:
            cached = self._systems.get(digest)
            if cached is not None:
                self._systems.move_to_end(digest)
                return cached
            future = self._building.get(digest)
            builder = future is None
            if builder:
                future = self._building[digest] = Future()
        if not builder:
            return future.result()
        try:
            resolved = _resolved(digest, build)
        except BaseException as error:
            with self._lock:
                del self._building[digest]
            future.set_exception(error)
            raise
        with self._lock:
            del self._building[digest]
            self._systems[digest] = resolved
            while len(self._systems) > self.size:
                self._systems.popitem(last=False)
        future.set_result(resolved)
        return resolved


def _resolved(digest: str, build: Callable) -> ResolvedReform:
    try:
        loaded = build()
    except ReformError as error:
        raise ApiError(f"invalid reform: {error}") from None
    return ResolvedReform(
        name=loaded.name,
        label=loaded.label,
        description=loaded.description,
        digest=digest,
        system=loaded.system,
        loaded=loaded,
    )


def _load_inline(canonical: dict, base_system):
    """An inline reform through the reform-file checker (same checks, same messages)."""
    try:
        return load_reform_from_mapping(canonical, base_system, source=INLINE_SOURCE)
    except ReformError as error:
        message = str(error).removeprefix(f"{INLINE_SOURCE}: ")
        raise ReformError(message, parameter=error.parameter) from None
