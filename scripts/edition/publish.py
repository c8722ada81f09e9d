"""What the edition publishes beside its pages: a timeline, machine-readable exports and page metadata.

Pure functions from the edition to text or data, except postprocess_site, the one post-build pass that
reads and rewrites the built site. Nothing here depends on the renderer: the timeline is plain Markdown,
and the metadata pass works on any HTML with a <head>.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from . import dates, pages, render, typography
from .metadata import credit
from .model import DEATHS, Annotations, Edition, Entry, Essay, Placements, paragraph_number

TIMELINE = pages.TIMELINE
TIMELINE_FIRST_YEAR = 1917
TIMELINE_LAST_YEAR = 1940
# mkdocs.yml's default site_url; a test keeps the two equal.
DEFAULT_SITE_URL = "https://lovestone-edition.github.io/meaning-of-the-soviet-purges/"
CONTEXT_CHARS = 32
ANNOTATIONS_FILE = "annotations.jsonld"
ENTRIES_FILE = "entries.json"
SCHEMA_FILE = "schema.json"
PARAGRAPHS_FILE = "paragraphs.json"
_NAMED_KINDS = ("person", "organization", "event", "place", "publication")  # mentions of these identify a thing


# Addresses ---------------------------------------------------------------------------------------------


def paragraph_url(site_url: str, essay: Essay, paragraph_id: str) -> str:
    """A paragraph's canonical address: its section's page (as use_directory_urls publishes it) and its id."""
    page = pages.section_page(essay.section_of(paragraph_id)).removesuffix(".md")
    return f"{site_url}{page}/#{paragraph_id}"


def glossary_url(site_url: str, entry_id: str) -> str:
    return f"{site_url}glossary/#{entry_id}"


def _paragraphs_mentioning(placements: Placements) -> dict[str, list[str]]:
    """Each entry's paragraphs, once each, in the order of the essay."""
    found: dict[str, list[str]] = defaultdict(list)
    for mention in placements.mentions:
        if mention.span.paragraph_id not in found[mention.entry_id]:
            found[mention.entry_id].append(mention.span.paragraph_id)
    return {key: sorted(ids, key=paragraph_number) for key, ids in found.items()}


# Timeline ------------------------------------------------------------------------------------------------


date_bounds = dates.bounds
timeline_key = dates.sort_key


@dataclass(frozen=True)
class TimelineRow:
    date: str  # ISO, possibly partial
    what: str  # "begins", "ends", "is born", "dies" or "" for a one-day event
    entry: Entry
    paragraphs: tuple[str, ...]


