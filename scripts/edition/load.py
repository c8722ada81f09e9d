"""Load and validate annotations/*.yml: the only module that reads YAML.

Every problem is collected with its file and line, and all are reported together.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from . import schema
from .model import Annotations, Emendation, Entry, InputError, Note, Problem, Source


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


class _DuplicateKey(yaml.MarkedYAMLError):
    """A key given twice in one mapping: YAML would silently keep the second value."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool):
            raise yaml.MarkedYAMLError(
                "while reading a mapping", node.start_mark, "a key must be a word", key_node.start_mark
            )
        if key in mapping:
            raise _DuplicateKey(
                f"the key '{key}' is given twice (first on line {mapping.key_lines[str(key)]})",
                node.start_mark,
                f"the key '{key}' is given twice",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

_ADAPTER = TypeAdapter(schema.Annotation)
_KEYS = {
    "person": schema.Person,
    "organization": schema.Organization,
    "event": schema.Event,
    "place": schema.Place,
    "term": schema.Term,
    "publication": schema.Publication,
    "note": schema.PassageNote,
    "emendation": schema.EmendationEntry,
}
_DATE_KEYS = ("born", "died", "start", "end")
_MARKDOWN_FIELDS = ("note", "after")

# What editors' text may not carry. Plain-text fields are escaped by the renderer, but raw HTML is refused
# everywhere so that one rule holds for every field; the Markdown fields are also checked for every route
# Python-Markdown (with attr_list) offers to a link or an attribute.
_ANGLE_ADDRESS = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*>?")
_RAW_HTML = re.compile(r"</?[A-Za-z!?][^>\n]{0,40}>?|&#\w+;?|&[A-Za-z][A-Za-z0-9]*;")
_INLINE_TARGET = re.compile(r"\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)")
_REFERENCE_TARGET = re.compile(r"^[ \t]*\[(?!\^)([^\]\n]+)\]:[ \t]*\n?[ \t]*<?([^\s>]*)", re.MULTILINE)
_ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{[^{}\n]*\}")
_SAFE_TARGET = re.compile(r"^(https?://[^/\s]|#|\.\.?/|([\w-]+/)*[\w-]+\.md(#|$))", re.IGNORECASE)
_ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)
_LINK_HINT = "links go to https:// (or http://) addresses or to pages of the site, e.g. [text](https://example.org/)."


def annotation_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml"))


def load_annotations(folder: Path, root: Path | None = None) -> Annotations:
    """Read and validate every annotations/*.yml; raise InputError listing every problem."""
    problems: list[Problem] = []
    items: list[tuple[str, LineDict, Any]] = []
    refused_ids: set[str] = set()
    files = annotation_files(folder)
    if not files:
        problems.append(
            Problem(str(folder), None, "no annotation files (*.yml) found.", "the folder holds the entries as *.yml.")
        )
    for path in files:
        name = path.relative_to(root).as_posix() if root else str(path)
        raw, file_problems = read_yaml(path, name)
        problems += file_problems
        if file_problems and not raw:
            # The file could not be read at all: its ids still exist for the editor, so entries that name
            # them as related are not reported as well.
            refused_ids.update(_ID_LINE.findall(path.read_bytes().decode("utf-8", errors="replace")))
        for item in raw:
            model, item_problems = validate_item(item, name)
            problems += item_problems
            if model is not None and not item_problems:
                items.append((name, item, model))
            elif isinstance(item.get("id"), str):
                refused_ids.add(item["id"])
    annotations = _to_annotations(items)
    key_lines = {(name, item.line): item.key_lines for name, item, _ in items}
    problems += check_references(annotations, refused_ids=refused_ids, key_lines=key_lines)
    if problems:
        raise InputError(problems, partial=annotations)
    return annotations


