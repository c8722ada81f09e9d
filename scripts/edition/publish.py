"""What the edition publishes beside its pages: a timeline, machine-readable exports and page metadata.

Pure functions from the edition to text or data, except postprocess_site, the one post-build pass that
reads and rewrites the built site. Nothing here depends on the renderer: the timeline is plain Markdown,
and the metadata pass works on any HTML with a <head>.
"""

from __future__ import annotations

import calendar
import html
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import render
from .model import Annotations, Entry, Essay, InputError, Paragraph, Placements, Problem

if TYPE_CHECKING:
    from .build import Edition

TIMELINE = "timeline.md"
WRITTEN = "1937-06-18"
PUBLISHED = "1937-07-03"
TIMELINE_FIRST_YEAR = 1917
TIMELINE_LAST_YEAR = 1940
PERIODICAL = "Workers Age"
ESSAY_TITLE = "The Meaning of the Soviet “Purges”"
AUTHOR = "Jay Lovestone"
EDITOR = "Tim Davenport"
LICENCE = "Non-commercial reproduction permitted."
CREDIT = f"Transcription edited by {EDITOR}, 1000 Flowers Publishing, Corvallis, OR, 2006. {LICENCE}"
SITE_NAME = "Lovestone, “The Meaning of the Soviet ‘Purges’” (1937)"  # mkdocs.yml site_name; a test keeps them equal
CONTEXT_CHARS = 32
ANNOTATIONS_FILE = "annotations.jsonld"
ENTRIES_FILE = "entries.json"
SCHEMA_FILE = "schema.json"
_MARKER = "edition:metadata"
_NAMED_KINDS = ("person", "organization", "event", "place", "publication")  # mentions of these identify a thing


# Addresses ---------------------------------------------------------------------------------------------


def paragraph_url(site_url: str, essay: Essay, paragraph_id: str) -> str:
    """A paragraph's canonical address: its section's page (as use_directory_urls publishes it) and its id."""
    page = render.section_page(essay.section_of(paragraph_id)).removesuffix(".md")
    return f"{site_url}{page}/#{paragraph_id}"


def glossary_url(site_url: str, entry_id: str) -> str:
    return f"{site_url}glossary/#{entry_id}"


def _paragraphs_mentioning(placements: Placements) -> dict[str, list[str]]:
    """Each entry's paragraphs, once each, in the order of the essay."""
    found: dict[str, list[str]] = defaultdict(list)
    for mention in placements.mentions:
        if mention.span.paragraph_id not in found[mention.entry_id]:
            found[mention.entry_id].append(mention.span.paragraph_id)
    return {key: sorted(ids, key=lambda pid: int(pid[1:])) for key, ids in found.items()}


# Timeline ------------------------------------------------------------------------------------------------


def date_bounds(value: str) -> tuple[date, date]:
    """The first and last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) may stand for."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [None, None])[:3]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


def timeline_key(value: str) -> tuple[int, int]:
    """Order by the last day a date may stand for, the more precise first: "1937" comes after every
    dated day of 1937, so a row stands above the essay's date only if it had surely happened by then."""
    first, last = date_bounds(value)
    return last.toordinal(), -first.toordinal()


@dataclass(frozen=True)
class TimelineRow:
    date: str  # ISO, possibly partial
    what: str  # "begins", "ends", "is born", "dies" or "" for a one-day event
    entry: Entry
    paragraphs: tuple[str, ...]


