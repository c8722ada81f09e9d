"""Load and validate annotations/*.yml: the only module that reads YAML.

Every problem is collected with its file and line, and all are reported together.
"""

from __future__ import annotations

import difflib
import re
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


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps line numbers and leaves dates as the strings the editor typed."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.MarkedYAMLError(
                "while reading a mapping",
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
_MARKDOWN_FIELDS = ("note", "after")
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|&#|&[A-Za-z]+;")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_TARGET = re.compile(r"^(https?://|#|\.\.?/|[\w-]+\.md(#|$))", re.IGNORECASE)


def annotation_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml"))


def load_annotations(folder: Path, root: Path | None = None) -> Annotations:
    """Read and validate every annotations/*.yml; raise InputError listing every problem."""
    problems: list[Problem] = []
    items: list[tuple[str, LineDict, Any]] = []
    files = annotation_files(folder)
    if not files:
        problems.append(Problem(str(folder), None, "no annotation files (*.yml) found."))
    for path in files:
        name = str(path.relative_to(root)) if root else str(path)
        raw, file_problems = read_yaml(path, name)
        problems += file_problems
        for item in raw:
            model, item_problems = validate_item(item, name)
            problems += item_problems
            if model is not None:
                items.append((name, item, model))
    annotations = _to_annotations(items)
    problems += check_references(annotations)
    if problems:
        raise InputError(problems)
    return annotations


def read_yaml(path: Path, name: str) -> tuple[list, list[Problem]]:
    """Parse one file into its list of items, or say why it cannot be read."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [], [
            Problem(
                name,
                line,
                "the file is not UTF-8 text.",
                "save the file as UTF-8 (without changing its words).",
            )
        ]
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = " ".join(part for part in (error.context, error.problem) if part)
        return [], [
            Problem(
                name,
                mark.line + 1 if mark else None,
                f"the YAML cannot be read: {detail}.",
                "check indentation and quoting; a value containing ': ' or starting with a quote needs quotes.",
            )
        ]
    if data is None:
        return [], [
            Problem(
                name,
                1,
                "the file is empty.",
                "write a list of entries, or delete the file.",
            )
        ]
    if not isinstance(data, list):
        return [], [
            Problem(
                name,
                getattr(data, "line", 1),
                f"the file must be a list of entries, found {_describe(data)}.",
                "start each entry with '- kind: ...', e.g.\n    - kind: person\n      id: jay-lovestone",
            )
        ]
    problems = []
    kept = []
    for item, line in zip(data, data.item_lines):
        if isinstance(item, LineDict):
            kept.append(item)
        else:
            problems.append(
                Problem(
                    name,
                    line,
                    f"each entry must be a mapping of keys, found {_describe(item)}.",
                )
            )
    return kept, problems


def validate_item(item: LineDict, name: str) -> tuple[Any, list[Problem]]:
    label = f"entry '{item['id']}'" if isinstance(item.get("id"), str) else "entry"
    try:
        model = _ADAPTER.validate_python(item)
    except ValidationError as error:
        return None, [_problem_from_error(err, item, name, label) for err in error.errors()]
    return model, _check_markup(model, item, name, label)


def _problem_from_error(err: dict, item: LineDict, name: str, label: str) -> Problem:
    kind = item.get("kind")
    loc = list(err["loc"])
    if loc and loc[0] == kind:
        loc = loc[1:]  # the discriminator's tag, not a key
    line = _line_of(item, loc)
    where = ".".join(str(part) for part in loc)
    value = err.get("input")
    allowed = list(_KEYS[kind].model_fields) if kind in _KEYS else []
    match err["type"]:
        case "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            return Problem(
                name,
                line,
                f"{label}: unknown key '{where}'.",
                f"{hint}a {kind} takes: {', '.join(allowed)}.",
            )
        case "missing":
            return Problem(
                name,
                line,
                f"{label}: the required key '{where}' is missing.",
                f"a {kind} takes: {', '.join(allowed)}.",
            )
        case "union_tag_invalid":
            return Problem(
                name,
                _line_of(item, ["kind"]),
                f"{label}: unknown kind '{kind}'.",
                f"kind is one of: {', '.join(schema.KINDS)}.",
            )
        case "union_tag_not_found" | "model_attributes_type":
            return Problem(
                name,
                line,
                f"{label}: the key 'kind' is missing.",
                f"kind is one of: {', '.join(schema.KINDS)}.",
            )
        case "string_too_long":
            return Problem(
                name,
                line,
                f"{label}: '{where}' is {len(value)} characters long; at most {err['ctx']['max_length']} are allowed.",
                "keep the summary to one sentence; put the rest in 'note'.",
            )
        case "string_pattern_mismatch" if loc and loc[-1] in ("id",) or (len(loc) > 1 and loc[-2] == "related"):
            return Problem(
                name,
                line,
                f"{label}: '{where}' is '{value}', which is not a kebab-case id.",
                "write e.g. 'jan-rudzutak'.",
            )
        case "string_type" | "list_type" | "dict_type" | "model_type":
            expected = {
                "string_type": "text",
                "list_type": "a list",
                "dict_type": "a mapping",
                "model_type": "a mapping",
            }
            hint = 'quote dates, e.g. born: "1893-02-16".' if isinstance(value, int) else None
            return Problem(
                name,
                line,
                f"{label}: '{where}' should be {expected[err['type']]}, found {_describe(value)}.",
                hint,
            )
        case _:
            message = err["msg"].removeprefix("Value error, ")
            return Problem(name, line, f"{label}: '{where}': {message}.")


def _check_markup(model: Any, item: LineDict, name: str, label: str) -> list[Problem]:
    """Editors' text must not carry raw HTML or links that could run code."""
    problems = []
    for key, value in item.items():
        texts = (
            [value]
            if isinstance(value, str)
            else [v for v in value if isinstance(v, str)]
            if isinstance(value, list)
            else []
        )
        for text in texts:
            if _RAW_HTML.search(text):
                problems.append(
                    Problem(
                        name,
                        _line_of(item, [key]),
                        f"{label}: '{key}' contains raw HTML or an HTML entity ({_RAW_HTML.search(text).group(0)!r}...).",
                        "write Markdown only: *italics*, **bold**, [text](https://...).",
                    )
                )
            if key in _MARKDOWN_FIELDS:
                for target in _LINK_TARGET.findall(text):
                    if not _SAFE_TARGET.match(target):
                        problems.append(
                            Problem(
                                name,
                                _line_of(item, [key]),
                                f"{label}: '{key}' links to '{target}', which is neither an http(s) address nor a page of the site.",
                                "links must start with https:// (or http://), or point within the site.",
                            )
                        )
    return problems