def timeline_rows(annotations: Annotations, placements: Placements) -> list[TimelineRow]:
    """Births, deaths, beginnings and ends from 1917 to 1940, in order (see timeline_key), each in the
    words its entry gives (executed, shot himself, opens, closes), or else the plainest."""
    mentioned = _paragraphs_mentioning(placements)
    rows = []
    for entry in annotations.entries:
        if entry.kind == "person":
            dated = [(entry.born, "is born"), (entry.died, DEATHS[entry.death or "died"])]
        elif entry.start and entry.end and entry.start != entry.end:
            dated = [(entry.start, entry.start_as or "begins"), (entry.end, entry.end_as or "ends")]
        elif entry.start:
            dated = [(entry.start, entry.start_as or "")]  # one day, or a start with no known end
        else:
            dated = [(entry.end, entry.end_as or "ends")]
        for value, what in dated:
            if value and TIMELINE_FIRST_YEAR <= int(value[:4]) <= TIMELINE_LAST_YEAR:
                rows.append(TimelineRow(value, what, entry, tuple(mentioned.get(entry.id, ()))))
    return sorted(rows, key=lambda r: (*timeline_key(r.date), _name_key(r.entry.name), r.what))


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def render_timeline(edition: Edition) -> str:
    """The timeline page (docs path "timeline.md"): dated rows with the essay's date as the dividing line."""
    essay, annotations, placements, text = edition.essay, edition.annotations, edition.placements, edition.text
    WRITTEN, PUBLISHED, PERIODICAL = text.written, text.published, text.periodical  # noqa: N806
    author = text.author.rpartition(" ")[2]
    issue = f"vol. {text.volume}, no. {text.number}, pp. {text.pages}"
    page = TIMELINE
    rows = timeline_rows(annotations, placements)
    written_last = date_bounds(WRITTEN)[1]
    before = [r for r in rows if date_bounds(r.date)[1] <= written_last]
    after = [r for r in rows if date_bounds(r.date)[1] > written_last]
    periodical = next((e for e in annotations.entries if e.name == PERIODICAL), None)
    header = ["| Date | What happened | Named in the essay |", "|---|---|---|"]
    first_year, last_year = (rows[0].date[:4], rows[-1].date[:4]) if rows else (TIMELINE_FIRST_YEAR, TIMELINE_LAST_YEAR)
    title = f"Timeline, {first_year}–{last_year}"
    description = (
        f"The people and events named in {text.author}’s {typography.quoted_title(text)}, dated from {first_year}"
        f" to {last_year}, with the line between what he knew and what came after."
    )
    lines = [
        "---",
        f"title: {typography.yaml_string(title)}",
        f"description: {typography.yaml_string(description)}",
        "---",
        "",
        f"# {title}",
        "",
        f"The dates of the people and events the essay names, from {first_year} to "
        f"{last_year}, as given in the [glossary]({pages.relative(page, pages.GLOSSARY)}). {author} dated the essay "
        f"{render.format_date(WRITTEN)}: everything above [that line](#lovestone-writes) was past when he wrote; "
        "everything below it came after, and he could not know it. A date known only to the month or the year "
        "stands at the end of that month or year, so nothing is set above the line unless it had certainly "
        "happened by then.",
        "",
        f"## Before the essay: {first_year} to {render.format_date(WRITTEN)} {{ #before-the-essay }}",
        "",
        *header,
        *(_timeline_row(essay, row, page) for row in before),
        "",
        f"## — {author} writes ({render.format_date(WRITTEN)}) — {{ #lovestone-writes .timeline-divider }}",
        "",
        f"{author} dated the essay {render.format_date(WRITTEN)}; *{PERIODICAL}* printed it on "
        f"{render.format_date(PUBLISHED)} ({issue}). What follows is hindsight.",
        "{ .timeline-divider-note }",
        "",
        f"## After the essay: hindsight to {last_year} {{ #after-the-essay }}",
        "",
        *header,
    ]
    published = (
        f'| {render.format_date(PUBLISHED)} {{ data-date="{PUBLISHED}" .essay-date }} | '
        + (
            f"[{typography.escape(periodical.name)}]({pages.relative(page, pages.GLOSSARY)}#{periodical.id})"
            if periodical
            else f"*{PERIODICAL}*"
        )
        + f" prints [the essay]({pages.relative(page, pages.LANDING)}) ({issue}) |"
        + f" [the whole essay]({pages.relative(page, pages.FULL_TEXT)}) |"
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
    title = typography.attribute(render.popup_title(entry))
    name = f'[{typography.escape(entry.name)}]({pages.relative(page, pages.GLOSSARY)}#{entry.id} "{title}")'
    # "opens in Moscow" continues the name; "the eight commanders are shot" has a subject of its own.
    own_subject = row.what[:1].isupper() or row.what.split(" ", 1)[0] in ("the", "its", "his", "her")
    what = f"{name}{': ' if own_subject else ' '}{row.what}" if row.what else name
    where = [
        f"[¶{paragraph_number(pid)}]({pages.relative(page, pages.section_page(essay.section_of(pid)))}#{pid})"
        "{ .paragraph-ref }"
        for pid in row.paragraphs
    ]
    return (
        f'| {render.format_date(row.date)} {{ data-date="{row.date}" }} | {what} | '
        f"{', '.join(where) if where else '—'} |"
    )


# The reading text ---------------------------------------------------------------------------------------


def text_quote_selector(reading: typography.ReadingText, start: int, end: int, chars: int = CONTEXT_CHARS) -> dict:
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
    readings = {p.id: typography.reading_text(p, placements) for p in essay.paragraphs}
    text = edition.text
    creator = {"type": "Organization", "name": edition.record.publisher}
    items = []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for mention in sorted(placements.mentions, key=lambda m: (paragraph_number(m.span.paragraph_id), m.span.start)):
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
            body.append(f"*{render.hindsight_title(edition.text)}:* {note.after.strip()}")
        related = note.related
        if related:
            body.append(
                "See also: "
                + ", ".join(
                    f"[{typography.escape(entries[r].name)}]({glossary_url(site_url, r)})" for r in note.related
                )
                + "."
            )
        body.append("Sources: " + "; ".join(_source_text(s) for s in note.sources) + ".")
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
    for placed in edition.placements.claims:
        claim = placed.claim
        assessed = [
            f"{when.capitalize()}: {a.verdict or 'no verdict'}. {a.reason or ''} {a.note.strip()}"
            for when, a in (("then", claim.then), ("now", claim.now))
        ]
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": claim.claim,
            "reviewRating": {"@type": "Rating", "alternateName": claim.now.verdict or "not assessed"},
            "url": f"{site_url}claims/#{claim.id}",
        }
        items.append(
            {
                "id": f"{site_url}{ANNOTATIONS_FILE}#{claim.id}",
                "type": "Annotation",
                "motivation": "assessing",
                "creator": creator,
                "label": f"Claim {placed.number} ({claim.type})",
                "body": [
                    {"type": "TextualBody", "value": "\n\n".join(assessed), "format": "text/markdown"},
                    {"type": "TextualBody", "purpose": "classifying", "value": claim.type},
                    {"type": "Dataset", "format": "application/ld+json", "value": review},
                ],
                "target": _target(site_url, essay, readings[placed.span.paragraph_id], placed.span),
            }
        )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{site_url}{ANNOTATIONS_FILE}",
        "type": "AnnotationCollection",
        "label": f"Annotations on {text.author}, “{_plain_title(edition)}”, {text.periodical},"
        f" {dates.format_date(text.published)}",
        "creator": creator,
        "generator": {"id": site_url, "type": "Software", "name": edition.record.title},
        "rights": _rights(site_url),
        "copyrightNotice": text.notice,
        "creditText": credit(edition),
        "license": edition.record.licence.url,
        "total": len(items),
        "first": {
            "id": f"{site_url}{ANNOTATIONS_FILE}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def _plain_title(edition: Edition) -> str:
    return typography.typeset(edition.text.title).replace("“", "‘").replace("”", "’")


def _target(site_url: str, essay: Essay, reading: typography.ReadingText, span) -> dict:
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
            "sources": [_source_record(s) for s in entry.sources],
        }
        for key in ("born", "died", "arrested", "start", "end", "note", "after", "announced", "from_archives"):
            value = getattr(entry, key)
            if value is not None:
                record[key] = absolute_links(value, site_url) if key in render.MARKDOWN_KEYS else value
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
            "title": typography.typeset(edition.text.title),
            "author": edition.text.author,
            "periodical": edition.text.periodical,
            "volume": edition.text.volume,
            "issue": edition.text.number,
            "pages": edition.text.pages,
            "dateCreated": edition.text.written,
            "datePublished": edition.text.published,
            "url": site_url,
        },
        "license": edition.text.notice,
        "credit": credit(edition),
        "rights": _rights(site_url),
        "entries": records,
    }