def read_yaml(path: Path, name: str) -> tuple[list[LineDict], list[Problem]]:
    """Parse one file into its list of entries, or say why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [], [Problem(name, None, f"the file cannot be read: {error.strerror}.")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1)
        shown = data.splitlines()[line - 1].decode("utf-8", errors="replace").strip() if data else ""
        return [], [
            Problem(
                name,
                line,
                f"the file is not UTF-8 text: byte {data[error.start]:#04x} in column {column + 1} cannot be read"
                f" ('{shown}').",
                "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8); the words need not change.",
            )
        ]
    try:
        loaded = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        return [], [_yaml_problem(error, text, name)]
    if loaded is None:
        return [], [
            Problem(
                name,
                1,
                "the file has no entries: it is empty or holds only comments.",
                "write a list of entries (each starting '- kind: ...'), or delete the file.",
            )
        ]
    if not isinstance(loaded, LineList):
        return [], [
            Problem(
                name,
                getattr(loaded, "line", 1),
                f"the file must be a list of entries, but it holds {_describe(loaded)}.",
                "start each entry with '- kind: ...' at the left margin, e.g.\n"
                "    - kind: person\n      id: jay-lovestone\n      name: Jay Lovestone",
            )
        ]
    problems = []
    kept = []
    for number, (item, line) in enumerate(zip(loaded, loaded.item_lines, strict=True), start=1):
        if isinstance(item, LineDict):
            kept.append(item)
        else:
            problems.append(
                Problem(
                    name,
                    line,
                    f"item {number} of the list is {_describe(item)}, not an entry of keys and values.",
                    "write each entry as keys under its '-', e.g.\n    - kind: person\n      id: jay-lovestone",
                )
            )
    return kept, problems


def _yaml_problem(error: yaml.YAMLError, text: str, name: str) -> Problem:
    if isinstance(error, _DuplicateKey):
        return Problem(
            name,
            error.problem_mark.line + 1,
            f"{error.context}.",
            "an entry has each key once: keep one of the two.",
        )
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return Problem(
            name,
            line,
            f"the file contains the invisible control character U+{code:04X}, which YAML does not allow.",
            "delete it (it is invisible in most editors: retype the line).",
        )
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(name, None, f"the YAML cannot be read: {error}.")
    # Where an unclosed quote or a missing colon began is more use to the editor than where YAML gave up.
    starts = error.context_mark if error.context and error.context.startswith("while scanning") else None
    mark = starts or error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    shown = text.splitlines()[mark.line].strip() if mark and mark.line < len(text.splitlines()) else ""
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


def validate_item(item: LineDict, name: str) -> tuple[Any, list[Problem]]:
    """Check one entry against its schema and for unsafe markup; problems in the order of the file."""
    label = _label(item)
    try:
        model = _ADAPTER.validate_python(item)
    except ValidationError as error:
        model = None
        problems = [_problem_from_error(err, item, name, label) for err in error.errors()]
    else:
        problems = []
    problems += _check_markup(item, name, label)
    return model, sorted(problems, key=lambda p: p.line or 0)


def _label(item: LineDict) -> str:
    kind, ident = item.get("kind"), item.get("id")
    noun = kind if kind in ("note", "emendation") else "entry"
    return f"{noun} '{ident}'" if isinstance(ident, str) and ident else f"{noun} (no id)"


def _keys_sentence(model: type, kind: str, capital: bool = False) -> str:
    fields = model.model_fields
    order = [*(["kind"] if "kind" in fields else []), *(key for key in fields if key != "kind")]
    required = [key for key in order if fields[key].is_required()]
    optional = [key for key in order if not fields[key].is_required()]
    sentence = f"{_a(kind)} needs {_words(required)}" + (f"; it may also have {_words(optional)}." if optional else ".")
    return sentence[0].upper() + sentence[1:] if capital else sentence


def _words(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _where(loc: list) -> str:
    match loc:
        case []:
            return "the entry"
        case [key]:
            return f"'{key}'"
        case ["sources", int(index)]:
            return f"source {index + 1}"
        case ["sources", int(index), key]:
            return f"'{key}' of source {index + 1}"
        case ["aliases", int(index)]:
            return f"alias {index + 1}"
        case ["related", int(index)]:
            return f"related id {index + 1}"
        case _:
            return "'" + ".".join(str(part) for part in loc) + "'"


def _kebab(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "jan-rudzutak"


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of keys and values",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
    "url_type": "an address (text)",
}
_TYPE_HINTS = {
    "aliases": "write a list, e.g. aliases: [Stalin, Stalin's]",
    "related": "write a list of entry ids, e.g. related: [joseph-stalin, cpsu]",
    "sources": "write a list of sources, each with a title and a url, e.g.\n"
    '    sources:\n      - title: "Joseph Stalin (Wikipedia)"\n        url: https://en.wikipedia.org/wiki/Joseph_Stalin',
}


def _problem_from_error(err: dict, item: LineDict, name: str, label: str) -> Problem:
    kind = item.get("kind") if isinstance(item.get("kind"), str) else None
    loc = list(err["loc"])
    if loc and kind is not None and loc[0] == kind:
        loc = loc[1:]  # the discriminator's tag, not a key
    line = _line_of(item, loc)
    where = _where(loc)
    value = err.get("input")
    key = str(loc[-1]) if loc else ""
    in_source = len(loc) == 3 and loc[0] == "sources"
    model, noun = (schema.SourceRef, "source") if in_source else (_KEYS.get(kind), kind)
    error_type = err["type"]
    if error_type == "extra_forbidden":
        close = difflib.get_close_matches(key, list(model.model_fields), n=1) if model else []
        hint = (f"did you mean '{close[0]}'? " if close else "") + (
            _keys_sentence(model, noun, capital=bool(close)) if model else ""
        )
        place = f" in source {loc[1] + 1}" if in_source else ""
        return Problem(name, line, f"{label}: unknown key '{key}'{place}.", hint)
    if error_type == "missing":
        place = f" from source {loc[1] + 1}" if in_source else ""
        hint = _keys_sentence(model, noun) if model else None
        return Problem(name, line, f"{label}: the required key '{key}' is missing{place}.", hint)
    if error_type == "union_tag_invalid":
        given = item.get("kind")
        close = difflib.get_close_matches(given, schema.KINDS, n=1) if isinstance(given, str) else []
        hint = (f"did you mean '{close[0]}'? K" if close else "k") + f"ind is one of: {', '.join(schema.KINDS)}."
        what = f"unknown kind '{given}'" if isinstance(given, str) else f"'kind' is {_describe(given)}, not a kind"
        return Problem(name, _line_of(item, ["kind"]), f"{label}: {what}.", hint)
    if error_type == "union_tag_not_found":
        return Problem(
            name,
            line,
            f"{label}: the key 'kind' is missing.",
            f"start the entry with '- kind: ...'; kind is one of: {', '.join(schema.KINDS)}.",
        )
    if error_type == "string_too_long":
        return Problem(
            name,
            line,
            f"{label}: {where} is {len(value)} characters long; at most {err['ctx']['max_length']} are allowed.",
            "keep the summary to one sentence; put the rest in 'note'.",
        )
    if error_type in ("string_too_short", "too_short"):
        hint = _TYPE_HINTS["sources"] if key == "sources" else "write the text, or leave the key out if it is optional."
        return Problem(name, line, f"{label}: {where} is empty.", hint)
    if error_type == "string_pattern_mismatch" and key in _DATE_KEYS:
        return Problem(
            name,
            line,
            f"{label}: {where} is '{value}', which is not a date.",
            f'write YYYY, YYYY-MM or YYYY-MM-DD, quoted, e.g. {key}: "1893-02-16".',
        )
    if error_type == "string_pattern_mismatch" and (key == "id" or (len(loc) == 2 and loc[0] == "related")):
        example = f"write '{_kebab(value)}'" if isinstance(value, str) else "write e.g. 'jan-rudzutak'"
        return Problem(
            name,
            line,
            f"{label}: {where} is '{value}', which is not a kebab-case id.",
            f"ids are lower-case letters and digits joined by single hyphens: {example}.",
        )
    if error_type == "value_error" and isinstance(err.get("ctx", {}).get("error"), schema.FieldError):
        field_error = err["ctx"]["error"]
        return Problem(name, line, f"{label}: {where} is '{value}', {field_error}.", field_error.hint)
    if error_type.startswith("url_") and error_type != "url_type":
        return Problem(
            name,
            line,
            f"{label}: {where} is '{value}', which is not an http(s) address.",
            "write the whole address, starting https:// (or http://).",
        )
    if error_type in _EXPECTED:
        if key in _DATE_KEYS and isinstance(value, int | float):
            hint = f'quote dates, or YAML reads them as numbers: {key}: "1893-02-16".'
        elif value is None:
            hint = "write a value after the colon, or remove the key if it is optional."
        else:
            hint = _TYPE_HINTS.get(loc[0] if loc else "", "quote the value to make it text.")
        return Problem(
            name, line, f"{label}: {where} should be {_EXPECTED[error_type]}, found {_describe(value)}.", hint
        )
    message = err["msg"].removeprefix("Value error, ")
    return Problem(name, line, f"{label}: {where}: {message}.")


def _check_markup(item: LineDict, name: str, label: str) -> list[Problem]:
    """Editors' text must not carry raw HTML, HTML attributes, or links that could run code."""
    problems = []
    for loc, text in _strings(item, []):
        line = _line_of(item, loc)
        where = _where(loc)
        html = _RAW_HTML.search(text)
        address = _ANGLE_ADDRESS.match(text, html.start()) if html else None
        if address:
            problems.append(
                Problem(
                    name,
                    line,
                    f"{label}: {where} contains an address in angle brackets ('{address.group(0)}').",
                    "write a link as [text](https://...), to an https:// (or http://) address or a page of the site.",
                )
            )
        elif html and html.group(0).startswith("&"):
            problems.append(
                Problem(
                    name,
                    line,
                    f"{label}: {where} contains the HTML entity '{html.group(0)}'.",
                    "type the character itself (&, —, é): annotations are Markdown or plain text, never HTML.",
                )
            )
        elif html:
            problems.append(
                Problem(
                    name,
                    line,
                    f"{label}: {where} contains raw HTML ('{html.group(0)}').",
                    "annotations are Markdown or plain text, never HTML: write *italics*, **bold** and"
                    " [text](https://...); to name a tag, leave out its angle brackets.",
                )
            )
        if len(loc) != 1 or loc[0] not in _MARKDOWN_FIELDS:
            continue
        unsafe = [(m.group(1), "links to") for m in _INLINE_TARGET.finditer(text)]
        unsafe += [(m.group(2), f"defines the link [{m.group(1)}] as") for m in _REFERENCE_TARGET.finditer(text)]
        for target, how in unsafe:
            if not _SAFE_TARGET.match(target):
                problems.append(
                    Problem(
                        name,
                        line,
                        f"{label}: {where} {how} '{target}', which is neither an http(s) address"
                        " nor a page of the site.",
                        _LINK_HINT,
                    )
                )
        for match in _ATTRIBUTE_LIST.finditer(text):
            problems.append(
                Problem(
                    name,
                    line,
                    f"{label}: {where} sets HTML attributes with '{match.group(0)}'.",
                    "attribute lists in curly braces are not allowed in annotations; to print a brace, write \\{.",
                )
            )
    return problems