def timeline_rows(annotations: Annotations, placements: Placements) -> list[TimelineRow]:
    """Births, deaths, beginnings and ends from 1917 to 1940, in order (see timeline_key)."""
    mentioned = _paragraphs_mentioning(placements)
    rows = []
    for entry in annotations.entries:
        if entry.kind == "person":
            dated = [(entry.born, "is born"), (entry.died, "dies")]
        elif entry.start and entry.end and entry.start != entry.end:
            dated = [(entry.start, "begins"), (entry.end, "ends")]
        elif entry.start:
            dated = [(entry.start, "")]  # one day, or a start with no known end
        else:
            dated = [(entry.end, "ends")]
        for value, what in dated:
            if value and TIMELINE_FIRST_YEAR <= int(value[:4]) <= TIMELINE_LAST_YEAR:
                rows.append(TimelineRow(value, what, entry, tuple(mentioned.get(entry.id, ()))))
    return sorted(rows, key=lambda r: (*timeline_key(r.date), _name_key(r.entry.name), r.what))


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def render_timeline(essay: Essay, annotations: Annotations, placements: Placements) -> str:
    """The timeline page (docs path "timeline.md"): dated rows with the essay's date as the dividing line."""
    page = TIMELINE
    rows = timeline_rows(annotations, placements)
    written_last = date_bounds(WRITTEN)[1]
    before = [r for r in rows if date_bounds(r.date)[1] <= written_last]
    after = [r for r in rows if date_bounds(r.date)[1] > written_last]
    periodical = next((e for e in annotations.entries if e.name == PERIODICAL), None)
    header = ["| Date | What happened | Named in the essay |", "|---|---|---|"]
    lines = [
        "---",
        f'title: "Timeline, {TIMELINE_FIRST_YEAR}–{TIMELINE_LAST_YEAR}"',
        'description: "The people and events named in Jay Lovestone’s “The Meaning of the Soviet ‘Purges’” '
        f"(1937), dated from {TIMELINE_FIRST_YEAR} to {TIMELINE_LAST_YEAR}, with the line between what he knew "
        'and what came after."',
        "---",
        "",
        f"# Timeline, {TIMELINE_FIRST_YEAR}–{TIMELINE_LAST_YEAR}",
        "",
        f"The dates of the people and events the essay names, from the Revolution of {TIMELINE_FIRST_YEAR} to "
        f"{TIMELINE_LAST_YEAR}, as given in the [glossary]({render.GLOSSARY}). Lovestone dated the essay "
        f"{render.format_date(WRITTEN)}: everything above [that line](#lovestone-writes) was past when he wrote; "
        "everything below it came after, and he could not know it. A date known only to the month or the year "
        "stands at the end of that month or year, so nothing is set above the line unless it had certainly "
        "happened by then.",
        "",
        f"## Before the essay: {TIMELINE_FIRST_YEAR} to {render.format_date(WRITTEN)} {{ #before-the-essay }}",
        "",
        *header,
        *(_timeline_row(essay, row, page) for row in before),
        "",
        f"## — Lovestone writes ({render.format_date(WRITTEN)}) — {{ #lovestone-writes .timeline-divider }}",
        "",
        f"Lovestone dated the essay {render.format_date(WRITTEN)}; *{PERIODICAL}* printed it on "
        f"{render.format_date(PUBLISHED)} (vol. 6, no. 27, pp. 5–6). What follows is hindsight.",
        "{ .timeline-divider-note }",
        "",
        f"## After the essay: hindsight to {TIMELINE_LAST_YEAR} {{ #after-the-essay }}",
        "",
        *header,
    ]
    published = (
        f'| {render.format_date(PUBLISHED)} {{ data-date="{PUBLISHED}" .essay-date }} | '
        + (
            f"[{render.escape(periodical.name)}]({render.GLOSSARY}#{periodical.id})"
            if periodical
            else f"*{PERIODICAL}*"
        )
        + f" prints [the essay](index.md) (vol. 6, no. 27, pp. 5–6) | [the whole essay]({render.FULL_TEXT}) |"
    )
    published_key = timeline_key(PUBLISHED)
    placed = False
    for row in after:
        if not placed and timeline_key(row.date) > published_key:
            lines.append(published)
            placed = True
        lines.append(_timeline_row(essay, row, page))
    if not placed:
        lines.append(published)
    lines.append("")
    return "\n".join(lines)


def _timeline_row(essay: Essay, row: TimelineRow, page: str) -> str:
    entry = row.entry
    title = render.attribute(render.popup_title(entry))
    name = f'[{render.escape(entry.name)}]({render.relative(page, render.GLOSSARY)}#{entry.id} "{title}")'
    what = f"{name} {row.what}" if row.what else name
    where = [
        f"[¶{pid[1:]}]({render.relative(page, render.section_page(essay.section_of(pid)))}#{pid})"
        for pid in row.paragraphs
    ]
    return (
        f'| {render.format_date(row.date)} {{ data-date="{row.date}" }} | {what} | '
        f"{', '.join(where) if where else '—'} |"
    )


# The reading text ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadingText:
    """A paragraph as the reader sees it (emended, typeset), with where each source offset lands in it."""

    text: str
    starts: tuple[int, ...]  # len(source) + 1 entries: reading offset of a span starting at that source offset
    ends: tuple[int, ...]  # the same for a span ending there

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end]


