"""The reading text and the edition's apparatus as XHTML fragments, shared by the EPUB and the print edition.

Each fragment is well-formed XML (no named entities), so it can sit inside an EPUB's XHTML as it is and
be read by WeasyPrint's HTML parser alike. Where the two differ (a footnote in the EPUB, an endnote in
print; a link to another file or to the same page) the caller says so through Addresses and a note
marker. Pure functions: no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .inline import Mark, Node, nest
from .model import (
    Annotations,
    EditionRecord,
    Entry,
    Essay,
    Note,
    NotePlacement,
    Paragraph,
    Placements,
    Section,
    Source,
    TextRecord,
    paragraph_number,
)
from .render import KIND_HEADINGS, format_date, life_dates, sort_key
from .richtext import markdown_xhtml, site_link
from .typography import reading_text, typeset

HINDSIGHT_TITLE = "Hindsight: after the essay was written"


@dataclass(frozen=True)
class Addresses:
    """Where links lead in one export: a paragraph, an entry of the glossary, an emendation in the apparatus."""

    paragraph: Callable[[str], str]
    entry: Callable[[str], str]
    emendation: Callable[[str], str]


SAME_DOCUMENT = Addresses(lambda pid: f"#{pid}", lambda eid: f"#{eid}", lambda eid: f"#{eid}")


def text(value: str) -> str:
    """Plain text from the records or the source, typeset and escaped for XHTML."""
    return escape(typeset(value), quote=False)


def section_title(section: Section) -> str:
    """The heading as the edition gives it: the editors' own title in square brackets."""
    return f"[{section.title}]" if section.editorial_title else section.title


# The reading text --------------------------------------------------------------------------------------


def paragraph_html(
    paragraph: Paragraph, placements: Placements, addresses: Addresses, note_marker: Callable[[NotePlacement], str]
) -> str:
    """A paragraph's words as the reader sees them (emended, typeset), its first mention of each entry a link,
    each emendation a link to its line of the apparatus, each note's marker right after its quoted words."""
    here = placements.in_paragraph(paragraph.id)
    reading = reading_text(paragraph, placements)
    marks = []
    for placed in here.emendations:
        start, end = reading.span(placed.span.start, placed.span.end)
        marks.append(Mark(start, end, "emendation", placed.emendation, atomic=True))
    for mention in here.mentions:
        if mention.first_in_paragraph:
            start, end = reading.span(mention.span.start, mention.span.end)
            marks.append(Mark(start, end, "mention", mention.entry_id))
    for placed in here.notes:
        end = reading.ends[placed.span.end]
        marks.append(Mark(end, end, "note-end", placed))
    tree, _ = nest(reading.text, marks)
    return _html(tree, addresses, note_marker)


def _html(node: Node, addresses: Addresses, note_marker: Callable[[NotePlacement], str]) -> str:
    out = []
    for child in node.children:
        if isinstance(child, str):
            out.append(escape(child, quote=False))
            continue
        mark = child.mark
        inner = _html(child, addresses, note_marker)
        if mark.kind == "emendation":
            emendation = mark.value
            title = escape(typeset(f"Emended: the source reads “{emendation.sic}”."))
            href = escape(addresses.emendation(emendation.id))
            out.append(f'<a class="emendation" href="{href}" title="{title}">{inner}</a>')
        elif mark.kind == "mention":
            out.append(f'<a class="mention" href="{escape(addresses.entry(mark.value))}">{inner}</a>')
        elif mark.kind == "note-end":
            out.append(note_marker(mark.value))
    return "".join(out)


def note_html(note: Note, entries: dict[str, Entry], addresses: Addresses) -> str:
    """A passage note's body: the note, its hindsight set apart, related entries and sources."""
    parts = [_markdown(note.note, addresses)]
    if note.after:
        parts.append(f'<div class="hindsight"><p class="label">{text(HINDSIGHT_TITLE)}</p>')
        parts.append(_markdown(note.after, addresses) + "</div>")
    if note.related:
        links = ", ".join(f'<a href="{escape(addresses.entry(r))}">{text(entries[r].name)}</a>' for r in note.related)
        parts.append(f'<p class="related">See also: {links}.</p>')
    parts.append(sources_html(note.sources))
    return "".join(parts)


def _markdown(markdown: str, addresses: Addresses) -> str:
    return markdown_xhtml(markdown, lambda href: _entry_link(href, addresses))


