"""The whole site as the generator writes it: every page with its metadata, the generated parts of the
hand-written pages, the anchors each page has, and the preview's error banner."""

from __future__ import annotations

import html
import json

from .bibliography import BIBLIOGRAPHY_GROUPS, render_bibliography
from .dates import format_date, us_date
from .metadata import citation_parts, page_metadata
from .model import Edition
from .pages import (
    ABOUT,
    BIBLIOGRAPHY,
    CLAIMS,
    FULL_TEXT,
    GLOSSARY,
    GLOSSARY_SOURCES,
    LANDING,
    TIMELINE,
    VERSIONS,
    published,
    relative,
    section_page,
    served_path,
)
from .publish import render_timeline
from .register import CLAIM_HEADINGS, render_claims_page
from .render import (
    KIND_HEADINGS,
    display_title,
    essay_description,
    print_address,
    publication_line,
    render_counts,
    render_emendations_table,
    render_full_text,
    render_glossary,
    render_glossary_sources,
    render_headings_list,
    render_joins_table,
    render_landing,
    render_section,
)
from .typography import escape, plain, quoted_title


def render_site_pages(edition: Edition, site_url: str) -> dict[str, str]:

    entries = {e.id: e for e in edition.annotations.entries}
    pages = {
        LANDING: render_landing(edition),
        FULL_TEXT: render_full_text(edition, entries, site_url),
        GLOSSARY: render_glossary(edition),
        GLOSSARY_SOURCES: render_glossary_sources(edition),
        CLAIMS: render_claims_page(edition),
        BIBLIOGRAPHY: render_bibliography(edition),
        TIMELINE: render_timeline(edition),
    }
    for section in edition.essay.sections:
        pages[section_page(section)] = render_section(edition, section, entries)
    return {page: with_metadata(edition, page, text, site_url) for page, text in pages.items()}


def _front_value(value: str) -> str:
    """A one-line value of front matter: this module writes them as JSON strings, pages may leave them plain."""
    value = value.strip()
    return json.loads(value) if value.startswith('"') else value


def with_metadata(edition: Edition, page: str, markdown_page: str, site_url: str) -> str:
    """Add the page's metadata to the front matter this module wrote (its title and description lines)."""
    if markdown_page.startswith("---\n"):
        head, _, body = markdown_page.removeprefix("---\n").partition("\n---\n")
    else:
        head, body = "", markdown_page
    fields = dict(line.split(": ", 1) for line in head.splitlines() if line[:1].isalpha() and ": " in line)
    heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
    title = _front_value(fields.get("title", "")) or heading or display_title(edition.essay)
    description = _front_value(fields.get("description", "")) or essay_description(edition.text)
    data = page_metadata(edition, page, title, description, site_url)
    extra = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items() if value is not None]
    body = with_print_address(edition, page, body, site_url)
    return "---\n" + (head + "\n" if head else "") + "\n".join(extra) + "\n---\n" + body


def with_print_address(edition: Edition, page: str, body: str, site_url: str) -> str:
    """The page's address for paper under its title (or first, where the renderer supplies the title)."""
    section = next((s for s in edition.essay.sections if section_page(s) == page), None)
    line = print_address(published(site_url, page), section.paragraphs[0] if section else None)
    lines = body.split("\n")
    at = next((i + 1 for i, text in enumerate(lines) if text.startswith("# ")), 0)
    following = lines[at:] if lines[at:] and not lines[at].strip() else ["", *lines[at:]]
    return "\n".join([*lines[:at], "", line, *following])


def includes(edition: Edition, page: str) -> dict[str, str]:
    """Generated parts of a hand-written page (its path in the docs folder), by the name an
    <!-- edition: name --> line gives."""
    essay, placements = edition.essay, edition.placements
    return {
        "joins": render_joins_table(essay, page),
        "emendations": render_emendations_table(essay, placements, page),
        "headings": render_headings_list(essay, page),
        "counts": f"In all: {render_counts(edition)}.",
        "text": render_text_description(edition),
        "edition": render_edition_description(edition, page),
        "citation": render_citation_example(edition, page),
    }


def render_text_description(edition: Edition) -> str:
    text = edition.text
    return (
        f"This is an annotated edition of {escape(text.author)}, {escape(quoted_title(text))}, {publication_line(text)}"
        f" The essay is dated at its end {format_date(text.written)}. *{escape(text.periodical)}* was the weekly"
        f" of the {escape(text.publisher_of_periodical)}. The text is {escape(text.transcriber)}’s transcription"
        f" ({escape(text.transcription_publisher)}, {escape(text.transcription_place)},"
        f" {escape(text.transcription_year)}) for the *{escape(text.transcription_collection)}* collection, whose"
        f" notice reads: “{plain(text.notice)}” The edition keeps that notice and credit on every page and in"
        " every export."
    )


