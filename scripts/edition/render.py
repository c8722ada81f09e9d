"""Render the placed essay as plain Markdown pages (Python-Markdown with attr_list, footnotes, admonition).

Pure functions from data to text: no I/O. Page paths are relative to the docs folder.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from . import markup
from .dates import format_date
from .markup import editor_html
from .model import (
    ClaimPlacement,
    Edition,
    Entry,
    Essay,
    Mention,
    NotePlacement,
    Paragraph,
    Placements,
    Section,
    TextRecord,
    paragraph_number,
)
from .pages import (
    ABOUT,
    BIBLIOGRAPHY,
    CLAIMS,
    FULL_TEXT,
    GLOSSARY,
    GLOSSARY_SOURCES,
    INDEXED,
    LANDING,
    TEXT_WEIGHT,
    UNINDEXED,
    _title,
    address,
    paragraph_title,
    passage_marks,
    published,
    relative,
    section_heading,
    section_page,
)
from .register import CLAIM_MARK, render_claim_cards, verdicts_phrase
from .sources import sources_html
from .typography import attribute, escape, plain, quoted_title, reading_text, typeset, yaml_string

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


MARKDOWN_KEYS = ("note", "after", "announced", "from_archives")


def hindsight_title(text: TextRecord) -> str:
    return f"Hindsight: after {format_date(text.written)}"


# Typography ---------------------------------------------------------------------------------------


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
            data = f'data-sic="{attribute(em.sic)}" data-reason="{attribute(em.reason)}"'
            data += f' aria-label="{attribute(f"{em.corr}, emended; the source reads “{em.sic}”")}"'
            link = relative(context.page, ABOUT)
            inserts.append(
                (
                    placed.span.start,
                    placed.span.end,
                    f'[{plain(em.corr)}]({link}#{em.id} "{title}"){{ .emendation {data} }}',
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
    permalink += paragraph_tools(number)
    search = ""
    if section is not None:
        # The essay's own words weigh more in the index than what the edition says about them.
        search = (
            f' {passage_marks("paragraph", paragraph_title(paragraph, section))} data-pagefind-weight="{TEXT_WEIGHT}"'
        )
    return f'{permalink} {"".join(out)}\n{{ #{paragraph.id} .para data-number="{paragraph.number}"{search} }}'


def paragraph_tools(number: int) -> str:
    """The paragraph's copy-link and cite buttons, right after its number, so that they come before its links in
    the tab order as they do on the screen. edition.js makes them work; without scripts the style sheet hides
    them."""
    buttons = "".join(
        f'<button type="button" class="ed-tool" data-tool="{tool}" aria-label="{label} {number}"'
        f' title="{label} {number}"></button>'
        for tool, label in (("link", "Copy link to paragraph"), ("cite", "Cite paragraph"))
    )
    return f'<span class="ed-tools" {UNINDEXED}>{buttons}</span>'


def note_lead_id(note_id: str) -> str:
    """The id of a note's first sentence: what its marker is described by to assistive technology."""
    return f"lead:{note_id}"


def note_marker(placed: NotePlacement) -> str:
    """A note's number in the text, as Python-Markdown writes a footnote's, numbered once for every view;
    a screen reader hears "Note 5" and, as its description, the note's first sentence."""
    ident = placed.note.id
    return (
        f'<sup id="fnref:{ident}" {UNINDEXED}><a class="footnote-ref" href="#fn:{ident}"'
        f' aria-label="Note {placed.number}" aria-describedby="{note_lead_id(ident)}">{placed.number}</a></sup>'
    )


def claim_marker(placed: ClaimPlacement, page: str) -> str:
    claim = placed.claim
    label = f"Claim {placed.number}, {claim.type}: {verdicts_phrase(claim)}"
    return (
        f'<a class="claim-ref" href="{address(page, CLAIMS)}#{claim.id}" data-claim="{claim.id}"'
        f' aria-label="{html.escape(label)}" {UNINDEXED}>{CLAIM_MARK}</a>'
    )


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
        f'<span id="{DESCRIPTION_PREFIX}{entry_id}">{description(entries[entry_id])}</span>' for entry_id in named
    )
    return f'<div class="entry-descriptions" hidden>{items}</div>'


