"""The edition's data types: the parsed essay and the annotations placed on it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class TextRecord:
    """The bibliographic facts of the edited text, read from the record beside its transcription."""

    id: str
    transcription: str
    title: str  # as printed, straight quotes; typeset for display
    short_title: str
    author: str
    periodical: str
    periodical_place: str
    volume: str
    number: str
    published: str  # ISO date
    written: str  # ISO date: the date of writing, the edge of hindsight
    pages: str
    joins: int  # paragraphs the transcription cuts in two, which the build rejoins
    language: str
    description: str
    publisher_of_periodical: str
    transcriber: str
    transcription_publisher: str
    transcription_place: str
    transcription_year: str
    transcription_collection: str
    notice: str
    scans: Link


@dataclass(frozen=True)
class Contributor:
    name: str
    role: str


@dataclass(frozen=True)
class Licence:
    name: str
    id: str  # SPDX
    url: str


@dataclass(frozen=True)
class EditionRecord:
    """The edition's description of itself: who made it, its licence and version."""

    title: str
    publisher: str
    editors: tuple[Contributor, ...]
    contributors: tuple[Contributor, ...]
    version: str
    released: str  # ISO date
    licence: Licence
    licence_scope: str
    repository: str
    issues: str
    archiving: str


def paragraph_number(paragraph_id: str) -> int:
    """The number a paragraph's id carries, p17 -> 17: an id is its paragraph's number when first published,
    kept for good by manifest/paragraph-ids.json."""
    return int(paragraph_id.removeprefix("p"))


@dataclass(frozen=True)
class Join:
    """Two blocks of the transcription rejoined into one paragraph."""

    paragraph_id: str
    line: int  # line of the source where the second block starts
    first_ends: str  # last words of the first block, as printed
    second_starts: str  # first words of the second block, as printed
    dehyphenated: bool  # "un-" + "founded" -> "unfounded"


@dataclass(frozen=True)
class Paragraph:
    id: str  # "p1" ... : the paragraph's permanent address
    number: int
    text: str  # the source's words, rejoined but otherwise as printed
    line: int  # first source line


@dataclass(frozen=True)
class Section:
    slug: str
    title: str  # without the printed final full stop
    printed_heading: str | None  # the heading exactly as printed; None for the untitled opening
    paragraphs: tuple[Paragraph, ...]

    @property
    def editorial_title(self) -> bool:
        return self.printed_heading is None


@dataclass(frozen=True)
class Essay:
    title: str
    byline: str
    publication_line: str
    sections: tuple[Section, ...]
    dateline: str
    back_matter: tuple[str, ...]
    joins: tuple[Join, ...]

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    @cached_property
    def _sections_by_paragraph(self) -> dict[str, Section]:
        return {p.id: s for s in self.sections for p in s.paragraphs}

    def section_of(self, paragraph_id: str) -> Section:
        return self._sections_by_paragraph[paragraph_id]

    @cached_property
    def _paragraphs_by_id(self) -> dict[str, Paragraph]:
        return {p.id: p for p in self.paragraphs}

    def paragraph(self, paragraph_id: str) -> Paragraph:
        return self._paragraphs_by_id[paragraph_id]


@dataclass(frozen=True)
class Problem:
    """A fault in the input, reported with its place; the caller decides how to show it."""

    file: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  Hint: {self.hint}"
        return text


class InputError(Exception):
    """Raised with every problem found, so an editor sees them all at once."""

    def __init__(self, problems: list[Problem], partial: object = None):
        self.problems = problems
        self.partial = partial  # what could still be read, so later stages can report their problems too
        super().__init__("\n".join(str(p) for p in problems))


SOURCE_GROUPS = {
    "document": "Documents and press",
    "press": "Documents and press",
    "book": "Scholarship",
    "chapter": "Scholarship",
    "article": "Scholarship",
    "reference": "Reference works and web pages",
    "web": "Reference works and web pages",
}


