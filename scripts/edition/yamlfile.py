"""Read one YAML file as plain data, keeping the line of every mapping, key and list item.

The only code that parses YAML. Annotations arrive as pull requests, so YAML's features beyond plain
data are refused rather than trusted: tags (`!!binary`, `!!python/...`), anchors and aliases (a
600-byte alias bomb expands without bound), duplicate and non-string keys, and characters that
hide or reorder text. Checking is linear in the size of the file; a file over MAX_BYTES is refused
before it is read.

A file read without a problem is kept by the hash of its bytes, as plain JSON data with its lines
(parses_made); the build keeps that in its cache and hands it back (reuse_parses), so an unchanged file
is not parsed again. What comes back is only ever data: it is validated and sanitized like any other.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .model import Problem

MAX_BYTES = 1_000_000
EXCERPT = 80
PARSER = f"PyYAML {yaml.__version__}"

# Invisible or reordering characters: C0/C1 controls (tab and newline aside), bidi embeddings,
# overrides and isolates, zero-width characters, the BOM inside a file, line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


class LineDict(dict):
    """A YAML mapping that remembers where it and each of its keys stand in the file."""

    line: int
    key_lines: dict[str, int]


class LineList(list):
    line: int
    item_lines: list[int]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML that keeps line numbers and leaves dates as the strings the editor typed."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Refused(yaml.MarkedYAMLError):
    """A feature of YAML that annotations may not use; context is the message, note the hint."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused("'<<' merges entries", None, None, key_node.start_mark, "write every key out in full.")
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            shown = getattr(key_node, "value", "")
            raise _Refused(
                f"the key '{excerpt(str(shown))}' is read by YAML as {_describe(key)}, not as a word",
                None,
                None,
                key_node.start_mark,
                f'quote the key, e.g. "{excerpt(str(shown))}": ..., or use one of the keys the format names.',
            )
        if key in mapping:
            raise _Refused(
                f"the key '{excerpt(key)}' is given twice (first on line {mapping.key_lines[key]})",
                None,
                None,
                key_node.start_mark,
                "an entry has each key once: keep one of the two.",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml_file(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """The file's data, or None and why it cannot be read. name: the path shown in messages."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    name,
                    None,
                    f"the file is {size:,} bytes long; an annotation file may have at most {MAX_BYTES:,}.",
                    "split it into several files of the same kind.",
                )
            ]
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        return None, [Problem(name, None, f"the file cannot be read: {error.strerror or error}.")]
    key = hashlib.sha256(data).hexdigest()
    for kept in (_parses.made, _parses.earlier):
        if key in kept:
            with contextlib.suppress(ValueError, TypeError, RecursionError):
                value = _from_data(kept[key])  # a new copy every time: a reader may change what it is given
                _parses.made[key] = kept[key]
                return value, []
    text, problems = decode(data, name)
    if problems:
        return None, problems
    value, problems = parse_yaml(text, name)
    if not problems:
        _parses.made[key] = _to_data(value)
    return value, problems


# Parses kept between builds -------------------------------------------------------------------------------


class _Parses:
    """Files read without a problem, by the hash of their bytes, as JSON data: this process's (made) and an
    earlier build's (earlier)."""

    def __init__(self) -> None:
        self.made: dict[str, Any] = {}
        self.earlier: dict[str, Any] = {}

    def cache_clear(self) -> None:
        """Forget them all, as functools' memos do (make bench times each run from nothing)."""
        self.made.clear()
        self.earlier.clear()


_parses = _Parses()


def reuse_parses(earlier: object) -> None:
    """What an earlier build with this PARSER and module read (parses_made's data, read back), to be taken
    instead of parsing again; an entry not of the right shape is parsed anew."""
    if isinstance(earlier, dict):
        _parses.earlier.update(earlier)


def parses_made() -> dict[str, Any]:
    """Every file this process read without a problem, as JSON data with its lines, by its hash."""
    return dict(_parses.made)


def _to_data(value: Any) -> Any:
    """A mapping as ["m", line, [[key, line, value]...]], a list as ["l", line, [[line, item]...]]; a scalar as
    itself (YAML's plain scalars are JSON's: text, numbers, true, false and null)."""
    if isinstance(value, LineDict):
        return ["m", value.line, [[key, value.key_lines[key], _to_data(item)] for key, item in value.items()]]
    if isinstance(value, LineList):
        return ["l", value.line, [[line, _to_data(item)] for line, item in zip(value.item_lines, value, strict=True)]]
    return value


def _from_data(data: Any) -> Any:
    """_to_data's data back as LineDict and LineList; ValueError, TypeError or RecursionError if it is not
    of that shape."""
    if isinstance(data, list):
        kind, line, items = data
        if kind == "m":
            mapping = LineDict()
            mapping.line, mapping.key_lines = int(line), {}
            for key, key_line, item in items:
                if not isinstance(key, str):
                    raise TypeError(key)
                mapping[key] = _from_data(item)
                mapping.key_lines[key] = int(key_line)
            return mapping
        if kind == "l":
            sequence = LineList(_from_data(item) for _, item in items)
            sequence.line, sequence.item_lines = int(line), [int(item_line) for item_line, _ in items]
            return sequence
        raise ValueError(kind)
    if data is None or isinstance(data, str | int | float | bool):
        return data
    raise TypeError(type(data))


def decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """UTF-8 text with no hidden characters, or every line that has one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1)
        shown = excerpt(data.splitlines()[line - 1].decode("utf-8", errors="replace").strip())
        return "", [
            Problem(
                name,
                line,
                f"the file is not UTF-8 text: byte {data[error.start]:#04x} in column {column + 1} cannot be read"
                f" ('{shown}').",
                "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8); the words need not change.",
            )
        ]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        hidden = _HIDDEN.search(line)
        if hidden:
            code = ord(hidden.group(0))
            problems.append(
                Problem(
                    name,
                    number,
                    f"the line contains the invisible character U+{code:04X}"
                    f" ({unicodedata.name(hidden.group(0), 'a control character').lower()}).",
                    "delete it (it is invisible in most editors: retype the words around it); such characters"
                    " can hide or reorder text.",
                )
            )
    return text, problems


def parse_yaml(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Plain YAML data with line numbers; tags, anchors and aliases refused before anything is built."""
    try:
        problems = _refuse_features(text, name)
        if problems:
            return None, problems
        return yaml.load(text, Loader=_Loader), []  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error, text, name)]


