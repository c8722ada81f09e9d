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

from .model import Annotations, Entry, Essay, Mention, NotePlacement, Paragraph, Placements, Section

WORDS_PER_MINUTE = 230
KIND_HEADINGS = {
    "person": "People",
    "organization": "Organisations",
    "event": "Events",
    "place": "Places",
    "term": "Terms",
    "publication": "Publications",
}
HINDSIGHT_TITLE = "Hindsight: after 18 June 1937"
DESCRIPTION_PREFIX = "about-"
GLOSSARY = "glossary.md"
ABOUT = "about.md"
FULL_TEXT = "full-text.md"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


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


def format_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"


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


def render_paragraph(paragraph: Paragraph, placements: Placements, context: PageContext) -> str:
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
    for placed in placements.notes:
        if placed.span.paragraph_id == paragraph.id:
            end = placed.span.end
            for start, stop, _ in inserts:  # never split a link: a marker goes after it
                if start < end < stop:
                    end = stop
            markers[end].append(f"[^{placed.note.id}]")
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
    permalink = f'[{number}](#{paragraph.id}){{ .pnum aria-label="Paragraph {number}: link to this paragraph" }}'
    return f"{permalink} {''.join(out)}\n{{ #{paragraph.id} .para }}"


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


def render_note_definitions(notes: list[NotePlacement], context: PageContext) -> str:
    blocks = []
    for placed in notes:
        note = placed.note
        body = [note.note.strip()]
        if note.after:
            body.append(f"*{HINDSIGHT_TITLE}:* {note.after.strip()}")
        if note.related:
            links = ", ".join(
                f"[{escape(context.entries[r].name)}]({relative(context.page, GLOSSARY)}#{r})" for r in note.related
            )
            body.append(f"See also: {links}.")
        body.append("Sources: " + "; ".join(f"[{escape(s.title)}]({s.url})" for s in note.sources) + ".")
        text = "\n\n".join(body)
        indented = "\n".join(("    " + line) if line else "" for line in text.splitlines())
        blocks.append(f"[^{note.id}]:\n{indented}")
    return "\n\n".join(blocks)


def _notes_in(paragraphs: tuple[Paragraph, ...], placements: Placements) -> list[NotePlacement]:
    return [n for p in paragraphs for n in placements.in_paragraph(p.id).notes]