def popup_title(entry: Entry) -> str:
    """A name's popup in plain text, for a link's title: "Name (dates): summary"."""
    dates = life_dates(entry)
    return f"{entry.name} ({dates}): {entry.summary}" if dates else f"{entry.name}: {entry.summary}"


def description(entry: Entry) -> str:
    """ "Name (dates): summary", its parts marked for the popup: what a screen reader reads as the mention's
    description, and what the popup lays out."""
    name = f'<span class="ed-name">{html.escape(typeset(entry.name))}</span>'
    dates = life_dates(entry)
    dated = f' (<span class="ed-dates">{html.escape(dates)}</span>)' if dates else ""
    return f'{name}{dated}: <span class="ed-summary">{html.escape(typeset(entry.summary))}</span>'


def boxed(kind: str, title: str, body: str) -> str:
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{markup.text(title)}</p>\n{body}\n</div>'


def sources_link(target: str, sources: tuple) -> str:
    """ "Sources (8)", leading to where they are listed in full; edition.js opens the list in place. For the
    pages that would carry hundreds of sources: the glossary and the whole essay."""
    return f'<p class="sources-link" {UNINDEXED}><a href="{target}" data-sources="">Sources ({len(sources)})</a></p>'


def render_note_definitions(
    notes: list[NotePlacement],
    context: PageContext,
    text: TextRecord,
    section: Section | None = None,
    sources_on: dict[str, str] | None = None,
) -> str:
    """The notes at the end of a page, in the markup Python-Markdown gives footnotes, cleaned by the allowlist;
    with their section, the one copy that search finds (the section page's). sources_on: for the whole essay,
    the page each note's sources are listed on (its section's), for a link instead of the list."""
    items = []
    for placed in notes:
        note = placed.note
        body = [note_html(note.note, context.page, note_lead_id(note.id))]
        if note.after:
            body.append(boxed("hindsight", hindsight_title(text), editor_html(note.after, context.page)))
        if note.related:
            links = ", ".join(
                f'<a href="{address(context.page, GLOSSARY)}#{r}">{markup.text(context.entries[r].name)}</a>'
                for r in note.related
            )
            body.append(f"<p>See also: {links}.</p>")
        if sources_on and note.sources:
            body.append(sources_link(f"{address(context.page, sources_on[note.id])}#fn:{note.id}", note.sources))
        else:
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


# A sentence ends at a full stop, question or exclamation mark, before a space and a capital or a digit...
SENTENCE_END = re.compile(r"[.!?][”’)]*(?=\s+[“‘(*]?[A-Z0-9])")
# ...unless the stop ends an initial or an abbreviation.
NOT_AN_END = re.compile(r"(?:[A-Z]|[A-Z][a-z]|pp?|vol|no|ed|eds|cf|St|Mr|Mrs|Dr|O\.S|N\.S|i\.e|e\.g)")


def lead_sentence(paragraph: str) -> tuple[str, str]:
    """A note's first sentence and the rest of its first paragraph, in the editor's Markdown; ("", paragraph)
    where the first sentence ends inside an emphasis or a link, or the paragraph is not plain prose."""
    if paragraph.startswith(("-", "*", ">", "#")) or re.match(r"\d+\.\s", paragraph):
        return "", paragraph
    for end in SENTENCE_END.finditer(paragraph):
        word = paragraph[: end.start()].rsplit(None, 1)[-1].lstrip("*_([“‘")
        if NOT_AN_END.fullmatch(word):
            continue
        lead = paragraph[: end.end()]
        balanced = lead.count("*") % 2 == 0 and lead.count("[") == lead.count("]") and "`" not in lead
        return (lead, paragraph[end.end() :].strip()) if balanced else ("", paragraph)
    return paragraph, ""


def note_html(markdown_text: str, page: str, lead_id: str) -> str:
    """A note's body as clean HTML, its first sentence marked with lead_id: what a note marker is described by,
    and what a short popup shows. Where the first sentence cannot be told apart, its first block stands in."""
    first, _, others = markdown_text.strip().partition("\n\n")
    lead, rest = lead_sentence(first)
    if lead:
        inline = [markup.render_markdown(part, page, inline=True).html for part in (lead, rest) if part]
        head = f'<p><span class="note-lead" id="{lead_id}">{inline[0]}</span>{" " + inline[1] if rest else ""}</p>'
    else:
        head = f'<div id="{lead_id}">{editor_html(first, page)}</div>'
    return head + ("\n" + editor_html(others, page) if others.strip() else "")


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
    lines += [print_apparatus(section.paragraphs, placements), ""]
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


