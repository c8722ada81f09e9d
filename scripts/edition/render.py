"""Render the placed essay as plain Markdown pages (Python-Markdown with attr_list, footnotes, admonition).

Pure functions from data to text: no I/O. Page paths are relative to the docs folder.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from . import markup
from .dates import format_date, us_date
from .metadata import page_metadata
from .model import (
    VERDICTS,
    Claim,
    ClaimPlacement,
    Edition,
    Entry,
    Essay,
    Mention,
    NotePlacement,
    Paragraph,
    Placements,
    Section,
    Source,
    TextRecord,
)

WORDS_PER_MINUTE = 230
KIND_HEADINGS = {
    "person": "People",
    "organization": "Organisations",
    "event": "Events",
    "place": "Places",
    "term": "Terms",
    "publication": "Publications",
}
DESCRIPTION_PREFIX = "about-"
GLOSSARY = "glossary.md"
ABOUT = "about.md"
FULL_TEXT = "full-text.md"
CLAIMS = "claims.md"
BIBLIOGRAPHY = "bibliography.md"
TIMELINE = "timeline.md"
BIBLIOGRAPHY_GROUPS = {
    "documents-and-press": "Documents and press",
    "scholarship": "Scholarship",
    "reference-works-and-web-pages": "Reference works and web pages",
}
CLAIM_HEADINGS = {
    "fact": "Facts",
    "allegation": "Allegations he reports",
    "prediction": "Predictions",
    "interpretation": "Interpretations",
    "judgment": "Judgments",
}
CLAIM_MARK = "◇"
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


MARKDOWN_KEYS = ("note", "after", "announced", "from_archives")


def quoted_title(text: TextRecord) -> str:
    """The title in quotation marks, its own quotation marks turned to single ones: “On the ‘Left’ Danger”."""
    return "“" + typeset(text.title).replace("“", "‘").replace("”", "’") + "”"


def hindsight_title(text: TextRecord) -> str:
    return f"Hindsight: after {format_date(text.written)}"


# Typography ---------------------------------------------------------------------------------------


def typeset(text: str, before: str = " ", after: str = " ") -> str:
    """Curly quotes and spaced em dashes; never a change of words. before/after: the neighbouring characters."""
    out = []
    for i, char in enumerate(text):
        previous = text[i - 1] if i else before
        following = text[i + 1] if i + 1 < len(text) else after
        if char == '"':
            out.append("“" if previous.isspace() or previous in "([—–" else "”")
        elif char == "'":
            out.append("‘" if previous.isspace() or previous in "([—–“" else "’")
        elif char == "—":
            out.append(("" if previous.isspace() else " ") + "—" + ("" if following.isspace() else " "))
        else:
            out.append(char)
    return "".join(out)


def escape(text: str) -> str:
    """Make plain text safe to place in Markdown: no markup, no HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}#|])", r"\\\1", text)


def plain(text: str) -> str:
    return escape(typeset(text))


def attribute(text: str) -> str:
    """Text for a quoted attribute or link title: typeset, so no straight double quote remains."""
    return typeset(text).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("`", "\\`")


# Dates and words ------------------------------------------------------------------------------------


def life_dates(entry: Entry) -> str:
    first, last = (entry.born, entry.died) if entry.kind == "person" else (entry.start, entry.end)
    if not first and not last:
        return ""
    if entry.kind == "person":
        if first and last:
            return f"{format_date(first)} – {format_date(last)}"
        return f"born {format_date(first)}" if first else f"died {format_date(last)}"
    if first and last and first != last:
        return f"{format_date(first)} – {format_date(last)}"
    return format_date(first or last)