def reading_text(paragraph: Paragraph, placements: Placements) -> ReadingText:
    """The words of the page, as render_paragraph sets them: emendations applied, quotes and dashes typeset."""
    source = paragraph.text
    emended = {p.span.start: (p.span.end, p.emendation.corr) for p in placements.in_paragraph(paragraph.id).emendations}
    out = ""
    starts = [0] * (len(source) + 1)
    ends = [0] * (len(source) + 1)
    i = 0
    while i < len(source):
        if i in emended:
            end, corr = emended[i]
            before = len(out)
            out += render.typeset(corr)
            for k in range(i, end):  # a span touching the emended words takes all of them
                starts[k] = before
                ends[k + 1] = len(out)
            ends[i] = before
            i = end
            continue
        starts[i] = ends[i] = len(out)
        previous = source[i - 1] if i else " "
        following = source[i + 1] if i + 1 < len(source) else " "
        out += render.typeset(source[i], previous, following)
        i += 1
    starts[len(source)] = ends[len(source)] = len(out)
    return ReadingText(out, tuple(starts), tuple(ends))


def text_quote_selector(reading: ReadingText, start: int, end: int, chars: int = CONTEXT_CHARS) -> dict:
    """A W3C TextQuoteSelector for a source span, in the words of the reading text."""
    first, last = reading.span(start, end)
    selector = {"type": "TextQuoteSelector", "exact": reading.text[first:last]}
    prefix = reading.text[max(0, first - chars) : first]
    suffix = reading.text[last : last + chars]
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


# Exports --------------------------------------------------------------------------------------------------


_RELATIVE_LINK = re.compile(r"\]\(\s*(?:\.\./)*([\w-]+)\.md(#[\w-]+)?\s*\)")


def absolute_links(markdown: str, site_url: str) -> str:
    """Rewrite links to site pages ("glossary.md#x") as the site's addresses, for use off the site."""

    def replace(match: re.Match) -> str:
        page, fragment = match.group(1), match.group(2) or ""
        address = site_url if page == "index" else f"{site_url}{page}/"
        return f"]({address}{fragment})"

    return _RELATIVE_LINK.sub(replace, markdown)


def _rights(site_url: str) -> str:
    return f"{site_url}about/#the-source"