def render_edition_description(edition: Edition, page: str) -> str:
    """The edition's own bibliographic description, contributors, licence, version and contact."""
    record = edition.record
    people = [
        f"{escape(c.name)}, {escape(c.role[0].lower() + c.role[1:])}" for c in (*record.editors, *record.contributors)
    ]
    return "\n".join(
        [
            "## The edition",
            "",
            f"*{plain(record.title)}*, version {escape(record.version)}, released {format_date(record.released)},"
            f" published by {escape(record.publisher)}. Made by {'; '.join(people)}.",
            "",
            f"**Licence.** {plain(record.licence_scope)} It is published under the"
            f" [{escape(record.licence.name)}]({record.licence.url}) licence ({escape(record.licence.id)}): you may"
            " share and adapt it for any purpose if you credit the edition.",
            "",
            f"**Source and contact.** The edition is made from its public repository, <{record.repository}>; to"
            f" report an error or suggest a correction, open an issue at <{record.issues}>.",
            "",
            f"**Archiving and identifiers.** {plain(record.archiving)} Every paragraph has a permanent address,"
            f" and every release records what it said ([Versions]({relative(page, VERSIONS)})); `CITATION.cff` in the"
            " repository"
            " gives the citation of the edition itself.",
        ]
    )


def render_citation_example(edition: Edition, page: str) -> str:
    """A paragraph's citation as the Cite control makes it, for the paragraph in the middle of the essay."""
    parts = citation_parts(edition)
    paragraph = edition.essay.paragraphs[len(edition.essay.paragraphs) // 2]
    section = edition.essay.section_of(paragraph.id)
    address = f"{served_path(section_page(section))}#{paragraph.id}"
    return (
        f"> {escape(parts['author'])}, “{escape(parts['title'])},” *{escape(parts['journal'])}*"
        f" {escape(parts['issue'])}, ¶{paragraph.number}, in *{escape(parts['edition'])}*,"
        f" version {escape(parts['version'])}, [{address}]({relative(page, section_page(section))}#{paragraph.id})"
        f" (accessed {us_date(edition.record.released)})."
    )


def page_anchors(edition: Edition) -> dict[str, set[str]]:
    """The anchors each page of the site has that editors' links may name."""
    essay, annotations = edition.essay, edition.annotations
    every_paragraph = {p.id for p in essay.paragraphs}
    anchors = {
        LANDING: set(),
        FULL_TEXT: every_paragraph | {s.slug for s in essay.sections},
        GLOSSARY: {e.id for e in annotations.entries} | set(KIND_HEADINGS),
        GLOSSARY_SOURCES: {f"sources-{e.id}" for e in annotations.entries if e.sources},
        CLAIMS: {c.id for c in annotations.claims} | set(CLAIM_HEADINGS) | {f"claims-{s.slug}" for s in essay.sections},
        BIBLIOGRAPHY: set(BIBLIOGRAPHY_GROUPS),
        TIMELINE: set(),
        ABOUT: {e.id for e in annotations.emendations},
    }
    for section in essay.sections:
        anchors[section_page(section)] = {p.id for p in section.paragraphs}
    return anchors


def editor_texts(edition: Edition):
    """(item, key, Markdown, the pages it is shown on) for every Markdown field an editor wrote."""
    placements = edition.placements
    for entry in edition.annotations.entries:
        for key in ("note", "after", "announced", "from_archives"):
            if getattr(entry, key):
                yield entry, key, getattr(entry, key), [GLOSSARY]
    for placed in placements.notes:
        pages = [section_page(edition.essay.section_of(placed.span.paragraph_id)), FULL_TEXT]
        for key in ("note", "after"):
            if getattr(placed.note, key):
                yield placed.note, key, getattr(placed.note, key), pages
    for placed in placements.claims:  # a claim's discussion is on its card in the register
        yield placed.claim, "then", placed.claim.then.note, [CLAIMS]
        yield placed.claim, "now", placed.claim.now.note, [CLAIMS]


def with_problem_banner(pages: dict[str, bytes], problems: list[str]) -> dict[str, bytes]:
    """The last good pages, each with a banner that lists what is wrong: the live preview's error overlay."""
    items = "".join(f"<li><pre>{html.escape(p, quote=False)}</pre></li>" for p in problems)
    banner = (
        '<div class="admonition failure edition-problems" role="alert">\n'
        f'<p class="admonition-title">The edition has {len(problems)} problem(s); this page is the last good one.</p>\n'
        f"<ol>{items}</ol>\n</div>\n\n"
    ).encode()
    shown = {}
    for name, data in pages.items():
        if name.endswith(".md"):
            head, separator, body = data.partition(b"\n---\n") if data.startswith(b"---\n") else (b"", b"", data)
            data = head + separator + banner + body
        shown[name] = data
    return shown