def check_references(annotations: Annotations) -> list[Problem]:
    """Problems that need every file: duplicate ids, dangling related ids, dates out of order."""
    problems = []
    seen: dict[str, tuple[str, int]] = {}
    every = [*annotations.entries, *annotations.notes, *annotations.emendations]
    for item in every:
        if item.id in seen:
            file, line = seen[item.id]
            problems.append(
                Problem(
                    item.file,
                    item.line,
                    f"the id '{item.id}' is used twice; it was first used at {file}:{line}.",
                    "ids must be unique across all annotation files.",
                )
            )
        else:
            seen[item.id] = (item.file, item.line)
    entry_ids = {e.id for e in annotations.entries}
    for item in [*annotations.entries, *annotations.notes]:
        for related in item.related:
            if related not in entry_ids:
                close = difflib.get_close_matches(related, sorted(entry_ids), n=1)
                problems.append(
                    Problem(
                        item.file,
                        item.line,
                        f"entry '{item.id}': related id '{related}' names no entry.",
                        f"did you mean '{close[0]}'?" if close else "related ids must be ids of entries.",
                    )
                )
    for entry in annotations.entries:
        for first, last, words in (
            (entry.born, entry.died, "died before born"),
            (entry.start, entry.end, "ends before it starts"),
        ):
            if first and last and _date_key(last) < _date_key(first)[: len(_date_key(last))]:
                problems.append(
                    Problem(
                        entry.file,
                        entry.line,
                        f"entry '{entry.id}': {words} ({first} to {last}).",
                        "dates are Gregorian ISO 8601; check the order and the year.",
                    )
                )
    return problems


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
        sources = tuple(Source(title=s.title, url=str(s.url)) for s in model.sources)
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
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
