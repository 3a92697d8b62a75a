"""Reading a reform file safely: bounded, plain YAML, every problem with its file and line.

A reform file is short, hand-written YAML. Before anything is constructed from it, the reader
refuses what a reform never needs and what would let a small file cost minutes or gigabytes:

- a path that does not exist, a directory, or anything but a regular file;
- a file larger than :data:`MAX_REFORM_FILE_BYTES`, an empty file, a binary file, bytes that
  are not UTF-8 (the line of the first bad byte is named);
- YAML anchors (``&name``) and aliases (``*name``, also ``<<: *name`` merges): a few hundred
  bytes of nested aliases expand to billions of nodes;
- collections nested deeper than :data:`MAX_YAML_DEPTH`, more than :data:`MAX_YAML_NODES`
  nodes, a text longer than :data:`MAX_SCALAR_CHARS`, a key that is not a plain text or number;
- a key written twice in the same mapping (YAML would silently keep the last one).

Dates are not turned into ``datetime.date`` (no implicit timestamps): they stay text and are
checked by the reform checker, so ``2024-02-30`` is reported with its line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from openfisca_indonesia_sosial.data.privacy import shown

#: Largest reform file read (a reform changing every parameter of the package is ~20 KB).
MAX_REFORM_FILE_BYTES = 1_000_000
#: Deepest nesting of mappings and lists (a reform needs 4: reform, parameters, dates, value).
MAX_YAML_DEPTH = 8
#: Most YAML nodes (keys, values, collections) in one file.
MAX_YAML_NODES = 50_000
#: Longest single text or number in the file (a description is a paragraph or two).
MAX_SCALAR_CHARS = 10_000

# C0 controls other than tab, line feed and carriage return, and DEL: never in a text file.
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Digits of a plain number refused before it is converted (Python converts at most 4,300;
#: shorter ones reach the value check, which names the parameter).
_LONG_NUMBER = re.compile(r"^[-+]?[0-9_]{4000,}$")


class ReformError(ValueError):
    """A reform that cannot be applied, with file (or source), line and path in the message.

    ``source`` is the file or the caller's name for an inline reform, ``line`` the 1-based line
    in the file (None for an inline reform or a whole-file problem), ``parameter`` the dotted
    parameter path concerned (None for a problem outside ``parameters``).
    """

    def __init__(self, message: str, *, source=None, line=None, parameter=None) -> None:
        super().__init__(message)
        self.source = source
        self.line = line
        self.parameter = parameter


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text and are checked later, so a
    non-calendar date such as 2024-02-30 is reported with its line instead of crashing."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _fail(source: str, line: int | None, message: str) -> ReformError:
    where = f"{source}:{line}" if line else source
    return ReformError(f"{where}: {message}", source=source, line=line)


def read_bytes(path: Path) -> bytes:
    """The bytes of a reform file, refusing what is not a small regular file."""
    source = str(path)
    try:
        if not path.exists():
            raise ReformError(f"{source}: no such reform file", source=source)
        if path.is_dir():
            raise ReformError(
                f"{source}: is a directory; give a reform file (.yaml) or a shipped reform name",
                source=source,
            )
        if not path.is_file():
            raise ReformError(f"{source}: not a regular file", source=source)
        size = path.stat().st_size
        if size > MAX_REFORM_FILE_BYTES:
            raise ReformError(
                f"{source}: the file has {size:,} bytes; a reform file has at most "
                f"{MAX_REFORM_FILE_BYTES:,}",
                source=source,
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_REFORM_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ReformError(f"{source}: cannot read the file: {reason}", source=source) from error
    if len(data) > MAX_REFORM_FILE_BYTES:  # grew while being read
        raise ReformError(
            f"{source}: a reform file has at most {MAX_REFORM_FILE_BYTES:,} bytes", source=source
        )
    return data


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of a reform file; a binary file or another encoding names its line."""
    binary = _BINARY.search(data)
    if binary is not None:
        line = data.count(b"\n", 0, binary.start()) + 1
        raise _fail(
            source,
            line,
            f"not a text file (byte 0x{data[binary.start()]:02x} at byte {binary.start():,})",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _fail(
            source,
            line,
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
        ) from None
    if not text.strip():
        raise _fail(
            source, None, "the file is empty; a reform has name, label, description, parameters"
        )
    return text


def _check_events(text: str, source: str) -> None:
    """Refuse anchors, aliases, deep nesting, too many nodes and long scalars before any node
    is composed (composing an alias bomb is what takes the memory)."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _fail(
                source,
                line,
                "YAML anchors and aliases (&name, *name, <<: *name) are not accepted in a "
                "reform file: write each value out",
            )
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise _fail(source, line, f"more than {MAX_YAML_NODES:,} YAML nodes")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise _fail(
                    source, line, f"nested deeper than {MAX_YAML_DEPTH} levels of mappings/lists"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            if len(event.value) > MAX_SCALAR_CHARS:
                raise _fail(
                    source,
                    line,
                    f"a text longer than {MAX_SCALAR_CHARS:,} characters: {shown(event.value, 40)}",
                )
            if event.style is None and _LONG_NUMBER.match(event.value):
                raise _fail(
                    source,
                    line,
                    f"a number of {len(event.value):,} digits; no parameter holds such a number",
                )


def _line_map(root, source: str) -> dict[tuple, int]:
    """Line (1-based) of every key path of a composed YAML document; duplicate keys fail."""
    lines: dict[tuple, int] = {}

    def walk(node, prefix):
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, prefix)
        if not isinstance(node, yaml.MappingNode):
            return
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if not isinstance(key, yaml.ScalarNode):
                raise _fail(source, line, "a key must be a plain text, a date or a number")
            text = str(key.value)
            path = (*prefix, text)
            if text in seen:
                where = ".".join(shown(p) for p in path)
                raise ReformError(
                    f"{source}:{line}: '{where}' is written twice (first on line "
                    f"{seen[text]}); YAML would keep only the last one",
                    source=source,
                    line=line,
                    parameter=prefix[1] if len(prefix) > 1 else None,
                )
            seen[text] = line
            lines[path] = line
            walk(value, path)

    if root is not None:
        walk(root, ())
    return lines


def _construct(root):
    if root is None:
        return None
    loader = _Loader("")
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def read_reform_file(path: Path) -> tuple[object, dict[tuple, int]]:
    """The document of a reform file and the line of each key path."""
    path = Path(path)
    source = str(path)
    text = decode(read_bytes(path), source)
    try:
        _check_events(text, source)
        root = yaml.compose(text, Loader=_Loader)
        lines = _line_map(root, source)
        data = _construct(root)
    except ReformError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or type(error).__name__
        if problem == "mapping values are not allowed here":
            problem += " (a second ': ' on the line, or a key longer than 1,024 characters)"
        raise _fail(source, line, f"not valid YAML: {shown(problem, 200)}") from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise _fail(source, None, f"not a usable value: {shown(error, 120)}") from None
    return data, lines
