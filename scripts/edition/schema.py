"""The annotation file format, as typed models; also published as annotations/schema.json."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
)

ENTRY_KINDS = ("person", "organization", "event", "place", "term", "publication")
KINDS = (*ENTRY_KINDS, "note", "emendation")
SUMMARY_MAX = 200

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FieldError(ValueError):
    """A value that has the right type but cannot be right; the message reads after "'born' is '…', "."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def check_iso_date(value: str) -> str:
    match = _ISO_DATE.match(value)
    if not match:
        raise FieldError("which is not a date", 'write YYYY, YYYY-MM or YYYY-MM-DD, quoted, e.g. "1893-02-16".')
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise FieldError(f"which has no month {month}", "months run from 01 to 12: YYYY-MM-DD.")
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            days = calendar.monthrange(year, month)[1]
            raise FieldError(
                "which is not a day of the calendar",
                f"{calendar.month_name[month]} {year} has {days} days; dates are Gregorian (New Style).",
            ) from None
    return value


_URL_ESCAPES = "in an address write ( as %28, ) as %29, [ as %5B, ] as %5D and ` as %60."


def check_link_url(url: HttpUrl) -> HttpUrl:
    """An address that stays one address when the renderer writes it into a Markdown link: [title](url)."""
    text = str(url)
    depth = 0
    for char in text:
        if char in "[]`":
            raise FieldError(f"which contains '{char}'", _URL_ESCAPES)
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise FieldError("which has a ')' that closes no '('", _URL_ESCAPES)
    if depth:
        raise FieldError("which has a '(' that is never closed", _URL_ESCAPES)
    return url


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="kebab-case, unique across all annotation files; the entry's anchor"),
]
IsoDate = Annotated[
    str,
    AfterValidator(check_iso_date),
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="Gregorian date, ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD (quote it in YAML)",
    ),
]
Text = Annotated[str, StringConstraints(min_length=1)]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="Markdown; no raw HTML, no {: attribute lists }, links only to http(s) addresses or site pages"),
]


class SourceRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Text
    url: Annotated[HttpUrl, AfterValidator(check_link_url)]


Sources = Annotated[list[SourceRef], Field(min_length=1, description="sources actually read")]


class EntryBase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id
    name: Text = Field(description="the standard modern English form")
    aliases: list[Text] = Field(
        default_factory=list,
        description="the exact forms the essay uses; case-sensitive, whole words, possessive 's included",
    )
    summary: Annotated[str, StringConstraints(min_length=1, max_length=SUMMARY_MAX)] = Field(
        description="one sentence: what a reader needs at this point of the essay, as of June 1937"
    )
    note: Markdown | None = Field(default=None, description="fuller context as of the essay's date")
    after: Markdown | None = Field(default=None, description="what happened after 18 June 1937 (hindsight)")
    related: list[Id] = Field(default_factory=list)
    sources: Sources


class Person(EntryBase):
    kind: Literal["person"]
    born: IsoDate | None = None
    died: IsoDate | None = None


class Event(EntryBase):
    kind: Literal["event"]
    start: IsoDate | None = None
    end: IsoDate | None = None


class Organization(EntryBase):
    kind: Literal["organization"]


class Place(EntryBase):
    kind: Literal["place"]


class Term(EntryBase):
    kind: Literal["term"]


class Publication(EntryBase):
    kind: Literal["publication"]


class PassageNote(BaseModel):
    """A note on a passage, anchored by quotation (W3C TextQuoteSelector: exact, prefix, suffix)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["note"]
    id: Id
    quote: Text = Field(description="the exact words of the essay, as printed")
    prefix: str = Field(default="", description="words just before the quote, to tell repeats apart")
    suffix: str = Field(default="", description="words just after the quote")
    note: Markdown
    after: Markdown | None = None
    related: list[Id] = Field(default_factory=list)
    sources: Sources


class EmendationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["emendation"]
    id: Id
    sic: Text = Field(description="the source's text, exactly")
    corr: Text = Field(description="the edition's reading")
    reason: Text
    prefix: str = ""
    suffix: str = ""


Annotation = Annotated[
    Person | Organization | Event | Place | Term | Publication | PassageNote | EmendationEntry,
    Field(discriminator="kind"),
]


class AnnotationFile(BaseModel):
    """A file under annotations/: a list of entries."""

    items: list[Annotation]


def json_schema() -> dict:
    schema = AnnotationFile.model_json_schema()
    items = schema["properties"]["items"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Annotations of the edition",
        "description": "A file under annotations/: a list of entries, notes and emendations.",
        "$defs": schema["$defs"],
        **{k: v for k, v in items.items() if k != "title"},
    }