def _entry_link(href: str, addresses: Addresses) -> str:
    marker = "\0"
    linked = site_link(href, marker)
    return addresses.entry(linked[1:]) if linked.startswith(marker) else linked


def source_html(source: Source) -> str:
    """A source as a reference: author, title (italic if it stands alone, quoted if in a container), where."""
    title = text(source.title)
    title = f"“{title}”" if source.container else f"<i>{title}</i>"
    if source.url:
        title = f'<a href="{escape(source.url)}">{title}</a>'
    parts = [text(source.author) + ", " if source.author else "", title]
    if source.container:
        parts.append(f", in <i>{text(source.container)}</i>")
    imprint = ", ".join(text(v) for v in (source.place, source.publisher) if v)
    if source.date:
        imprint = f"{imprint}, {text(format_date(source.date))}" if imprint else text(format_date(source.date))
    if imprint:
        parts.append(f" ({imprint})")
    if source.pages:
        parts.append(f", {text(source.pages)}")
    if source.via:
        parts.append(f"; copy: {text(source.via)}")
    return "".join(parts)


def sources_html(sources: tuple[Source, ...]) -> str:
    if not sources:
        return ""
    items = "".join(f"<li>{source_html(s)}</li>" for s in sources)
    return f'<div class="sources"><p class="label">Sources</p><ul>{items}</ul></div>'


# Glossary ---------------------------------------------------------------------------------------------


def glossary_html(
    essay: Essay, annotations: Annotations, placements: Placements, addresses: Addresses, level: int
) -> str:
    """Every entry, by kind and alphabetically, with what it was in June 1937, the hindsight set apart, its
    sources and the paragraphs that name it. level: the heading level of the kinds (entries one below)."""
    entries = {e.id: e for e in annotations.entries}
    named: dict[str, list[str]] = defaultdict(list)
    for mention in placements.mentions:
        if mention.span.paragraph_id not in named[mention.entry_id]:
            named[mention.entry_id].append(mention.span.paragraph_id)
    numbers = {p.id: p.number for p in essay.paragraphs}
    out = []
    for kind, heading in KIND_HEADINGS.items():
        of_kind = sorted((e for e in annotations.entries if e.kind == kind), key=sort_key)
        if not of_kind:
            continue
        out.append(f'<section class="kind" id="kind-{kind}"><h{level}>{text(heading)}</h{level}>')
        for entry in of_kind:
            out.append(_entry_html(entry, entries, named.get(entry.id, []), numbers, addresses, level + 1))
        out.append("</section>")
    return "".join(out)


def _entry_html(entry: Entry, entries, named: list[str], numbers: dict[str, int], addresses, level: int) -> str:
    facts = [entry.kind]
    if life_dates(entry):
        facts.append(life_dates(entry))
    aliases = [a for a in entry.aliases if a != entry.name]
    if aliases:
        facts.append("in the essay: " + ", ".join(f"“{a}”" for a in aliases))
    parts = [
        f'<section class="entry" id="{escape(entry.id)}"><h{level}>{text(entry.name)}</h{level}>',
        f'<p class="facts">{text(" · ".join(facts))}</p>',
        f'<p class="summary">{text(entry.summary)}</p>',
    ]
    for label, value in (("Arrested", entry.arrested), ("Made public by the date of writing", entry.announced)):
        if value:
            parts.append(f'<div class="{label.split()[0].lower()}"><p class="label">{label}</p>')
            parts.append(_markdown(value, addresses) + "</div>")
    if entry.note:
        parts.append(_markdown(entry.note, addresses))
    for label, value in ((HINDSIGHT_TITLE, entry.after), ("From the archives opened later", entry.from_archives)):
        if value:
            parts.append(f'<div class="hindsight"><p class="label">{text(label)}</p>')
            parts.append(_markdown(value, addresses) + "</div>")
    if entry.related:
        links = ", ".join(f'<a href="{escape(addresses.entry(r))}">{text(entries[r].name)}</a>' for r in entry.related)
        parts.append(f'<p class="related">Related: {links}.</p>')
    parts.append(sources_html(entry.sources))
    if named:
        links = ", ".join(
            f'<a class="paragraph-ref" href="{escape(addresses.paragraph(pid))}">¶{numbers[pid]}</a>' for pid in named
        )
        parts.append(f'<p class="named">Named in {links}.</p>')
    else:
        parts.append('<p class="named">Not named in the essay’s text.</p>')
    parts.append("</section>")
    return "".join(parts)