def _strings(value: Any, loc: list) -> Iterator[tuple[list, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, [*loc, key])
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, [*loc, index])


def check_references(
    annotations: Annotations,
    refused_ids: set[str] | frozenset[str] = frozenset(),
    key_lines: dict[tuple[str, int], dict[str, int]] | None = None,
) -> list[Problem]:
    """Problems that need every file: duplicate ids, dangling related ids, dates out of order.

    refused_ids: ids of entries already reported as invalid, which related ids may still name.
    """
    key_lines = key_lines or {}

    def line_of(item: Entry | Note | Emendation, key: str) -> int:
        return key_lines.get((item.file, item.line), {}).get(key, item.line)

    problems = []
    seen: dict[str, Entry | Note | Emendation] = {}
    every = [*annotations.entries, *annotations.notes, *annotations.emendations]
    for item in sorted(every, key=lambda i: (i.file, i.line)):
        label = f"{_noun(item)} '{item.id}'"
        if item.id in seen:
            first = seen[item.id]
            problems.append(
                Problem(
                    item.file,
                    line_of(item, "id"),
                    f"{label}: the id '{item.id}' is already used by the {_noun(first)} at"
                    f" {first.file}:{line_of(first, 'id')}.",
                    "ids must be unique across all annotation files: rename one of the two.",
                )
            )
        else:
            seen[item.id] = item
    entry_ids = {e.id for e in annotations.entries}
    other_ids = {i.id for i in [*annotations.notes, *annotations.emendations]}
    for item in [*annotations.entries, *annotations.notes]:
        for related in item.related:
            if related in entry_ids or related in refused_ids:
                continue
            if related in other_ids:
                hint = f"'{related}' is a note or an emendation; related lists entries only."
            else:
                close = difflib.get_close_matches(related, sorted(entry_ids), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "related lists the ids of entries."
            problems.append(
                Problem(
                    item.file,
                    line_of(item, "related"),
                    f"{_noun(item)} '{item.id}': related id '{related}' names no entry.",
                    hint,
                )
            )
    for entry in annotations.entries:
        for first_key, last_key in (("born", "died"), ("start", "end")):
            first, last = getattr(entry, first_key), getattr(entry, last_key)
            if first and last and _before(last, first):
                problems.append(
                    Problem(
                        entry.file,
                        line_of(entry, last_key),
                        f"entry '{entry.id}': '{last_key}' is {last}, before '{first_key}' ({first}).",
                        "check the order and the years; dates are Gregorian (New Style), YYYY-MM-DD.",
                    )
                )
    return problems


def _noun(item: Entry | Note | Emendation) -> str:
    return "note" if isinstance(item, Note) else "emendation" if isinstance(item, Emendation) else "entry"


def _before(later: str, earlier: str) -> bool:
    """Whether a date falls before another, compared to the precision both give (1937 is not before 1937-06)."""
    a, b = _date_key(later), _date_key(earlier)
    common = min(len(a), len(b))
    return a[:common] < b[:common]


def _date_key(value: str) -> tuple[int, ...]:
    return tuple(int(part) for part in value.split("-"))


def _to_annotations(items: list[tuple[str, LineDict, Any]]) -> Annotations:
    entries, notes, emendations = [], [], []
    for file, item, model in items:
        place = {"file": file, "line": item.line}
        if isinstance(model, schema.EmendationEntry):
            emendations.append(
                Emendation(
                    id=model.id,
                    sic=model.sic,
                    corr=model.corr,
                    reason=model.reason,
                    prefix=model.prefix,
                    suffix=model.suffix,
                    **place,
                )
            )
            continue
        sources = tuple(Source(type="web", title=s.title, url=str(s.url)) for s in model.sources)
        if isinstance(model, schema.PassageNote):
            notes.append(
                Note(
                    id=model.id,
                    quote=model.quote,
                    note=model.note,
                    sources=sources,
                    prefix=model.prefix,
                    suffix=model.suffix,
                    after=model.after,
                    related=tuple(model.related),
                    **place,
                )
            )
            continue
        entries.append(
            Entry(
                kind=model.kind,
                id=model.id,
                name=model.name,
                summary=model.summary.strip(),
                sources=sources,
                aliases=tuple(model.aliases),
                born=getattr(model, "born", None),
                died=getattr(model, "died", None),
                start=getattr(model, "start", None),
                end=getattr(model, "end", None),
                note=model.note,
                after=model.after,
                related=tuple(model.related),
                **place,
            )
        )
    return Annotations(entries=tuple(entries), notes=tuple(notes), emendations=tuple(emendations))


def _line_of(item: LineDict, loc: list) -> int:
    node: Any = item
    line = item.line
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(str(part), line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping of keys and values"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    return f"{type(value).__name__} {value!r}"
