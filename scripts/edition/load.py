"""Load and validate annotations/*.yml: entries, notes, claims and emendations, each with its file and line.

Problems are returned, not raised, as the match stage returns its own: the caller reports them all
together. Reading YAML is yamlfile's job, the format is schema's, editors' Markdown is markup's and
what needs every file at once (ids, related entries, aliases, hindsight) is references'.
"""

from __future__ import annotations

import difflib
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import markup, schema
from .model import Annotations, Assessment, Claim, Emendation, Entry, Note, Problem, Source
from .yamlfile import MAX_BYTES, LineDict, LineList, excerpt, read_yaml_file

_ADAPTER = TypeAdapter(schema.Annotation)
_KEYS = {
    "person": schema.Person,
    "organization": schema.Organization,
    "event": schema.Event,
    "place": schema.Place,
    "term": schema.Term,
    "publication": schema.Publication,
    "note": schema.PassageNote,
    "claim": schema.ClaimEntry,
    "emendation": schema.EmendationEntry,
}
_DATE_KEYS = ("born", "died", "arrested", "start", "end", "date")
_MARKDOWN_KEYS = ("note", "after", "announced", "from_archives")
SUFFIX = ".yml"
_ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,40}>")


def annotation_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The annotation files, and a problem for anything else in the folder: nothing there is ignored."""
    problems = []
    files = []
    if folder.is_symlink() or not folder.is_dir():
        return [], [Problem(_name(folder, root), None, "the annotations folder is missing or is not a folder.")]
    for path in sorted(folder.iterdir()):
        name = _name(path, root)
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            problems.append(
                Problem(
                    name,
                    None,
                    "the file is a symbolic link; the build would read and publish whatever it points to.",
                    "commit the annotations themselves as a regular file.",
                )
            )
        elif stat.S_ISDIR(mode):
            problems.append(
                Problem(name, None, "annotations/ holds no folders.", "move its files up into annotations/.")
            )
        elif not stat.S_ISREG(mode):
            problems.append(Problem(name, None, "this is not a regular file.", "annotations/ holds only *.yml files."))
        elif path.suffix != SUFFIX:
            problems.append(
                Problem(
                    name,
                    None,
                    f"annotations/ holds only *{SUFFIX} files, and this is not one.",
                    f"rename it to end in {SUFFIX} if it holds annotations, or move it out of annotations/.",
                )
            )
        else:
            files.append(path)
    if not files and not problems:
        problems.append(Problem(_name(folder, root), None, "no annotation files (*.yml) found."))
    return files, problems


def _name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def load_annotations(folder: Path, root: Path) -> tuple[Annotations, list[Problem], set[str]]:
    """Every valid item, every problem, and the ids of items refused (so others may still name them)."""
    files, problems = annotation_files(folder, root)
    items: list[tuple[str, LineDict, Any]] = []
    refused_ids: set[str] = set()
    for path in files:
        name = _name(path, root)
        data, file_problems = read_yaml_file(path, name)
        problems += file_problems
        if file_problems:
            # The file could not be read at all: its ids still exist for the editor, so entries that name
            # them as related are not reported as well.
            if path.stat().st_size <= MAX_BYTES:
                refused_ids.update(_ID_LINE.findall(path.read_bytes().decode("utf-8", errors="replace")))
            continue
        entries, shape_problems = _entries_of(data, name)
        problems += shape_problems
        for item in entries:
            model, item_problems = validate_item(item, name)
            problems += item_problems
            if model is not None and not item_problems:
                items.append((name, item, model))
            elif isinstance(item.get("id"), str):
                refused_ids.add(item["id"])
    return _to_annotations(items), problems, refused_ids


def _entries_of(data: Any, name: str) -> tuple[list[LineDict], list[Problem]]:
    if data is None:
        return [], [
            Problem(
                name,
                1,
                "the file has no entries: it is empty or holds only comments.",
                "write a list of entries (each starting '- kind: ...'), or delete the file.",
            )
        ]
    if not isinstance(data, LineList):
        return [], [
            Problem(
                name,
                getattr(data, "line", 1),
                f"the file must be a list of entries, but it holds {_describe(data)}.",
                "start each entry with '- kind: ...' at the left margin, e.g.\n"
                "    - kind: person\n      id: joseph-stalin\n      name: Joseph Stalin",
            )
        ]
    kept, problems = [], []
    for number, (item, line) in enumerate(zip(data, data.item_lines, strict=True), start=1):
        if isinstance(item, LineDict):
            kept.append(item)
        else:
            problems.append(
                Problem(
                    name,
                    line,
                    f"item {number} of the list is {_describe(item)}, not an entry of keys and values.",
                    "write each entry as keys under its '-', e.g.\n    - kind: person\n      id: joseph-stalin",
                )
            )
    return kept, problems


def validate_item(item: LineDict, name: str) -> tuple[Any, list[Problem]]:
    """Check one entry against its schema and its Markdown against the allowlist; problems in file order."""
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


def _check_markup(item: LineDict, name: str, label: str) -> list[Problem]:
    """What the sanitizer would strip from an editor's Markdown, said where the editor wrote it."""
    problems = []
    for loc, value in _strings(item, []):
        if not loc or loc[-1] not in _MARKDOWN_KEYS:
            tag = _TAG.search(value)
            if tag and loc and loc[-1] not in ("quote", "prefix", "suffix", "sic"):
                problems.append(
                    Problem(
                        name,
                        _line_of(item, loc),
                        f"{label}: {_where(loc)} contains the HTML tag '{excerpt(tag.group(0))}',"
                        " which plain text shows as typed.",
                        "summaries, names and titles are plain text: leave out the angle brackets.",
                    )
                )
            continue
        refused = markup.check_markdown(value).refused
        for what in dict.fromkeys(refused):
            problems.append(
                Problem(
                    name,
                    _line_of(item, loc),
                    f"{label}: {_where(loc)} contains {what}, which the edition does not publish.",
                    "annotations are Markdown without HTML, attributes or images: write *italics*, **bold**,"
                    " [text](https://...) or a link to a page of the site, [text](glossary.md#joseph-stalin).",
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


def _source(model: schema.SourceRef) -> Source:
    return Source(
        type=model.type,
        title=model.title,
        author=model.author,
        container=model.in_,
        publisher=model.publisher,
        place=model.place,
        date=model.date,
        pages=model.pages,
        url=str(model.url) if model.url else None,
        via=model.via,
    )


def _assessment(model: schema.AssessmentEntry) -> Assessment:
    return Assessment(
        note=model.note, sources=tuple(_source(s) for s in model.sources), verdict=model.verdict, reason=model.reason
    )


def _to_annotations(items: list[tuple[str, LineDict, Any]]) -> Annotations:
    entries, notes, emendations, claims = [], [], [], []
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
        elif isinstance(model, schema.ClaimEntry):
            claims.append(
                Claim(
                    id=model.id,
                    quote=model.quote,
                    type=model.type,
                    claim=model.claim,
                    then=_assessment(model.then),
                    now=_assessment(model.now),
                    prefix=model.prefix,
                    suffix=model.suffix,
                    related=tuple(model.related),
                    **place,
                )
            )
        elif isinstance(model, schema.PassageNote):
            notes.append(
                Note(
                    id=model.id,
                    quote=model.quote,
                    note=model.note,
                    sources=tuple(_source(s) for s in model.sources),
                    prefix=model.prefix,
                    suffix=model.suffix,
                    after=model.after,
                    related=tuple(model.related),
                    later_dates=tuple((d.quote, d.reason) for d in model.later_dates),
                    **place,
                )
            )
        else:
            entries.append(
                Entry(
                    kind=model.kind,
                    id=model.id,
                    name=model.name,
                    summary=model.summary.strip(),
                    sources=tuple(_source(s) for s in model.sources),
                    aliases=tuple(model.aliases),
                    born=getattr(model, "born", None),
                    died=getattr(model, "died", None),
                    arrested=getattr(model, "arrested", None),
                    death=getattr(model, "death", None),
                    start_as=getattr(model, "start_as", None),
                    end_as=getattr(model, "end_as", None),
                    start=getattr(model, "start", None),
                    end=getattr(model, "end", None),
                    note=model.note,
                    after=model.after,
                    announced=getattr(model, "announced", None),
                    from_archives=getattr(model, "from_archives", None),
                    related=tuple(model.related),
                    later_dates=tuple((d.quote, d.reason) for d in model.later_dates),
                    key_lines=dict(item.key_lines),
                    **place,
                )
            )
    return Annotations(entries=tuple(entries), notes=tuple(notes), emendations=tuple(emendations), claims=tuple(claims))


def _label(item: LineDict) -> str:
    kind, ident = item.get("kind"), item.get("id")
    noun = kind if kind in ("note", "claim", "emendation") else "entry"
    return f"{noun} '{ident}'" if isinstance(ident, str) and ident else f"{noun} (no id)"


def _keys_sentence(model: type, kind: str, capital: bool = False) -> str:
    fields = {field.alias or key: field for key, field in model.model_fields.items()}
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
    "sources": "write a list of sources, each with its type and title, e.g.\n"
    "    sources:\n      - type: book\n        author: Robert Conquest\n        title: The Great Terror\n"
    '        publisher: Macmillan\n        date: "1968"\n        pages: "201"',
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
    in_source = len(loc) >= 3 and loc[-3] == "sources"
    in_assessment = len(loc) == 2 and loc[0] in ("then", "now")
    if in_source:
        model, noun = schema.SourceRef, "source"
    elif in_assessment:
        model, noun = schema.AssessmentEntry, f"'{loc[0]}'"
    else:
        model, noun = _KEYS.get(kind), kind
    error_type = err["type"]
    if error_type == "extra_forbidden":
        known = [field.alias or key for key, field in model.model_fields.items()] if model else []
        close = difflib.get_close_matches(key, known, n=1)
        hint = (f"did you mean '{close[0]}'? " if close else "") + (
            _keys_sentence(model, noun, capital=bool(close)) if model else ""
        )
        place = f" in source {loc[-2] + 1}" if in_source else ""
        return Problem(name, line, f"{label}: unknown key '{key}'{place}.", hint)
    if error_type == "missing":
        place = f" from source {loc[-2] + 1}" if in_source else ""
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
            f"{label}: {where} is '{excerpt(str(value))}', which is not a date.",
            f'write YYYY, YYYY-MM or YYYY-MM-DD, quoted, e.g. {key}: "1893-02-16".',
        )
    if error_type == "string_pattern_mismatch" and (key == "id" or (len(loc) == 2 and loc[0] == "related")):
        example = f"write '{_kebab(value)}'" if isinstance(value, str) else "write e.g. 'jan-rudzutak'"
        return Problem(
            name,
            line,
            f"{label}: {where} is '{excerpt(str(value))}', which is not a kebab-case id.",
            f"ids are lower-case letters and digits joined by single hyphens: {example}.",
        )
    if error_type == "value_error" and isinstance(err.get("ctx", {}).get("error"), schema.FieldError):
        field_error = err["ctx"]["error"]
        return Problem(name, line, f"{label}: {where} is '{excerpt(str(value))}', {field_error}.", field_error.hint)
    if error_type.startswith("url_") and error_type != "url_type":
        return Problem(
            name,
            line,
            f"{label}: {where} is '{excerpt(str(value))}', which is not an http(s) address.",
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
    return Problem(name, line, f"{label}: {message}." if not loc else f"{label}: {where}: {message}.")


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
        return f"the text '{excerpt(value)}'"
    return f"{type(value).__name__} {value!r}"
