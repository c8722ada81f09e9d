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
    model_validator,
)

from .model import CLAIM_TYPES, DEATHS, SOURCE_GROUPS, VERDICTS

ENTRY_KINDS = ("person", "organization", "event", "place", "term", "publication")
KINDS = (*ENTRY_KINDS, "note", "claim", "emendation")
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


def check_one_line(value: str) -> str:
    if "\n" in value.strip():
        raise FieldError("which runs over more than one line", "write it on one line: this key takes one line of text.")
    if not value.strip():
        raise FieldError("which is blank", "write the text, or leave the key out if it is optional.")
    return value


def check_not_blank(value: str) -> str:
    if not value.strip():
        raise FieldError("which is blank", "write the text, or leave the key out if it is optional.")
    return value


Line = Annotated[str, StringConstraints(min_length=1), AfterValidator(check_one_line)]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(check_not_blank),
    Field(description="Markdown: *italics*, **bold**, [text](https://...) and links to site pages (page.md#id)"),
]
SOURCE_TYPES = tuple(SOURCE_GROUPS)
_NEEDS_URL = ("reference", "web")


class SourceRef(BaseModel):
    """A source as what it is: a book by author, title, publisher, year and page; a paper's article; a page."""

    model_config = ConfigDict(extra="forbid")
    type: Literal[SOURCE_TYPES] = Field(description="document, press, book, chapter, article, reference or web")
    title: Line
    author: Line | None = None
    in_: Line | None = Field(default=None, alias="in", description="the book, journal, paper, encyclopedia or site")
    publisher: Line | None = None
    place: Line | None = None
    date: IsoDate | None = None
    pages: Line | None = None
    url: Annotated[HttpUrl, AfterValidator(check_link_url)] | None = None
    via: Line | None = Field(default=None, description="where the copy at url is kept")

    @model_validator(mode="after")
    def _url_where_needed(self) -> SourceRef:
        if self.type in _NEEDS_URL and self.url is None:
            raise ValueError(f"a source of type {self.type} needs its url")
        return self


Sources = Annotated[list[SourceRef], Field(min_length=1, description="sources actually read")]


class LaterDate(BaseModel):
    """A sentence of the prose that names a date after the date of writing on purpose."""

    model_config = ConfigDict(extra="forbid")
    quote: Line = Field(description="the exact words holding the later date")
    reason: Line


class EntryBase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id
    name: Line = Field(description="the standard modern English form")
    aliases: list[Line] = Field(
        default_factory=list,
        description="the exact forms the essay uses; case-sensitive, whole words, possessive 's included",
    )
    summary: Annotated[
        str, StringConstraints(min_length=1, max_length=SUMMARY_MAX), AfterValidator(check_not_blank)
    ] = Field(description="one sentence: what a reader needs at this point of the essay, as of the date of writing")
    note: Markdown | None = Field(default=None, description="fuller context as of the date of writing")
    after: Markdown | None = Field(default=None, description="what happened after the date of writing (hindsight)")
    related: list[Id] = Field(default_factory=list)
    sources: Sources
    later_dates: list[LaterDate] = Field(default_factory=list)


class Person(EntryBase):
    kind: Literal["person"]
    born: IsoDate | None = None
    died: IsoDate | None = None
    arrested: IsoDate | None = None
    death: Literal[tuple(DEATHS)] | None = Field(default=None, description="how he or she died, for the timeline")
    announced: Markdown | None = Field(default=None, description="what had been made public by the date of writing")
    from_archives: Markdown | None = Field(default=None, description="what only archives opened later show")


class Event(EntryBase):
    kind: Literal["event"]
    start: IsoDate | None = None
    end: IsoDate | None = None
    start_as: Line | None = Field(default=None, description="what the start was, for the timeline: 'opens'")
    end_as: Line | None = Field(default=None, description="what the end was, for the timeline: 'closes'")
    announced: Markdown | None = Field(default=None, description="what had been made public by the date of writing")
    from_archives: Markdown | None = Field(default=None, description="what only archives opened later show")


class Organization(EntryBase):
    kind: Literal["organization"]


class Place(EntryBase):
    kind: Literal["place"]


class Term(EntryBase):
    kind: Literal["term"]


class Publication(EntryBase):
    kind: Literal["publication"]


class Anchored(BaseModel):
    """Anchored by quotation (W3C TextQuoteSelector: exact, prefix, suffix)."""

    model_config = ConfigDict(extra="forbid")
    id: Id
    quote: Line = Field(description="the exact words of the essay, as printed")
    prefix: str = Field(default="", description="words just before the quote, to tell repeats apart")
    suffix: str = Field(default="", description="words just after the quote")
    related: list[Id] = Field(default_factory=list)


class PassageNote(Anchored):
    kind: Literal["note"]
    note: Markdown
    after: Markdown | None = None
    sources: Sources
    later_dates: list[LaterDate] = Field(default_factory=list)


class AssessmentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verdict: str | None = Field(default=None, description="from the scale of the claim's type; none for a judgment")
    reason: Line | None = Field(default=None, description="the verdict's reason, in a sentence")
    note: Markdown
    sources: Sources


class ClaimEntry(Anchored):
    kind: Literal["claim"]
    type: Literal[CLAIM_TYPES] = Field(description="fact, allegation, prediction, interpretation or judgment")
    claim: Line = Field(description="what the essay asserts here, in a sentence")
    then: AssessmentEntry = Field(description="what a careful reader could establish by the date of writing")
    now: AssessmentEntry = Field(description="what scholarship says now (hindsight)")

    @model_validator(mode="after")
    def _verdicts_on_the_scale(self) -> ClaimEntry:
        scale = VERDICTS[self.type]
        for when in ("then", "now"):
            verdict = getattr(self, when).verdict
            if not scale and verdict is not None:
                raise ValueError(f"a judgment is registered, not given a verdict: remove the verdict of '{when}'")
            if scale and verdict not in scale:
                given = f"'{verdict}'" if verdict else "missing"
                raise ValueError(f"the verdict of '{when}' is {given}; a {self.type} takes one of: {', '.join(scale)}")
            if scale and getattr(self, when).reason is None:
                raise ValueError(f"the verdict of '{when}' needs its reason, in a sentence")
        return self


class EmendationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["emendation"]
    id: Id
    sic: Line = Field(description="the source's text, exactly")
    corr: Line = Field(description="the edition's reading")
    reason: Line
    prefix: str = ""
    suffix: str = ""


Annotation = Annotated[
    Person | Organization | Event | Place | Term | Publication | PassageNote | ClaimEntry | EmendationEntry,
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
        "description": "A file under annotations/: a list of entries, notes, claims and emendations.",
        "$defs": schema["$defs"],
        **{k: v for k, v in items.items() if k != "title"},
    }