def print_address(url: str, example: Paragraph | None = None) -> str:
    """A page's address for paper, hidden on screen; with the printed ¶ numbers and, on a section's page, an
    example of a paragraph's own address, it lets a reader of the printout find every paragraph again."""
    where = f"; each ¶ has its own address, e.g. ¶{example.number}: {url}#{example.id}" if example else ""
    return f'<p class="ed-print-url">Online at {html.escape(url + where)}</p>'


def print_apparatus(paragraphs: tuple[Paragraph, ...], placements: Placements) -> str:
    """The page's emendations for paper, hidden on screen: what the ° after an emended word means."""
    items = [
        f"<li>¶{paragraph.number}: “{html.escape(typeset(placed.emendation.corr))}”; the source reads"
        f" “{html.escape(typeset(placed.emendation.sic))}”. {html.escape(typeset(placed.emendation.reason))}</li>"
        for paragraph in paragraphs
        for placed in sorted(placements.in_paragraph(paragraph.id).emendations, key=lambda e: e.span.start)
    ]
    if not items:
        return ""
    return (
        '<div class="ed-print-apparatus">\n<p>° marks a word the edition corrects (an emendation):</p>\n'
        f"<ol>{''.join(items)}</ol>\n</div>"
    )


def section_description(section: Section, text: TextRecord) -> str:
    return f"{section.title}: section of {text.author}, {quoted_title(text)} ({text.periodical}, {format_date(text.published)})."


def publication_line(text: TextRecord) -> str:
    """The printing, as *The Periodical* (Place), vol. 1, no. 2, 1 May 1919, pp. 5–6."""
    return (
        f"*{escape(text.periodical)}* ({escape(text.periodical_place)}), vol. {escape(text.volume)}, no."
        f" {escape(text.number)}, {format_date(text.published)}, {'pp.' if '–' in text.pages else 'p.'} {escape(text.pages)}."
    )