def web_annotations(edition: Edition, site_url: str) -> dict:
    """Every mention and passage note as a W3C Web Annotation collection (JSON-LD)."""
    essay, placements = edition.essay, edition.placements
    entries = {e.id: e for e in edition.annotations.entries}
    readings = {p.id: reading_text(p, placements) for p in essay.paragraphs}
    creator = {"type": "Person", "name": EDITOR}
    items = []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for mention in sorted(placements.mentions, key=lambda m: (int(m.span.paragraph_id[1:]), m.span.start)):
        entry = entries[mention.entry_id]
        pid = mention.span.paragraph_id
        counts[(pid, entry.id)] += 1
        items.append(
            {
                "id": f"{site_url}{ANNOTATIONS_FILE}#{pid}-{entry.id}-{counts[(pid, entry.id)]}",
                "type": "Annotation",
                "motivation": "identifying" if entry.kind in _NAMED_KINDS else "linking",
                "body": {
                    "id": glossary_url(site_url, entry.id),
                    "type": "Text",
                    "format": "text/html",
                    "language": "en",
                    "label": entry.name,
                },
                "target": _target(site_url, essay, readings[pid], mention.span),
            }
        )
    for placed in sorted(placements.notes, key=lambda n: n.number):
        note = placed.note
        body = [note.note.strip()]
        if note.after:
            body.append(f"*{render.HINDSIGHT_TITLE}:* {note.after.strip()}")
        if note.related:
            body.append(
                "See also: "
                + ", ".join(f"[{render.escape(entries[r].name)}]({glossary_url(site_url, r)})" for r in note.related)
                + "."
            )
        body.append("Sources: " + "; ".join(f"[{render.escape(s.title)}]({s.url})" for s in note.sources) + ".")
        items.append(
            {
                "id": f"{site_url}{ANNOTATIONS_FILE}#{note.id}",
                "type": "Annotation",
                "motivation": "commenting",
                "creator": creator,
                "label": f"Note {placed.number}",
                "body": {
                    "type": "TextualBody",
                    "value": absolute_links("\n\n".join(body), site_url),
                    "format": "text/markdown",
                    "language": "en",
                },
                "target": _target(site_url, essay, readings[placed.span.paragraph_id], placed.span),
            }
        )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{site_url}{ANNOTATIONS_FILE}",
        "type": "AnnotationCollection",
        "label": f"Annotations on {AUTHOR}, “{_plain_title()}”, {PERIODICAL}, 3 July 1937",
        "creator": creator,
        "generator": {"id": site_url, "type": "Software", "name": SITE_NAME},
        "rights": _rights(site_url),
        "copyrightNotice": LICENCE,
        "creditText": CREDIT,
        "total": len(items),
        "first": {
            "id": f"{site_url}{ANNOTATIONS_FILE}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def _plain_title() -> str:
    return ESSAY_TITLE.replace("“", "‘").replace("”", "’")


def _target(site_url: str, essay: Essay, reading: ReadingText, span) -> dict:
    return {
        "source": paragraph_url(site_url, essay, span.paragraph_id),
        "selector": text_quote_selector(reading, span.start, span.end),
    }


def entries_json(edition: Edition, site_url: str) -> dict:
    """Every entry with all its fields, its glossary address and the paragraphs that name it."""
    mentioned = _paragraphs_mentioning(edition.placements)
    records = []
    for entry in sorted(edition.annotations.entries, key=lambda e: e.id):
        record: dict = {
            "kind": entry.kind,
            "id": entry.id,
            "name": entry.name,
            "aliases": list(entry.aliases),
            "summary": entry.summary,
            "related": list(entry.related),
            "sources": [{"title": s.title, "url": s.url} for s in entry.sources],
        }
        for key in ("born", "died", "start", "end", "note", "after"):
            value = getattr(entry, key)
            if value is not None:
                record[key] = absolute_links(value, site_url) if key in ("note", "after") else value
        record["url"] = glossary_url(site_url, entry.id)
        record["mentions"] = [paragraph_url(site_url, edition.essay, pid) for pid in mentioned.get(entry.id, ())]
        record["file"] = entry.file
        record["line"] = entry.line
        records.append(record)
    return {
        "schema": f"{site_url}{SCHEMA_FILE}",
        "about": (
            "The entries of the edition. Each entry's annotation fields follow the format described by 'schema' "
            "(a JSON Schema for an annotation file); 'url' (the glossary entry), 'mentions' (the paragraphs "
            "naming it) and 'file'/'line' (where it is written) are added by the build. Markdown links to the "
            "site are given as full addresses."
        ),
        "url": f"{site_url}{ENTRIES_FILE}",
        "essay": {
            "title": ESSAY_TITLE,
            "author": AUTHOR,
            "periodical": PERIODICAL,
            "volume": "6",
            "issue": "27",
            "pages": "5–6",
            "dateCreated": WRITTEN,
            "datePublished": PUBLISHED,
            "url": site_url,
        },
        "license": LICENCE,
        "credit": CREDIT,
        "rights": _rights(site_url),
        "entries": records,
    }


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# Page metadata --------------------------------------------------------------------------------------------


def article_json_ld(page_url: str, site_url: str | None = None) -> dict:
    """schema.org Article for the essay, for search engines and reference managers."""
    article = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": ESSAY_TITLE,
        "name": ESSAY_TITLE,
        "author": {"@type": "Person", "name": AUTHOR},
        "editor": {"@type": "Person", "name": EDITOR},
        "dateCreated": WRITTEN,
        "datePublished": PUBLISHED,
        "inLanguage": "en",
        "pageStart": "5",
        "pageEnd": "6",
        "pagination": "5-6",
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": "27",
            "datePublished": PUBLISHED,
            "isPartOf": {
                "@type": "PublicationVolume",
                "volumeNumber": "6",
                "isPartOf": {"@type": "Periodical", "name": PERIODICAL},
            },
        },
        "copyrightNotice": LICENCE,
        "creditText": CREDIT,
        "url": page_url,
        "mainEntityOfPage": page_url,
    }
    if site_url:
        article["license"] = _rights(site_url)
    return article


def head_metadata(
    page_url: str | None,
    title: str,
    description: str,
    is_essay_page: bool,
    paragraph: str | None = None,
    *,
    site_url: str | None = None,
    site_name: str = SITE_NAME,
    include_description: bool = False,
    include_canonical: bool = False,
) -> str:
    """The tags to add to a page's <head>: Open Graph on every page; on the essay's pages the Highwire
    Press tags that Zotero reads and a schema.org Article. paragraph ("p12") addresses one paragraph of
    the page. page_url None (the 404 page) leaves out every address."""
    url = f"{page_url}#{paragraph}" if page_url and paragraph else page_url
    tags: list[tuple[str, str, str]] = []  # (attribute, key, content) of <meta>
    if include_description:
        tags.append(("name", "description", description))
    tags += [
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:type", "article" if is_essay_page else "website"),
        ("property", "og:site_name", site_name),
    ]
    if url:
        tags.append(("property", "og:url", url))
    if is_essay_page:
        tags += [
            ("name", "citation_title", ESSAY_TITLE),
            ("name", "citation_author", "Lovestone, Jay"),
            ("name", "citation_publication_date", PUBLISHED.replace("-", "/")),
            ("name", "citation_journal_title", PERIODICAL),
            ("name", "citation_volume", "6"),
            ("name", "citation_issue", "27"),
            ("name", "citation_firstpage", "5"),
            ("name", "citation_lastpage", "6"),
            ("name", "citation_language", "en"),
        ]
        if url:
            tags += [("name", "citation_public_url", url), ("name", "citation_fulltext_html_url", url)]
    lines = [f"<!-- {_MARKER} -->"]
    if include_canonical and page_url:
        lines.append(f'<link rel="canonical" href="{html.escape(page_url)}">')
    lines += [f'<meta {kind}="{key}" content="{html.escape(content)}">' for kind, key, content in tags]
    if page_url is None:
        lines.append('<meta name="robots" content="noindex">')
    if is_essay_page and url:
        data = json.dumps(article_json_ld(url, site_url), sort_keys=True, ensure_ascii=False)
        data = data.replace("</", "<\\/")  # never end the script element early
        lines.append(f'<script type="application/ld+json">{data}</script>')
    lines.append(f"<!-- /{_MARKER} -->")
    return "\n".join(lines)