def _refuse_features(text: str, name: str) -> list[Problem]:
    """One pass over the parser's events: linear in the text, and nothing is expanded."""
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(
                    name,
                    mark.line + 1,
                    f"the alias '*{excerpt(event.anchor)}' repeats another part of the file.",
                    "YAML anchors (&name) and aliases (*name) are not allowed: write the value out in full.",
                )
            )
            continue
        if getattr(event, "anchor", None):
            problems.append(
                Problem(
                    name,
                    mark.line + 1,
                    f"the anchor '&{excerpt(event.anchor)}' marks a value to be repeated elsewhere.",
                    "YAML anchors (&name) and aliases (*name) are not allowed: write the value out in full.",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None:  # the parser sets a tag only where the text gives one
            problems.append(
                Problem(
                    name,
                    mark.line + 1,
                    f"the value is given the YAML tag '{excerpt(tag)}'.",
                    "annotations are plain text, lists and keys: remove the tag (a word starting with '!').",
                )
            )
    return problems


def _yaml_problem(error: yaml.YAMLError, text: str, name: str) -> Problem:
    lines = text.splitlines()
    if isinstance(error, _Refused):
        mark = error.problem_mark
        return Problem(name, mark.line + 1 if mark else None, f"{error.context}.", error.note)
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(name, None, "the YAML cannot be read.")
    # Where an unclosed quote or a missing colon began is more use to the editor than where YAML gave up.
    starts = error.context_mark if error.context and error.context.startswith("while scanning") else None
    mark = starts or error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    shown = excerpt(lines[mark.line].strip()) if mark and mark.line < len(lines) else ""
    problem = error.problem or error.context or "it is not valid YAML"
    problem = next((plain for jargon, plain in _YAML_PLAIN if jargon in problem), problem)
    message = f"the YAML cannot be read: {problem}" + (f" ('{shown}')." if shown else ".")
    return Problem(name, line, message, _yaml_hint(problem, error.context or ""))


_YAML_PLAIN = (
    ("expected <block end>", "this line is indented differently from the lines above it"),
    ("unexpected end of stream", "the file ends inside a quotation"),
)


def _yaml_hint(problem: str, context: str) -> str:
    if "'\\t'" in problem:
        return "indent with spaces, never tabs."
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. summary: \"Lenin wrote: remove Stalin.\""
    if "could not find expected ':'" in problem:
        return "each line of an entry is 'key: value'; a colon may be missing, or a long value needs quotes."
    if "quoted scalar" in context:
        return "a quotation mark opened on this line is never closed."
    if "flow" in context:
        return "a bracket [ or { opened on this line is never closed."
    return "check the indentation: every key of an entry lines up under the first, two spaces in from the '-'."


def excerpt(text: str) -> str:
    """At most EXCERPT characters of what the editor wrote: a message never carries a file's content."""
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a list or mapping"
