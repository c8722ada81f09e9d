"""The site's pages by their path in the docs folder, and the links between them."""

from __future__ import annotations

import posixpath

from .model import Paragraph, Section
from .typography import attribute, escape, plain, typeset

LANDING = "index.md"


GLOSSARY = "glossary.md"


# The glossary entries' sources, on a page of their own: a glossary with them all would weigh half as much again.
GLOSSARY_SOURCES = "glossary/sources.md"


ABOUT = "about.md"


FULL_TEXT = "full-text.md"


CLAIMS = "claims.md"


BIBLIOGRAPHY = "bibliography.md"


TIMELINE = "timeline.md"


VERSIONS = "versions.md"


DOWNLOADS = "downloads.md"


def section_page(section: Section) -> str:
    return f"essay/{section.slug}.md"


def docs_file(page: str) -> str:
    """The file a page is written to in the renderer's docs folder: glossary.md -> glossary/index.md (any other
    file keeps its path).

    Each page is the index of the folder it is published as, so an address relative to the published page is
    also relative to its file, and a renderer that resolves links in raw HTML against the file's folder
    (Zensical does) and one that leaves them alone (MkDocs) publish the same links."""
    if not page.endswith(".md") or posixpath.basename(page) == "index.md":
        return page
    return page.removesuffix(".md") + "/index.md"


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one page to another, as their files lie in the docs folder."""
    return "../" * docs_file(from_page).count("/") + docs_file(to_page)


def served_path(page: str) -> str:
    """Where a page is published with directory URLs: essay/x.md -> essay/x/, index.md -> ''."""
    target = posixpath.dirname(page) if posixpath.basename(page) == "index.md" else page.removesuffix(".md")
    return target + "/" if target else ""


def published(site_url: str, page: str) -> str:
    """A page's full address where the site is published."""
    return site_url + served_path(page)


def address(from_page: str, to_page: str) -> str:
    """A relative address, as written in HTML, from one published page to another: ../glossary/."""
    return "../" * served_path(from_page).count("/") + served_path(to_page) or "./"


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