_BLOCK = re.compile(rf"\n?<!-- {_MARKER} -->.*?<!-- /{_MARKER} -->", re.DOTALL)


def page_url_of(relative_path: str, site_url: str) -> str | None:
    """The address of a built page from its file path; None for the 404 page, which has none."""
    if relative_path == "404.html":
        return None
    if relative_path == "index.html":
        return site_url
    if relative_path.endswith("/index.html"):
        return site_url + relative_path.removesuffix("index.html")
    return site_url + relative_path


def built_site_url(site_dir: Path) -> str | None:
    """The address a built site was made for, read from its home page's canonical link."""
    index = Path(site_dir) / "index.html"
    if not index.is_file():
        return None
    from bs4 import BeautifulSoup  # here, not at the top: `make check` never needs it

    link = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").find("link", rel="canonical")
    return link.get("href") if link else None


def essay_pages(essay: Essay) -> set[str]:
    return {"index.html", "full-text/index.html", *(f"essay/{s.slug}/index.html" for s in essay.sections)}


def postprocess_site(site_dir: Path, site_url: str, edition: Edition, site_name: str = SITE_NAME) -> None:
    """Add the head metadata to every built page and write the exports; idempotent.

    Raises InputError if a page's canonical link points elsewhere than its own address (the site was
    built for another site_url)."""
    from bs4 import BeautifulSoup

    site_dir = Path(site_dir)
    problems = []
    essays = essay_pages(edition.essay)
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        original = path.read_text(encoding="utf-8")
        text = _BLOCK.sub("", original)
        if "</head>" not in text:
            continue
        head_end = text.index("</head>")
        soup = BeautifulSoup(text[: head_end + len("</head>")], "html.parser")  # the head is all this pass edits
        if soup.head is None:
            continue
        page_url = page_url_of(name, site_url)
        canonical = soup.head.find("link", rel="canonical")
        if canonical is not None and page_url is not None and canonical.get("href") != page_url:
            problems.append(
                Problem(
                    f"site/{name}",
                    None,
                    f"the canonical link is '{canonical.get('href')}', expected '{page_url}'.",
                    "build the site with SITE_URL set to the address it is published at, ending in '/'.",
                )
            )
            continue
        description_tag = soup.head.find("meta", attrs={"name": "description"})
        description = (description_tag.get("content") if description_tag else "") or render.essay_description()
        block = head_metadata(
            page_url,
            _page_title(soup, site_name, lambda page=text: BeautifulSoup(page, "html.parser").find("h1")),
            description,
            name in essays,
            site_url=site_url,
            site_name=site_name,
            include_description=description_tag is None,
            include_canonical=canonical is None,
        )
        updated = text[:head_end].rstrip(" ") + block + "\n" + text[head_end:]
        if updated != original:
            path.write_text(updated, encoding="utf-8")
    if problems:
        raise InputError(problems)
    (site_dir / ANNOTATIONS_FILE).write_text(_dump(web_annotations(edition, site_url)), encoding="utf-8")
    (site_dir / ENTRIES_FILE).write_text(_dump(entries_json(edition, site_url)), encoding="utf-8")
    if not (site_dir / SCHEMA_FILE).exists():
        from .schema import json_schema

        (site_dir / SCHEMA_FILE).write_text(_dump(json_schema()), encoding="utf-8")


def _page_title(head, site_name: str, find_heading) -> str:
    """The page's own title, else its first heading (found only when needed: it takes parsing the body)."""
    title = head.title.get_text().strip() if head.title else ""
    title = title.removesuffix(f" - {site_name}").strip()
    if title and title != site_name:
        return title
    heading = find_heading()
    return heading.get_text(" ", strip=True) if heading else site_name
