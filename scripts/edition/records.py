"""Read the text's record (beside its transcription) and the edition's record (edition.yml).

Each fact about the text or the edition is typed once, in these files; pages, metadata, citations
and exports take them from the records this module returns.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, HttpUrl, ValidationError

from .model import Contributor, EditionRecord, Licence, Link, Problem, TextRecord
from .schema import IsoDate, Line
from .yamlfile import LineDict, excerpt, read_yaml_file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Link(_Strict):
    title: Line
    url: HttpUrl


class _Text(_Strict):
    id: Line
    transcription: Line
    title: Line
    short_title: Line
    author: Line
    periodical: Line
    periodical_place: Line
    volume: Line
    number: Line
    published: IsoDate
    written: IsoDate
    pages: Line
    joins: int
    language: Line
    description: str
    publisher_of_periodical: Line
    transcriber: Line
    transcription_publisher: Line
    transcription_place: Line
    transcription_year: Line
    transcription_collection: Line
    notice: Line
    scans: _Link


class _Contributor(_Strict):
    name: Line
    role: Line


class _Licence(_Strict):
    name: Line
    id: Line
    url: HttpUrl


class _Edition(_Strict):
    title: Line
    publisher: Line
    editors: list[_Contributor]
    contributors: list[_Contributor]
    version: Line
    released: IsoDate
    licence: _Licence
    licence_scope: str
    repository: HttpUrl
    issues: HttpUrl
    archiving: str


def _read(path: Path, name: str, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    data, problems = read_yaml_file(path, name)
    if problems:
        return None, problems
    if not isinstance(data, LineDict):
        return None, [Problem(name, 1, "the record must be a mapping of keys and values.")]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        found = []
        for err in error.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            line = data.key_lines.get(key, data.line)
            where = ".".join(str(part) for part in err["loc"]) or "the record"
            found.append(Problem(name, line, f"'{where}': {excerpt(err['msg'])}."))
        return None, found


def read_text_record(path: Path, name: str) -> tuple[TextRecord | None, list[Problem]]:
    model, problems = _read(path, name, _Text)
    if model is None:
        return None, problems
    fields = model.model_dump()
    fields["scans"] = Link(model.scans.title, str(model.scans.url))
    fields["description"] = " ".join(model.description.split())
    return TextRecord(**fields), []


def read_edition_record(path: Path, name: str) -> tuple[EditionRecord | None, list[Problem]]:
    model, problems = _read(path, name, _Edition)
    if model is None:
        return None, problems
    return (
        EditionRecord(
            title=model.title,
            publisher=model.publisher,
            editors=tuple(Contributor(c.name, c.role) for c in model.editors),
            contributors=tuple(Contributor(c.name, c.role) for c in model.contributors),
            version=model.version,
            released=model.released,
            licence=Licence(model.licence.name, model.licence.id, str(model.licence.url)),
            licence_scope=" ".join(model.licence_scope.split()),
            repository=str(model.repository).rstrip("/"),
            issues=str(model.issues).rstrip("/"),
            archiving=" ".join(model.archiving.split()),
        ),
        [],
    )