def reading_minutes(section: Section) -> int:
    words = sum(len(p.text.split()) for p in section.paragraphs)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def opening_words(paragraph: Paragraph, count: int = 12) -> str:
    words = paragraph.text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def section_page(section: Section) -> str:
    return f"essay/{section.slug}.md"


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one page to another, both relative to the docs folder."""
    depth = from_page.count("/")
    return "../" * depth + to_page


def section_heading(section: Section) -> str:
    return f"\\[{escape(section.title)}\\]" if section.editorial_title else plain(section.title)


# The reading text ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageContext:
    """What a page needs to link its text: its own path and the entries by id."""

    page: str
    entries: dict[str, Entry]


def render_paragraph(
    paragraph: Paragraph, placements: Placements, context: PageContext, section: Section | None = None
) -> str:
    """A paragraph of the reading text; with its section, the one copy that search finds (the section page's)."""
    placements = placements.in_paragraph(paragraph.id)
    text = paragraph.text
    inserts: list[tuple[int, int, str]] = []  # (start, end, markdown replacing text[start:end])
    for placed in placements.emendations:
        if placed.span.paragraph_id == paragraph.id:
            em = placed.emendation
            title = attribute(f"Emended: the source reads “{em.sic}”. {em.reason}")
            link = relative(context.page, ABOUT)
            inserts.append(
                (
                    placed.span.start,
                    placed.span.end,
                    f'[{plain(em.corr)}]({link}#{em.id} "{title}"){{ .emendation data-sic="{attribute(em.sic)}" }}',
                )
            )
    for mention in placements.mentions:
        if mention.span.paragraph_id == paragraph.id and mention.first_in_paragraph:
            entry = context.entries[mention.entry_id]
            link = relative(context.page, GLOSSARY)
            words = typeset(mention.text, *_neighbours(text, mention.span.start, mention.span.end))
            described = f'aria-describedby="{DESCRIPTION_PREFIX}{entry.id}"'
            inserts.append(
                (
                    mention.span.start,
                    mention.span.end,
                    f"[{escape(words)}]({link}#{entry.id}){{ .mention {described} }}",
                )
            )
    markers: dict[int, list[str]] = defaultdict(list)
    placed_marks = [(p.span, note_marker(p)) for p in placements.notes]
    placed_marks += [(p.span, claim_marker(p, context.page)) for p in placements.claims]
    for span, marker in sorted(placed_marks, key=lambda pair: (pair[0].end, pair[0].start)):
        end = span.end
        for start, stop, _ in inserts:  # never split a link: a marker goes after it
            if start < end < stop:
                end = stop
        markers[end].append(marker)
    inserts.sort()
    out = []
    position = 0
    for start, end, markdown in inserts:
        out.append(_text_with_markers(text, position, start, markers))
        out.append(markdown)
        out.append("".join(markers.pop(end, [])))
        position = end
    out.append(_text_with_markers(text, position, len(text), markers))
    number = paragraph.number
    permalink = (
        f'[{number}](#{paragraph.id}){{ .pnum aria-label="Paragraph {number}: link to this paragraph" {UNINDEXED} }}'
    )
    search = ""
    if section is not None:
        # The essay's own words weigh more in the index than what the edition says about them.
        search = (
            f' {passage_marks("paragraph", paragraph_title(paragraph, section))} data-pagefind-weight="{TEXT_WEIGHT}"'
        )
    return f"{permalink} {''.join(out)}\n{{ #{paragraph.id} .para{search} }}"


def note_marker(placed: NotePlacement) -> str:
    """A note's number in the text, as Python-Markdown writes a footnote's, numbered once for every view."""
    ident = placed.note.id
    return f'<sup id="fnref:{ident}" {UNINDEXED}><a class="footnote-ref" href="#fn:{ident}">{placed.number}</a></sup>'


def claim_marker(placed: ClaimPlacement, page: str) -> str:
    claim = placed.claim
    label = f"Claim {placed.number}, {claim.type}: {verdicts_phrase(claim)}"
    return (
        f'<a class="claim-ref" href="{markup.page_url(CLAIMS, _depth(page))}#{claim.id}" data-claim="{claim.id}"'
        f' aria-label="{html.escape(label)}" {UNINDEXED}>{CLAIM_MARK}</a>'
    )


def _depth(page: str) -> int:
    return markup.served_path(page).count("/")


def verdicts_phrase(claim: Claim) -> str:
    if not VERDICTS[claim.type]:
        return "a judgment, registered without a verdict"
    return f"then {claim.then.verdict}, now {claim.now.verdict}"


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    return (text[start - 1] if start else " ", text[end] if end < len(text) else " ")


def _text_with_markers(text: str, start: int, end: int, markers: dict[int, list[str]]) -> str:
    cuts = sorted(k for k in markers if start < k <= end)
    out = []
    position = start
    for cut in cuts:
        out.append(escape(typeset(text[position:cut], *_neighbours(text, position, cut))))
        out.append("".join(markers.pop(cut)))
        position = cut
    out.append(escape(typeset(text[position:end], *_neighbours(text, position, end))))
    return "".join(out)


def render_descriptions(paragraphs: tuple[Paragraph, ...], placements: Placements, entries: dict[str, Entry]) -> str:
    """Each named entry's summary once per page, hidden: the mentions' accessible description and popup text.

    Once per entry rather than in every link's title, which on the whole-essay page would repeat it
    a hundred times over."""
    named = dict.fromkeys(
        m.entry_id for p in paragraphs for m in placements.in_paragraph(p.id).mentions if m.first_in_paragraph
    )
    if not named:
        return ""
    items = "".join(
        f'<span id="{DESCRIPTION_PREFIX}{entry_id}">{html.escape(typeset(popup_title(entries[entry_id])))}</span>'
        for entry_id in named
    )
    return f'<div class="entry-descriptions" hidden>{items}</div>'


def popup_title(entry: Entry) -> str:
    dates = life_dates(entry)
    return f"{entry.name} ({dates}): {entry.summary}" if dates else f"{entry.name}: {entry.summary}"


def cite_source(source: Source) -> str:
    """A source as HTML, cited as what it is: Author, *Title* (Place: Publisher, Year), pages."""
    e = markup.text
    title = e(typeset(source.title))
    author = f"{e(source.author)}, " if source.author else ""
    container = e(typeset(source.container)) if source.container else ""
    year = format_date(source.date) if source.date else ""
    imprint = ", ".join(part for part in (e(source.place or ""), e(source.publisher or "")) if part)
    imprint = ": ".join(part for part in (e(source.place or ""), e(source.publisher or "")) if part)
    pages = f", {'pp.' if re.search(r'[–,-]', source.pages) else 'p.'} {e(source.pages)}" if source.pages else ""
    if source.type == "book":
        facts = ", ".join(part for part in (imprint, year) if part)
        text = f"{author}<cite>{title}</cite>" + (f" ({facts})" if facts else "") + pages
    elif source.type in ("chapter", "article"):
        facts = ", ".join(part for part in (imprint, year) if part)
        text = f"{author}“{title}”" + (f", in <cite>{container}</cite>" if container else "")
        text += (f" ({facts})" if facts else "") + pages
    elif source.type in ("press", "document"):
        text = f"{author}“{title}”" + (f", <cite>{container}</cite>" if container else "")
        text += (f", {year}" if year else "") + pages
    else:
        text = f"{author}“{title}”" + (f", <cite>{container}</cite>" if container else "")
    if source.url:
        link = source.via or ("online" if source.type not in ("reference", "web") else "")
        href = e(source.url)
        if link:
            text += f' (<a href="{href}">{e(link)}</a>)'
        else:
            text = f'<a href="{href}">{text}</a>'
    return text + "."


def sources_html(sources: tuple[Source, ...]) -> str:
    return f'<p class="sources" {UNINDEXED}>Sources: ' + " ".join(cite_source(s) for s in sources) + "</p>"


def editor_html(markdown_text: str, page: str) -> str:
    return markup.render_markdown(markdown_text.strip(), page).html


def boxed(kind: str, title: str, body: str) -> str:
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{markup.text(title)}</p>\n{body}\n</div>'


def render_note_definitions(
    notes: list[NotePlacement], context: PageContext, text: TextRecord, section: Section | None = None
) -> str:
    """The notes at the end of a page, in the markup Python-Markdown gives footnotes, cleaned by the allowlist;
    with their section, the one copy that search finds (the section page's)."""
    items = []
    for placed in notes:
        note = placed.note
        body = [editor_html(note.note, context.page)]
        if note.after:
            body.append(boxed("hindsight", hindsight_title(text), editor_html(note.after, context.page)))
        if note.related:
            links = ", ".join(
                f'<a href="{markup.page_url(GLOSSARY, _depth(context.page))}#{r}">{markup.text(context.entries[r].name)}</a>'
                for r in note.related
            )
            body.append(f"<p>See also: {links}.</p>")
        body.append(sources_html(note.sources))
        back = (
            f'&#160;<a class="footnote-backref" href="#fnref:{note.id}"'
            f' title="Jump back to note {placed.number} in the text" {UNINDEXED}>&#8617;</a>'
        )
        content = "\n".join(body)
        content = content[: content.rindex("</p>")] + back + content[content.rindex("</p>") :]
        search = f" {passage_marks('note', f'Note {placed.number} · {_title(section)}')}" if section else ""
        items.append(f'<li id="fn:{note.id}" value="{placed.number}"{search}>\n{content}\n</li>')
    start = notes[0].number if notes else 1
    return f'<div class="footnote">\n<hr>\n<ol start="{start}">\n' + "\n".join(items) + "\n</ol>\n</div>"


def render_claim_cards(claims: list[ClaimPlacement], page: str) -> str:
    """The claims of a page, where the marks' popups and a reader without script find them."""
    if not claims:
        return ""
    cards = [claim_card(p, page) for p in claims]
    return (
        '<section class="claims-here" aria-label="Claims register for this page">\n'
        f'<h2 class="claims-here__title">Claims on this page</h2>\n{"".join(cards)}\n</section>'
    )


def claim_card(placed: ClaimPlacement, page: str, anchor: bool = False) -> str:
    claim = placed.claim
    e = markup.text
    # The register's cards are the ones search finds; the cards under a section's text repeat them.
    where = f"¶{placed.span.paragraph_id[1:]}"
    search = passage_marks("claim", f"Claim {placed.number} ({claim.type}, {where}) · Claims register")
    ident = f' id="{claim.id}" {search}' if anchor else f' id="card-{claim.id}"'
    parts = [
        f'<div class="claim" data-type="{claim.type}" data-then="{e(claim.then.verdict or "")}"'
        f' data-now="{e(claim.now.verdict or "")}"{ident}>',
        f'<p class="claim__head"><span class="claim__type">{e(claim.type.capitalize())}</span> · claim {placed.number}'
        f" · ¶{placed.span.paragraph_id[1:]}</p>",
        f'<p class="claim__text">{e(typeset(claim.claim))}</p>',
    ]
    for when, label, assessment in (("then", "Then (by the date of writing)", claim.then), ("now", "Now", claim.now)):
        verdict = (
            f' <strong class="verdict verdict--{when}">{e(assessment.verdict)}</strong>' if assessment.verdict else ""
        )
        reason = f" {e(typeset(assessment.reason))}" if assessment.reason else ""
        parts.append(f'<div class="claim__{when}">\n<p><span class="claim__when">{label}:</span>{verdict}.{reason}</p>')
        parts.append(editor_html(assessment.note, page))
        parts.append(sources_html(assessment.sources) + "\n</div>")
    parts.append("</div>")
    return "\n".join(parts)


def _notes_in(paragraphs: tuple[Paragraph, ...], placements: Placements) -> list[NotePlacement]:
    return [n for p in paragraphs for n in placements.in_paragraph(p.id).notes]


def render_section(edition: Edition, section: Section, entries: dict[str, Entry]) -> str:
    essay, placements, text = edition.essay, edition.placements, edition.text
    context = PageContext(section_page(section), entries)
    index = essay.sections.index(section)
    lines = [
        "---",
        f"title: {yaml_string(section.title if not section.editorial_title else f'[{section.title}]')}",
        f"description: {yaml_string(section_description(section, text))}",
        "---",
        "",
        f"# {section_heading(section)}",
        "",
        f"Section {index + 1} of {len(essay.sections)} · ¶{section.paragraphs[0].number}–"
        f"¶{section.paragraphs[-1].number} · {reading_minutes(section)} min read"
        + (" · *the heading is the editor's*" if section.editorial_title else ""),
        "{ .section-meta }",
        "",
    ]
    for paragraph in section.paragraphs:
        lines += [render_paragraph(paragraph, placements, context, section), ""]
    lines += [render_way_on(essay, index), ""]
    lines += [render_descriptions(section.paragraphs, placements, entries), ""]
    notes = _notes_in(section.paragraphs, placements)
    if notes:
        lines += [render_note_definitions(notes, context, text, section), ""]
    claims = [c for p in section.paragraphs for c in placements.in_paragraph(p.id).claims]
    lines += [render_claim_cards(claims, context.page), ""]
    return "\n".join(lines)


def render_way_on(essay: Essay, index: int) -> str:
    """Right after the last paragraph, before the notes: the previous and the next section by title."""
    links = []
    if index > 0:
        previous = essay.sections[index - 1]
        links.append(
            f'<a class="way-on__previous" rel="prev" href="../{previous.slug}/">← {markup.text(typeset(_title(previous)))}</a>'
        )
    if index + 1 < len(essay.sections):
        following = essay.sections[index + 1]
        links.append(
            f'<a class="way-on__next" rel="next" href="../{following.slug}/">Next: {markup.text(typeset(_title(following)))} →</a>'
        )
    else:
        links.append('<a class="way-on__next" href="../../claims/">The claims register →</a>')
    return '<nav class="way-on" aria-label="Sections">\n' + "\n".join(links) + "\n</nav>"


def _title(section: Section) -> str:
    return f"[{section.title}]" if section.editorial_title else section.title


def section_description(section: Section, text: TextRecord) -> str:
    return f"{section.title}: section of {text.author}, {quoted_title(text)} ({text.periodical}, {format_date(text.published)})."


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def publication_line(text: TextRecord) -> str:
    """The printing, as *The Periodical* (Place), vol. 1, no. 2, 1 May 1919, pp. 5–6."""
    return (
        f"*{escape(text.periodical)}* ({escape(text.periodical_place)}), vol. {escape(text.volume)}, no."
        f" {escape(text.number)}, {format_date(text.published)}, {'pp.' if '–' in text.pages else 'p.'} {escape(text.pages)}."
    )


def render_full_text(edition: Edition, entries: dict[str, Entry]) -> str:
    essay, placements, text = edition.essay, edition.placements, edition.text
    context = PageContext(FULL_TEXT, entries)
    lines = [
        "---",
        'title: "The whole essay"',
        f"description: {yaml_string(essay_description(text))}",
        "---",
        "",
        f"# {plain(display_title(essay))}",
        "",
        f"{plain(essay.byline)}",
        "{ .byline }",
        "",
        publication_line(text),
        "{ .source-line }",
        "",
    ]
    for section in essay.sections:
        lines += [f"## {section_heading(section)} {{ #{section.slug} }}", ""]
        for paragraph in section.paragraphs:
            lines += [render_paragraph(paragraph, placements, context), ""]
    lines += [plain(essay.dateline), "{ .dateline }", ""]
    lines += [render_descriptions(essay.paragraphs, placements, entries), ""]
    notes = list(placements.notes)
    if notes:
        lines += [render_note_definitions(notes, context, text), ""]
    # The claims' cards stay on the section pages and the register: here all of them would double the page.
    return "\n".join(lines)


def display_title(essay: Essay) -> str:
    """The title as printed, less the final full stop that closes the quotation."""
    return essay.title.replace(".”", "”").rstrip(".")


def essay_description(text: TextRecord) -> str:
    return f"An annotated reading edition of {text.author}, {quoted_title(text)}, {text.periodical}, {format_date(text.published)}: {text.description}"


# Landing page ---------------------------------------------------------------------------------------


def render_landing(edition: Edition) -> str:
    essay, annotations, placements, text = edition.essay, edition.annotations, edition.placements, edition.text
    lines = [
        "---",
        f"title: {yaml_string(display_title(essay))}",
        f"description: {yaml_string(essay_description(text))}",
        "---",
        "",
        f"# {plain(display_title(essay))}",
        "",
        f"{plain(essay.byline)}",
        "{ .byline }",
        "",
        f"Published in {publication_line(text)} Written {format_date(text.written)}.",
        "",
        f"Transcription edited by {escape(text.transcriber)}. {plain(text.notice)}",
        "{ .licence }",
        "",
        f"The printed original: [{plain(text.scans.title)}]({text.scans.url}).",
        "",
        f"This edition gives the essay in its {len(essay.sections)} sections, every paragraph numbered and citable, with "
        f"[{len(annotations.entries)} entries]({GLOSSARY}) on the people, bodies, events and terms it names, "
        f"{len(placements.notes)} editorial notes and a [register of its {len(placements.claims)} claims]({CLAIMS}),"
        " each with what could be known then and what is known now. Names in the text show who or what they"
        " were on hover, focus or tap; numbered notes and the ◇ marks of claims open in place.",
        "",
        "## Contents",
        "",
    ]
    for index, section in enumerate(essay.sections, start=1):
        first = section.paragraphs[0]
        lines.append(
            f"{index}. [{section_heading(section)}]({section_page(section)}) "
            f"— ¶{first.number}–¶{section.paragraphs[-1].number}, {reading_minutes(section)} min  \n"
            f"    <span class='toc-opening'>{plain(opening_words(first))}</span>"
        )
    total = sum(reading_minutes(s) for s in essay.sections)
    lines += [
        "",
        f"Or read [the whole essay on one page]({FULL_TEXT}) ({total} min), for reading straight through "
        "and for printing.",
        "",
        f"How this edition was made, and how to cite it: [About this edition]({ABOUT}). The sources of every"
        f" note, entry and claim: [Bibliography]({BIBLIOGRAPHY}).",
        "",
    ]
    return "\n".join(lines)


# Glossary ---------------------------------------------------------------------------------------------


def render_glossary(edition: Edition) -> str:
    annotations, placements = edition.annotations, edition.placements
    entries = {e.id: e for e in annotations.entries}
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for mention in placements.mentions:
        mentions[mention.entry_id].append(mention)
    lines = [
        "---",
        'title: "People, bodies, events and terms"',
        f"description: {yaml_string(f'Sourced entries on every person, organisation, event and term named in {edition.text.author}’s {quoted_title(edition.text)}, with links to every paragraph that names them.')}",
        "---",
        "",
        "# People, bodies, events and terms",
        "",
        f"Each entry says who or what it was as of {format_date(edition.text.written)}, when the essay was written;"
        " what had been made public by then and what came later are set apart. “Mentioned in” leads back to"
        " every paragraph that names the entry.",
        "",
    ]
    kinds = [k for k in KIND_HEADINGS if any(e.kind == k for e in annotations.entries)]
    lines.append("Jump to: " + " · ".join(f"[{KIND_HEADINGS[k]}](#{k})" for k in kinds))
    lines.append("")
    for kind in kinds:
        lines += [f"## {KIND_HEADINGS[kind]} {{ #{kind} }}", ""]
        for entry in sorted((e for e in annotations.entries if e.kind == kind), key=sort_key):
            lines += _glossary_entry(edition, entry, entries, mentions[entry.id])
    return "\n".join(lines)


def sort_key(entry: Entry) -> str:
    """Alphabetical order: people by surname (the essay's form when it ends the name), the rest by name."""
    name = re.sub(r"^(the|a)\s+", "", entry.name, flags=re.IGNORECASE)
    if entry.kind == "person" and name == entry.name:
        surnames = [a for a in entry.aliases if name.endswith(" " + a)]
        last = name.split()[-1]
        if surnames:
            name = f"{max(surnames, key=len)} {name}"
        elif not re.fullmatch(r"[IVX]+", last):
            name = f"{last} {name}"
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _glossary_entry(edition: Edition, entry: Entry, entries: dict[str, Entry], mentions: list[Mention]) -> list[str]:
    page, essay = GLOSSARY, edition.essay
    lines = [f"### {escape(entry.name)} {{ #{entry.id} {passage_marks('entry', f'{entry.name} · Glossary')} }}", ""]
    facts = [entry.kind]
    if life_dates(entry):
        facts.append(life_dates(entry))
    if entry.arrested:
        facts.append(f"arrested {format_date(entry.arrested)}")
    if entry.aliases and any(a != entry.name for a in entry.aliases):
        facts.append("in the essay: " + ", ".join(f"“{escape(a)}”" for a in entry.aliases))
    lines += [" · ".join(facts), f"{{ .entry-facts {INDEXED} }}", ""]
    body = [f'<p class="entry-summary"><strong>{markup.text(typeset(entry.summary))}</strong></p>']
    if entry.note:
        body.append(editor_html(entry.note, page))
    if entry.announced:
        title = f"Made public by {format_date(edition.text.written)}"
        body.append(boxed("announced", title, editor_html(entry.announced, page)))
    if entry.after:
        body.append(boxed("hindsight", hindsight_title(edition.text), editor_html(entry.after, page)))
    if entry.from_archives:
        body.append(
            boxed("hindsight archives", "Known only from archives opened later", editor_html(entry.from_archives, page))
        )
    if entry.related:
        links = ", ".join(f'<a href="#{r}">{markup.text(entries[r].name)}</a>' for r in entry.related)
        body.append(f'<p class="entry-related">Related: {links}.</p>')
    body.append(sources_html(entry.sources))
    lines += [f'<div class="entry-body" {INDEXED}>', *body, "</div>", ""]
    if mentions:
        lines += ["Mentioned in:", ""]
        seen = set()
        for mention in mentions:
            paragraph_id = mention.span.paragraph_id
            if paragraph_id in seen:
                continue
            seen.add(paragraph_id)
            section = essay.section_of(paragraph_id)
            number = mention.span.paragraph_id[1:]
            target = f"{relative(page, section_page(section))}#{paragraph_id}"
            reading = edited_text(essay, edition.placements, paragraph_id)
            start, end = reading.span(mention.span.start, mention.span.end)
            lines.append(f"- [{escape(section.title)}, ¶{number}]({target}): {_context(reading.text, start, end)}")
        lines.append("")
    else:
        lines += ["Not named in the essay’s text.", "{ .not-mentioned }", ""]
    return lines


@dataclass(frozen=True)
class EditedText:
    """A paragraph as the reading text gives it, emendations applied, with a map from the source's offsets."""

    text: str
    cuts: tuple[tuple[int, int], ...]  # (source offset, change in length from there on)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset(start), self.offset(end)

    def offset(self, position: int) -> int:
        return position + sum(delta for at, delta in self.cuts if at < position)


def edited_text(essay: Essay, placements: Placements, paragraph_id: str) -> EditedText:
    text = next(p.text for p in essay.paragraphs if p.id == paragraph_id)
    out, cuts, position = [], [], 0
    for placed in sorted(placements.in_paragraph(paragraph_id).emendations, key=lambda e: e.span.start):
        out.append(text[position : placed.span.start])
        out.append(placed.emendation.corr)
        cuts.append((placed.span.start, len(placed.emendation.corr) - (placed.span.end - placed.span.start)))
        position = placed.span.end
    out.append(text[position:])
    return EditedText("".join(out), tuple(cuts))


def _context(text: str, start: int, end: int, words: int = 6) -> str:
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    lead = "…" if len(text[:start].split()) > words else ""
    tail = "…" if len(text[end:].split()) > words else ""
    return (
        f"{lead}{plain(' '.join(before))} **{plain(text[start:end])}**"
        f"{'' if text[end : end + 1] in ',.;:' else ' '}{plain(' '.join(after)).lstrip()}{tail}"
    ).replace("  ", " ")


# The editorial page's generated parts -------------------------------------------------------------------


def render_joins_table(essay: Essay) -> str:
    rows = ["| ¶ | Source line | First part ends | Second part begins | Joined as |", "|---|---|---|---|---|"]
    for join in essay.joins:
        section = essay.section_of(join.paragraph_id)
        number = join.paragraph_id[1:]
        link = f"[¶{number}]({section_page(section)}#{join.paragraph_id})"
        how = "one word (hyphen removed)" if join.dehyphenated else "one space"
        rows.append(f"| {link} | {join.line} | …{escape(join.first_ends)} | {escape(join.second_starts)}… | {how} |")
    return "\n".join(rows)


def render_emendations_table(essay: Essay, placements: Placements) -> str:
    rows = ["| ¶ | Source reads | Edition reads | Reason |", "|---|---|---|---|"]
    for placed in sorted(placements.emendations, key=lambda p: (int(p.span.paragraph_id[1:]), p.span.start)):
        em = placed.emendation
        section = essay.section_of(placed.span.paragraph_id)
        number = placed.span.paragraph_id[1:]
        link = f"[¶{number}]({section_page(section)}#{placed.span.paragraph_id})"
        rows.append(f"| {link} | *{escape(em.sic)}*{{ #{em.id} }} | {escape(em.corr)} | {plain(em.reason)} |")
    return "\n".join(rows)


def render_headings_list(essay: Essay) -> str:
    items = []
    for section in essay.sections:
        if section.editorial_title:
            items.append(
                f"- [\\[{escape(section.title)}\\]]({section_page(section)}): no heading in the source; "
                "the bracketed title is the editor's."
            )
        else:
            items.append(
                f"- [{plain(section.title)}]({section_page(section)}): printed as “{escape(section.printed_heading)}”"
            )
    return "\n".join(items)


def render_counts(edition: Edition) -> str:
    essay, annotations, placements = edition.essay, edition.annotations, edition.placements
    return (
        f"{len(essay.sections)} sections, {len(essay.paragraphs)} paragraphs, {len(essay.joins)} rejoined "
        f"paragraphs, {len(placements.emendations)} emendations, {len(annotations.entries)} entries, "
        f"{len(placements.mentions)} mentions, {len(placements.notes)} passage notes, {len(placements.claims)} claims"
    )


# The claims register -----------------------------------------------------------------------------------


def claim_summary(claims: list[ClaimPlacement]) -> str:
    """ "Of 9 predictions, 4 borne out, …": the register in a sentence per type."""
    sentences = []
    for kind, heading in CLAIM_HEADINGS.items():
        of_kind = [p.claim for p in claims if p.claim.type == kind]
        if not of_kind:
            continue
        if not VERDICTS[kind]:
            sentences.append(f"{len(of_kind)} {heading.lower()}, registered without a verdict")
            continue
        counts = [(v, sum(1 for c in of_kind if c.now.verdict == v)) for v in VERDICTS[kind]]
        said = ", ".join(f"{n} {v}" for v, n in counts if n)
        sentences.append(f"of {len(of_kind)} {kind if len(of_kind) == 1 else heading.split()[0].lower()}, {said}")
    return "; ".join(sentences)


def render_claims_page(edition: Edition) -> str:
    """Every claim by section, each with its two verdicts; filters by type and verdict as plain links,
    which work as lists without script (each type and verdict also has its own list below)."""
    essay, placements = edition.essay, edition.placements
    claims = list(placements.claims)
    lines = [
        "---",
        'title: "The claims register"',
        f"description: {yaml_string(f'What {edition.text.author} asserted, reported, predicted and judged in {quoted_title(edition.text)}, what a reader could establish on {format_date(edition.text.written)}, and how each claim stands now.')}",
        "---",
        "",
        "# The claims register",
        "",
        f"Every checkable statement of fact in the essay, every charge it reports, every prediction, its main"
        f" theses and its judgments: {len(claims)} claims. Each says what a careful reader could establish by"
        f" {format_date(edition.text.written)} (*then*) and what scholarship says now (*now*), with a verdict"
        " from a fixed scale for its type and the sources. Judgments are registered without a verdict. In the"
        f" text, a claim is marked {CLAIM_MARK} after its words.",
        "",
        f"In sum, judged as things stand now: {claim_summary(claims)}.",
        "{ .claims-summary }",
        "",
        "| Type | Scale of verdicts |",
        "|---|---|",
        *(f"| {t} | {', '.join(v) if v else 'no verdict: registered only'} |" for t, v in VERDICTS.items()),
        "",
        '<div class="claims-filter" hidden>'
        '<label>Type <select data-filter="type"><option value="">all</option>'
        + "".join(f'<option value="{t}">{t}</option>' for t in CLAIM_HEADINGS)
        + '</select></label> <label>Verdict now <select data-filter="now"><option value="">all</option>'
        + "".join(f'<option value="{v}">{v}</option>' for v in dict.fromkeys(v for vs in VERDICTS.values() for v in vs))
        + '</select></label> <output class="claims-filter__count" aria-live="polite"></output></div>',
        "",
        "By type: " + " · ".join(f"[{h}](#{t})" for t, h in CLAIM_HEADINGS.items()),
        "",
        "## By section { #by-section }",
        "",
    ]
    for section in essay.sections:
        here = [c for p in section.paragraphs for c in placements.in_paragraph(p.id).claims]
        if not here:
            continue
        lines += [f"### [{section_heading(section)}]({section_page(section)}) {{ #claims-{section.slug} }}", ""]
        lines += [
            '<div class="claims-list">',
            *(claim_card(c, CLAIMS, anchor=True) for c in here),
            "</div>",
            "",
        ]
    for kind, heading in CLAIM_HEADINGS.items():
        of_kind = [c for c in claims if c.claim.type == kind]
        lines += [f"## {heading} {{ #{kind} }}", ""]
        if not of_kind:
            lines += ["None registered.", ""]
            continue
        scale = VERDICTS[kind] or ("",)
        for verdict in scale:
            group = [c for c in of_kind if (c.claim.now.verdict or "") == verdict]
            if not group:
                continue
            if verdict:
                lines += [f"**Now {verdict}** ({len(group)}):", ""]
            for placed in group:
                claim = placed.claim
                lines.append(
                    f"- [{plain(claim.claim)}](#{claim.id}) (¶{placed.span.paragraph_id[1:]};"
                    f" then {claim.then.verdict or 'no verdict'})"
                )
            lines.append("")
    return "\n".join(lines)


# The bibliography ----------------------------------------------------------------------------------------


def render_bibliography(edition: Edition) -> str:
    """Every source once, grouped, each leading to the entries, notes and claims that cite it."""
    annotations, placements = edition.annotations, edition.placements
    numbers = {p.note.id: p.number for p in placements.notes}
    claim_numbers = {p.claim.id: p.number for p in placements.claims}
    note_pages = {p.note.id: section_page(edition.essay.section_of(p.span.paragraph_id)) for p in placements.notes}
    cited: dict[tuple, tuple[Source, list[str]]] = {}

    def cite(source: Source, where: str) -> None:
        key = (source.type, source.author, source.title, source.container, source.date, source.url)
        cited.setdefault(key, (source, []))[1].append(where)

    for entry in annotations.entries:
        for source in entry.sources:
            cite(source, f'<a href="../glossary/#{entry.id}">{markup.text(entry.name)}</a>')
    for note in annotations.notes:
        for source in note.sources:
            page = markup.page_url(note_pages[note.id], 1)
            cite(source, f'<a href="{page}#fn:{note.id}">note {numbers.get(note.id, "")}</a>')
    for claim in annotations.claims:
        for source in (*claim.then.sources, *claim.now.sources):
            cite(source, f'<a href="../claims/#{claim.id}">claim {claim_numbers.get(claim.id, "")}</a>')
    lines = [
        "---",
        'title: "Bibliography"',
        f"description: {yaml_string(f'Every source cited by the notes, entries and claims of the edition of {edition.text.author}, {quoted_title(edition.text)}.')}",
        "---",
        "",
        "# Bibliography",
        "",
        f"The {len(cited)} sources that the edition’s entries, notes and claims cite, each once, with the places"
        " that cite it. Documents and press are sources of the time or reports of it; scholarship is the"
        " historians’ work; reference works and web pages are the encyclopedias and sites consulted.",
        "",
        " · ".join(f"[{title}](#{key})" for key, title in BIBLIOGRAPHY_GROUPS.items()),
        "",
    ]
    for key, title in BIBLIOGRAPHY_GROUPS.items():
        group = [value for value in cited.values() if value[0].group == title]
        lines += [f"## {title} {{ #{key} }}", ""]
        group.sort(key=lambda v: _bibliography_key(v[0]))
        items = [
            f'<li>{cite_source(source)} <span class="cited-by">Cited by {", ".join(dict.fromkeys(where))}.</span></li>'
            for source, where in group
        ]
        lines += ['<ul class="bibliography">', *items, "</ul>", ""]
    return "\n".join(lines)


def _bibliography_key(source: Source) -> str:
    lead = source.author or source.container or source.title
    if source.author:
        lead = source.author.split(" and ")[0].split()[-1] + " " + source.author
    return unicodedata.normalize("NFKD", f"{lead} {source.date or ''} {source.title}").lower()


# The whole site ------------------------------------------------------------------------------------------


def render_site_pages(edition: Edition, site_url: str) -> dict[str, str]:
    from .publish import render_timeline  # the timeline is publish's page; publish imports this module

    entries = {e.id: e for e in edition.annotations.entries}
    pages = {
        "index.md": render_landing(edition),
        FULL_TEXT: render_full_text(edition, entries),
        GLOSSARY: render_glossary(edition),
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
    return "---\n" + (head + "\n" if head else "") + "\n".join(extra) + "\n---\n" + body


def includes(edition: Edition) -> dict[str, str]:
    """Generated parts of the hand-written pages, by the name an <!-- edition: name --> line gives."""
    essay, placements = edition.essay, edition.placements
    return {
        "joins": render_joins_table(essay),
        "emendations": render_emendations_table(essay, placements),
        "headings": render_headings_list(essay),
        "counts": f"In all: {render_counts(edition)}.",
        "text": render_text_description(edition),
        "edition": render_edition_description(edition),
        "citation": render_citation_example(edition),
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


def render_edition_description(edition: Edition) -> str:
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
            " and every release records what it said ([Versions](versions.md)); `CITATION.cff` in the repository"
            " gives the citation of the edition itself.",
        ]
    )


def render_citation_example(edition: Edition) -> str:
    """A paragraph's citation as the Cite control makes it, for the paragraph in the middle of the essay."""
    text, record = edition.text, edition.record
    paragraph = edition.essay.paragraphs[len(edition.essay.paragraphs) // 2]
    section = edition.essay.section_of(paragraph.id)
    address = f"{section_page(section).removesuffix('.md')}/#{paragraph.id}"
    title = typeset(text.title).replace("“", "‘").replace("”", "’")
    return (
        f"> {escape(text.author)}, “{escape(title)},” *{escape(text.periodical)}* {escape(text.volume)}, no."
        f" {escape(text.number)} ({us_date(text.published)}), ¶{paragraph.number}, in *{plain(record.title)}*,"
        f" version {escape(record.version)}, [{address}]({section_page(section)}#{paragraph.id})"
        f" (accessed {us_date(record.released)})."
    )


def page_anchors(edition: Edition) -> dict[str, set[str]]:
    """The anchors each page of the site has that editors' links may name."""
    essay, annotations = edition.essay, edition.annotations
    every_paragraph = {p.id for p in essay.paragraphs}
    anchors = {
        "index.md": set(),
        FULL_TEXT: every_paragraph | {s.slug for s in essay.sections},
        GLOSSARY: {e.id for e in annotations.entries} | set(KIND_HEADINGS),
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
    for placed in placements.claims:
        pages = [section_page(edition.essay.section_of(placed.span.paragraph_id)), FULL_TEXT, CLAIMS]
        yield placed.claim, "then", placed.claim.then.note, pages
        yield placed.claim, "now", placed.claim.now.note, pages


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