def render_section(essay: Essay, section: Section, placements: Placements, entries: dict[str, Entry]) -> str:
    context = PageContext(section_page(section), entries)
    index = essay.sections.index(section)
    lines = [
        "---",
        f"title: {_yaml_string(section.title if not section.editorial_title else f'[{section.title}]')}",
        f"description: {_yaml_string(_description(section))}",
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
        lines += [render_paragraph(paragraph, placements, context), ""]
    lines += [render_descriptions(section.paragraphs, placements, entries), ""]
    notes = _notes_in(section.paragraphs, placements)
    if notes:
        lines += [render_note_definitions(notes, context), ""]
    return "\n".join(lines)


def _description(section: Section) -> str:
    return (
        f"{section.title}: section of Jay Lovestone, “The Meaning of the Soviet ‘Purges’” (Workers Age, 3 July 1937)."
    )


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_full_text(essay: Essay, placements: Placements, entries: dict[str, Entry]) -> str:
    context = PageContext(FULL_TEXT, entries)
    lines = [
        "---",
        'title: "The whole essay"',
        f"description: {_yaml_string(essay_description())}",
        "search:",
        "  exclude: true  # the section pages hold the same text; indexing it twice doubles every reader's download",
        "---",
        "",
        f"# {plain(display_title(essay))}",
        "",
        f"{plain(essay.byline)}",
        "{ .byline }",
        "",
        "*Workers Age* (New York), vol. 6, no. 27, 3 July 1937, pp. 5–6.",
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
        lines += [render_note_definitions(notes, context), ""]
    return "\n".join(lines)


def display_title(essay: Essay) -> str:
    """The title as printed, less the final full stop that closes the quotation."""
    return essay.title.replace(".”", "”").rstrip(".")


def essay_description() -> str:
    return (
        "An annotated reading edition of Jay Lovestone’s essay on Stalin’s purges of the Red Army, "
        "published in Workers Age, 3 July 1937."
    )


# Landing page ---------------------------------------------------------------------------------------


def render_landing(essay: Essay, annotations: Annotations, placements: Placements) -> str:
    lines = [
        "---",
        f"title: {_yaml_string(display_title(essay))}",
        f"description: {_yaml_string(essay_description())}",
        "---",
        "",
        f"# {plain(display_title(essay))}",
        "",
        f"{plain(essay.byline)}",
        "{ .byline }",
        "",
        "Published in *Workers Age* (New York), vol. 6, no. 27, 3 July 1937, pp. 5–6. "
        f"Written {format_date('1937-06-18')}, as Stalin’s purges reached the Red Army.",
        "",
        f"Transcription edited by Tim Davenport. {plain(essay.back_matter[-1])}",
        "{ .licence }",
        "",
        "The printed original: scans of *Workers Age*, 1932–41, in the "
        "[Marxists Internet Archive](https://www.marxists.org/history/usa/index.htm) (American periodicals).",
        "",
        "This edition gives the essay in its ten sections, every paragraph numbered and citable, with "
        f"[{len(annotations.entries)} entries]({GLOSSARY}) on the people, bodies, events and terms it names "
        f"and {len(placements.notes)} editorial notes on its claims. Names in the text show who or what they "
        "were on hover, focus or tap; numbered notes open in place.",
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
        f"How this edition was made, and how to cite it: [About this edition]({ABOUT}).",
        "",
    ]
    return "\n".join(lines)


# Glossary ---------------------------------------------------------------------------------------------


def render_glossary(essay: Essay, annotations: Annotations, placements: Placements) -> str:
    page = GLOSSARY
    entries = {e.id: e for e in annotations.entries}
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for mention in placements.mentions:
        mentions[mention.entry_id].append(mention)
    by_id = {p.id: p for p in essay.paragraphs}
    lines = [
        "---",
        'title: "People, bodies, events and terms"',
        'description: "Sourced entries on every person, organisation, event and term named in Jay Lovestone’s '
        '“The Meaning of the Soviet ‘Purges’” (1937), with links to every paragraph that names them."',
        "---",
        "",
        "# People, bodies, events and terms",
        "",
        "Each entry says who or what it was as of June 1937, when Lovestone wrote; what came later is set "
        "apart as hindsight. “Mentioned in” leads back to every paragraph that names the entry.",
        "",
    ]
    kinds = [k for k in KIND_HEADINGS if any(e.kind == k for e in annotations.entries)]
    lines.append("Jump to: " + " · ".join(f"[{KIND_HEADINGS[k]}](#{k})" for k in kinds))
    lines.append("")
    for kind in kinds:
        lines += [f"## {KIND_HEADINGS[kind]} {{ #{kind} }}", ""]
        for entry in sorted((e for e in annotations.entries if e.kind == kind), key=sort_key):
            lines += _glossary_entry(entry, entries, mentions[entry.id], by_id, essay, page)
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


def _glossary_entry(entry, entries, mentions, by_id, essay, page) -> list[str]:
    lines = [f"### {escape(entry.name)} {{ #{entry.id} }}", ""]
    facts = [entry.kind]
    if life_dates(entry):
        facts.append(life_dates(entry))
    if entry.aliases and any(a != entry.name for a in entry.aliases):
        facts.append("in the essay: " + ", ".join(f"“{escape(a)}”" for a in entry.aliases))
    lines += [" · ".join(facts), "{ .entry-facts }", "", f"**{plain(entry.summary)}**", ""]
    if entry.note:
        lines += [entry.note.strip(), ""]
    if entry.after:
        body = "\n".join(("    " + line) if line else "" for line in entry.after.strip().splitlines())
        lines += [f'!!! hindsight "{HINDSIGHT_TITLE}"', "", body, ""]
    if entry.related:
        links = ", ".join(f"[{escape(entries[r].name)}](#{r})" for r in entry.related)
        lines += [f"Related: {links}.", ""]
    lines += ["Sources: " + "; ".join(f"[{escape(s.title)}]({s.url})" for s in entry.sources) + ".", ""]
    if mentions:
        lines += ["Mentioned in:", ""]
        seen = set()
        for mention in mentions:
            paragraph_id = mention.span.paragraph_id
            if paragraph_id in seen:
                continue
            seen.add(paragraph_id)
            paragraph = by_id[paragraph_id]
            section = essay.section_of(paragraph_id)
            target = f"{relative(page, section_page(section))}#{paragraph_id}"
            context = _context(paragraph.text, mention.span.start, mention.span.end)
            lines.append(f"- [{escape(section.title)}, ¶{paragraph.number}]({target}): {context}")
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


def render_counts(essay: Essay, annotations: Annotations, placements: Placements) -> str:
    return (
        f"{len(essay.sections)} sections, {len(essay.paragraphs)} paragraphs, {len(essay.joins)} rejoined "
        f"paragraphs, {len(placements.emendations)} emendations, {len(annotations.entries)} entries, "
        f"{len(placements.mentions)} mentions, {len(placements.notes)} passage notes"
    )
