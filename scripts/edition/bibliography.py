"""The bibliography page: every source once, grouped, each leading to what cites it."""

from __future__ import annotations

import unicodedata

from . import markup
from .model import Edition, Source
from .pages import BIBLIOGRAPHY, CLAIMS, GLOSSARY, address, section_page
from .sources import cite_source
from .typography import quoted_title, yaml_string

BIBLIOGRAPHY_GROUPS = {
    "documents-and-press": "Documents and press",
    "scholarship": "Scholarship",
    "reference-works-and-web-pages": "Reference works and web pages",
}


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
            cite(source, f'<a href="{address(BIBLIOGRAPHY, GLOSSARY)}#{entry.id}">{markup.text(entry.name)}</a>')
    for note in annotations.notes:
        for source in note.sources:
            page = address(BIBLIOGRAPHY, note_pages[note.id])
            cite(source, f'<a href="{page}#fn:{note.id}">note {numbers.get(note.id, "")}</a>')
    for claim in annotations.claims:
        for source in (*claim.then.sources, *claim.now.sources):
            number = claim_numbers.get(claim.id, "")
            cite(source, f'<a href="{address(BIBLIOGRAPHY, CLAIMS)}#{claim.id}">claim {number}</a>')
    lines = [
        "---",
        'title: "Bibliography"',
        "description: "
        + yaml_string(
            "Every source cited by the notes, entries and claims of the edition of"
            f" {edition.text.author}, {quoted_title(edition.text)}."
        ),
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
