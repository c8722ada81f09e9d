"""The site's pages by their path in the docs folder, and the links between them."""

from __future__ import annotations

from . import markup
from .model import Paragraph, Section
from .typography import attribute, escape, plain, typeset

GLOSSARY = "glossary.md"


ABOUT = "about.md"


FULL_TEXT = "full-text.md"


CLAIMS = "claims.md"


BIBLIOGRAPHY = "bibliography.md"


TIMELINE = "timeline.md"


def section_page(section: Section) -> str:
    return f"essay/{section.slug}.md"


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one page to another, both relative to the docs folder."""
    depth = from_page.count("/")
    return "../" * depth + to_page


def _depth(page: str) -> int:
    return markup.served_path(page).count("/")


# Search (edition/search.py) indexes each passage (a paragraph, a note, an entry, a claim) as a record of its
# own: an element with an id that carries passage_marks(); an INDEXED element without an id continues the passage
# before it (a glossary entry's facts and body). What carries UNINDEXED stays out of the index: numbers and marks
# that would glue to the words, and the sources (a title in a citation is not what a passage is about).
INDEXED = 'data-pagefind-body=""'


TEXT_WEIGHT = 10


UNINDEXED = 'data-pagefind-ignore="all"'


def paragraph_title(paragraph: Paragraph, section: Section) -> str:
    """A paragraph's title in search results: ¶17 · Self-Indicting Accusers."""
    return typeset(f"¶{paragraph.number} · {_title(section)}")


def passage_marks(kind: str, title: str) -> str:
    """The attributes that make an element with an id a passage of the index: its kind (paragraph, note, entry,
    claim) and the title of its result."""
    return f'{INDEXED} data-passage="{kind}" data-pagefind-meta="title:{attribute(title)}"'


def section_heading(section: Section) -> str:
    return f"\\[{escape(section.title)}\\]" if section.editorial_title else plain(section.title)


def _title(section: Section) -> str:
    return f"[{section.title}]" if section.editorial_title else section.title