# Apparatus and records --------------------------------------------------------------------------------


def apparatus_html(essay: Essay, placements: Placements, addresses: Addresses, level: int) -> str:
    """The emendations (source, edition, reason) and the rejoined paragraphs, each with its paragraph."""
    rows = []
    for placed in sorted(placements.emendations, key=lambda p: (paragraph_number(p.span.paragraph_id), p.span.start)):
        emendation, pid = placed.emendation, placed.span.paragraph_id
        rows.append(
            f'<tr id="{escape(emendation.id)}"><td><a class="paragraph-ref" href="{escape(addresses.paragraph(pid))}">'
            f"¶{paragraph_number(pid)}</a></td><td><i>{text(emendation.sic)}</i></td><td>{text(emendation.corr)}</td>"
            f"<td>{text(emendation.reason)}</td></tr>"
        )
    emendations = (
        f"<h{level}>Emendations</h{level}><p>The transcription’s evident slips, corrected in the reading text; the "
        "source’s reading is kept in the TEI export.</p><table><thead><tr><th>¶</th><th>Source reads</th>"
        f"<th>Edition reads</th><th>Reason</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    rows = []
    for join in essay.joins:
        how = "one word (hyphen removed)" if join.dehyphenated else "one space"
        rows.append(
            f'<tr><td><a class="paragraph-ref" href="{escape(addresses.paragraph(join.paragraph_id))}">'
            f"¶{paragraph_number(join.paragraph_id)}</a></td><td>{join.line}</td><td>…{text(join.first_ends)}</td>"
            f"<td>{text(join.second_starts)}…</td><td>{how}</td></tr>"
        )
    joins = (
        f"<h{level}>Rejoined paragraphs</h{level}><p>The transcription breaks {len(essay.joins)} paragraphs in "
        "mid-sentence; the edition rejoins each.</p><table><thead><tr><th>¶</th><th>Source line</th>"
        "<th>First part ends</th><th>Second part begins</th><th>Joined as</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return emendations + joins


def printing_line(record: TextRecord) -> str:
    """The printing as one line: periodical (place), vol., no., date, pp."""
    return (
        f"<i>{text(record.periodical)}</i> ({text(record.periodical_place)}), vol. {text(record.volume)}, "
        f"no. {text(record.number)}, {text(format_date(record.published))}, pp. {text(record.pages)}"
    )


def records_html(record: TextRecord, edition: EditionRecord) -> str:
    """The title page's facts: the text's printing and transcription, the edition's makers, version and licence."""
    people = "".join(f"<li>{text(p.name)}: {text(p.role)}</li>" for p in (*edition.editors, *edition.contributors))
    return (
        f'<p class="printing">{printing_line(record)}. Written {text(format_date(record.written))}.</p>'
        f'<p class="transcription">Text: {text(record.transcriber)}’s transcription '
        f"({text(record.transcription_publisher)}, {text(record.transcription_place)}, "
        f"{text(record.transcription_year)}; {text(record.transcription_collection)}). {text(record.notice)}</p>"
        f'<p class="edition">{text(edition.title)}. Version {text(edition.version)}, '
        f"{text(format_date(edition.released))}. {text(edition.publisher)}.</p>"
        f'<ul class="people">{people}</ul>'
    )


def licence_html(record: TextRecord, edition: EditionRecord) -> str:
    return (
        f'<p>The edition’s own work is licensed under the <a href="{escape(edition.licence.url)}">'
        f"{text(edition.licence.name)}</a> licence ({text(edition.licence.id)}). {text(edition.licence_scope)}</p>"
        f"<p>The essay’s text: {text(record.notice)} Transcription by {text(record.transcriber)}, "
        f"{text(record.transcription_publisher)}, {text(record.transcription_place)}, "
        f"{text(record.transcription_year)}.</p>"
        f"<p>{text(edition.archiving)}</p>"
        f'<p>Source, history and corrections: <a href="{escape(edition.repository)}">{text(edition.repository)}</a>; '
        f'issues: <a href="{escape(edition.issues)}">{text(edition.issues)}</a>.</p>'
    )