@dataclass(frozen=True)
class Source:
    """A source as what it is: a book by author, title, year and page; a telegram; a paper's article."""

    type: str  # a key of SOURCE_GROUPS
    title: str
    author: str | None = None
    container: str | None = None  # "in": the book of a chapter, the journal, the paper, the encyclopedia, the site
    publisher: str | None = None
    place: str | None = None
    date: str | None = None  # ISO: a year for a book, the day for a paper or a telegram
    pages: str | None = None
    url: str | None = None
    via: str | None = None  # where the copy at url is kept

    @property
    def group(self) -> str:
        return SOURCE_GROUPS[self.type]


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    name: str
    summary: str
    sources: tuple[Source, ...]
    file: str
    line: int
    aliases: tuple[str, ...] = ()
    born: str | None = None
    died: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None
    after: str | None = None
    related: tuple[str, ...] = ()
    arrested: str | None = None
    announced: str | None = None  # what had been made public by the date of writing
    from_archives: str | None = None  # what only archives opened later show (hindsight)
    later_dates: tuple[tuple[str, str], ...] = ()  # (words, reason): later dates named on purpose
    death: str | None = None  # how a person died: a key of DEATHS
    start_as: str | None = None  # what an event's start was, as the timeline says it ("opens")
    end_as: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Note:
    id: str
    quote: str
    note: str
    sources: tuple[Source, ...]
    file: str
    line: int
    prefix: str = ""
    suffix: str = ""
    after: str | None = None
    related: tuple[str, ...] = ()
    later_dates: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Emendation:
    id: str
    sic: str
    corr: str
    reason: str
    file: str
    line: int
    prefix: str = ""
    suffix: str = ""


# How a person died, as the timeline says it.
DEATHS = {
    "died": "dies",
    "executed": "is executed",
    "suicide": "takes his own life",
    "assassinated": "is assassinated",
    "killed in prison": "is killed in prison",
    "died in prison": "dies in prison",
}

CLAIM_TYPES = ("fact", "allegation", "prediction", "interpretation", "judgment")
VERDICTS = {
    "fact": ("accurate", "partly accurate", "inaccurate", "unverifiable"),
    "allegation": ("substantiated", "unsubstantiated", "refuted"),
    "prediction": ("borne out", "partly borne out", "not borne out", "untestable"),
    "interpretation": ("supported", "contested", "contradicted"),
    "judgment": (),  # registered, never given a verdict of truth
}


@dataclass(frozen=True)
class Assessment:
    """What could be established about a claim at one time: by the date of writing, or now."""

    note: str
    sources: tuple[Source, ...]
    verdict: str | None = None  # None only for a judgment
    reason: str | None = None


@dataclass(frozen=True)
class Claim:
    """An assertion of the essay, anchored by quotation like a note, with what was knowable then and now."""

    id: str
    quote: str
    type: str  # one of CLAIM_TYPES
    claim: str
    then: Assessment
    now: Assessment
    file: str
    line: int
    prefix: str = ""
    suffix: str = ""
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annotations:
    entries: tuple[Entry, ...] = ()
    notes: tuple[Note, ...] = ()
    emendations: tuple[Emendation, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Span:
    """A stretch of one paragraph's text, in character offsets of Paragraph.text."""

    paragraph_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    entry_id: str
    span: Span
    text: str  # the words as printed, possessive included
    first_in_paragraph: bool


@dataclass(frozen=True)
class NotePlacement:
    note: Note
    span: Span
    number: int  # 1, 2, ... in the order of the essay


@dataclass(frozen=True)
class EmendationPlacement:
    emendation: Emendation
    span: Span


@dataclass(frozen=True)
class ClaimPlacement:
    claim: Claim
    span: Span
    number: int  # 1, 2, ... in the order of the essay


@dataclass(frozen=True)
class Placements:
    mentions: tuple[Mention, ...] = ()
    notes: tuple[NotePlacement, ...] = ()
    emendations: tuple[EmendationPlacement, ...] = ()
    claims: tuple[ClaimPlacement, ...] = ()
    unlisted_names: tuple[str, ...] = field(default=())

    @cached_property
    def _by_paragraph(self) -> dict[str, Placements]:
        kinds = ("mentions", "notes", "emendations", "claims")
        grouped: dict[str, dict[str, list]] = defaultdict(lambda: {kind: [] for kind in kinds})
        for kind in kinds:
            for placed in getattr(self, kind):
                grouped[placed.span.paragraph_id][kind].append(placed)
        return {pid: Placements(**{k: tuple(v) for k, v in kinds.items()}) for pid, kinds in grouped.items()}

    def in_paragraph(self, paragraph_id: str) -> Placements:
        """The placements on one paragraph only."""
        return self._by_paragraph.get(paragraph_id, _NOTHING)


_NOTHING = Placements()


@dataclass(frozen=True)
class Edition:
    """Everything the pages and exports are made from: the records, the text and its placed annotations."""

    text: TextRecord
    record: EditionRecord
    essay: Essay
    annotations: Annotations
    placements: Placements