def render_full_text(edition: Edition, entries: dict[str, Entry], site_url: str) -> str:
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
        section_url = published(site_url, section_page(section))
        lines += [print_address(section_url, section.paragraphs[0]), ""]
        for paragraph in section.paragraphs:
            lines += [render_paragraph(paragraph, placements, context), ""]
    lines += [plain(essay.dateline), "{ .dateline }", ""]
    lines += [render_descriptions(essay.paragraphs, placements, entries), ""]
    lines += [print_apparatus(essay.paragraphs, placements), ""]
    notes = list(placements.notes)
    if notes:
        on = {n.note.id: section_page(essay.section_of(n.span.paragraph_id)) for n in notes}
        lines += [render_note_definitions(notes, context, text, sources_on=on), ""]
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
        f"[{len(annotations.entries)} entries]({relative(LANDING, GLOSSARY)}) on the people, bodies, events and terms it names, "
        f"{len(placements.notes)} editorial notes and a [register of its {len(placements.claims)} claims]({relative(LANDING, CLAIMS)}),"
        " each with what could be known then and what is known now. Names in the text show who or what they"
        " were on hover, focus or tap; numbered notes and the ◇ marks of claims open in place.",
        "",
        "## Contents",
        "",
    ]
    for index, section in enumerate(essay.sections, start=1):
        first = section.paragraphs[0]
        lines.append(
            f"{index}. [{section_heading(section)}]({relative(LANDING, section_page(section))}) "
            f"— ¶{first.number}–¶{section.paragraphs[-1].number}, {reading_minutes(section)} min  \n"
            f"    <span class='toc-opening'>{plain(opening_words(first))}</span>"
        )
    total = sum(reading_minutes(s) for s in essay.sections)
    lines += [
        "",
        f"Or read [the whole essay on one page]({relative(LANDING, FULL_TEXT)}) ({total} min), for reading straight through "
        "and for printing.",
        "",
        f"How this edition was made, and how to cite it: [About this edition]({relative(LANDING, ABOUT)}). The sources of every"
        f" note, entry and claim: [Bibliography]({relative(LANDING, BIBLIOGRAPHY)}).",
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


def render_glossary_sources(edition: Edition) -> str:
    """Each glossary entry's sources, in the glossary's order: the page its "Sources" links open, in place
    where scripts run."""
    annotations, page = edition.annotations, GLOSSARY_SOURCES
    lines = [
        "---",
        'title: "Sources of the glossary"',
        f"description: {yaml_string(f'The sources of each entry of the glossary to {edition.text.author}’s {quoted_title(edition.text)}.')}",
        "---",
        "",
        "# Sources of the glossary",
        "",
        f"The sources each [glossary]({relative(page, GLOSSARY)}) entry was written from, entry by entry; the"
        f" [bibliography]({relative(page, BIBLIOGRAPHY)}) lists every source of the edition once.",
        "",
    ]
    kinds = [k for k in KIND_HEADINGS if any(e.kind == k for e in annotations.entries)]
    for kind in kinds:
        for entry in sorted((e for e in annotations.entries if e.kind == kind and e.sources), key=sort_key):
            name = f"[{escape(entry.name)}]({relative(page, GLOSSARY)}#{entry.id})"
            lines += [f"## {name} {{ #sources-{entry.id} }}", "", sources_html(entry.sources), ""]
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
        facts.append(f'<span class="ed-dates">{escape(life_dates(entry))}</span>')
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
    if entry.sources:
        body.append(sources_link(f"{address(page, GLOSSARY_SOURCES)}#sources-{entry.id}", entry.sources))
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
            number = paragraph_number(mention.span.paragraph_id)
            target = f"{relative(page, section_page(section))}#{paragraph_id}"
            reading = reading_text(essay.paragraph(paragraph_id), edition.placements)
            start, end = reading.span(mention.span.start, mention.span.end)
            link = f"[{escape(section.title)}, ¶{number}]({target}){{ .paragraph-ref }}"
            lines.append(f"- {link}: {_context(reading.text, start, end)}")
        lines.append("")
    else:
        lines += ["Not named in the essay’s text.", "{ .not-mentioned }", ""]
    return lines


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


def render_joins_table(essay: Essay, page: str) -> str:
    rows = ["| ¶ | Source line | First part ends | Second part begins | Joined as |", "|---|---|---|---|---|"]
    for join in essay.joins:
        section = essay.section_of(join.paragraph_id)
        number = paragraph_number(join.paragraph_id)
        link = f"[¶{number}]({relative(page, section_page(section))}#{join.paragraph_id})"
        how = "one word (hyphen removed)" if join.dehyphenated else "one space"
        rows.append(f"| {link} | {join.line} | …{escape(join.first_ends)} | {escape(join.second_starts)}… | {how} |")
    return "\n".join(rows)


def render_emendations_table(essay: Essay, placements: Placements, page: str) -> str:
    rows = ["| ¶ | Source reads | Edition reads | Reason |", "|---|---|---|---|"]
    for placed in sorted(placements.emendations, key=lambda p: (paragraph_number(p.span.paragraph_id), p.span.start)):
        em = placed.emendation
        section = essay.section_of(placed.span.paragraph_id)
        number = paragraph_number(placed.span.paragraph_id)
        link = f"[¶{number}]({relative(page, section_page(section))}#{placed.span.paragraph_id})"
        rows.append(f"| {link} | *{escape(em.sic)}*{{ #{em.id} }} | {escape(em.corr)} | {plain(em.reason)} |")
    return "\n".join(rows)


def render_headings_list(essay: Essay, page: str) -> str:
    items = []
    for section in essay.sections:
        if section.editorial_title:
            items.append(
                f"- [\\[{escape(section.title)}\\]]({relative(page, section_page(section))}): no heading in the source; "
                "the bracketed title is the editor's."
            )
        else:
            items.append(
                f"- [{plain(section.title)}]({relative(page, section_page(section))}): printed as “{escape(section.printed_heading)}”"
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


# The bibliography ----------------------------------------------------------------------------------------


# The whole site ------------------------------------------------------------------------------------------