def _source_text(source) -> str:
    who = f"{source.author}, " if source.author else ""
    where = f", {source.container}" if source.container else ""
    link = f" <{source.url}>" if source.url else ""
    return f"{who}{source.title}{where}{', ' + source.date if source.date else ''}{link}"


def _source_record(source) -> dict:
    fields = ("type", "author", "title", "container", "publisher", "place", "date", "pages", "url", "via")
    record = {key: getattr(source, key) for key in fields if getattr(source, key)}
    if "container" in record:
        record["in"] = record.pop("container")
    return record


def paragraphs_json(edition: Edition) -> dict:
    """Every paragraph by number: its address on its section page, its title in search results and its first
    words. The search box finds "¶17" or "p17" here, not in the index of words."""
    essay = edition.essay
    return {
        str(paragraph.number): {
            "url": f"{pages.served_path(pages.section_page(essay.section_of(paragraph.id)))}#{paragraph.id}",
            "title": pages.paragraph_title(paragraph, essay.section_of(paragraph.id)),
            "opening": _opening(typography.reading_text(paragraph, edition.placements).text),
        }
        for paragraph in essay.paragraphs
    }


def _opening(text: str, count: int = 24) -> str:
    """The first words of a paragraph as the reading text gives them: emended and typeset."""
    words = typography.typeset(text).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def exports(edition: Edition, site_url: str) -> dict[str, bytes]:
    """The open data, as static files beside the pages: every renderer copies them as they are."""
    from .schema import json_schema

    return {
        ANNOTATIONS_FILE: _dump(web_annotations(edition, site_url)).encode("utf-8"),
        ENTRIES_FILE: _dump(entries_json(edition, site_url)).encode("utf-8"),
        SCHEMA_FILE: _dump(json_schema()).encode("utf-8"),
        PARAGRAPHS_FILE: _dump(paragraphs_json(edition)).encode("utf-8"),
    }
