"""The edition as a printable PDF: the whole essay with its notes as endnotes, the glossary, the apparatus.

Two steps, both pure (no I/O of their own):

- print_html(text, edition, essay, annotations, placements) -> str: one HTML document with its print
  stylesheet (page numbers, a contents list and cross-references by page, the edition's own font).
- pdf_document(html, base_url) -> bytes: that document typeset by WeasyPrint as a tagged PDF (PDF/UA-1).

The build passes the two records and the Edition's parts to print_html, then the result to pdf_document
with base_url the file:// address of the folder holding the edition's fonts/ (docs/assets/, i.e.
`(project.pages / "assets").as_uri() + "/"`), and writes the bytes (e.g. as `edition.pdf`). WeasyPrint
may read local files only: any other address is refused, so typesetting never touches the network.
"""

from __future__ import annotations

from html import escape

from .model import Annotations, EditionRecord, Essay, NotePlacement, Placements, TextRecord, paragraph_number
from .reading import (
    SAME_DOCUMENT,
    apparatus_html,
    glossary_html,
    licence_html,
    note_html,
    paragraph_html,
    records_html,
    section_title,
    text,
)
from .render import display_title, format_date
from .typography import typeset

FONT = "fonts/source-serif-4-latin-400-normal.woff2"  # relative to base_url
ALLOWED_SCHEMES = ("file",)
PDF_VARIANT = "pdf/ua-1"  # tagged, so screen readers follow the headings, paragraphs and notes
STYLE = """
@font-face {
  font-family: "Source Serif 4";
  font-style: normal;
  font-weight: 400;
  src: url("%(font)s") format("woff2");
}
@page {
  size: A4;
  margin: 24mm 24mm 26mm 30mm;
  @top-center { content: string(running); font-size: 8.5pt; font-style: italic; color: #444; }
  @bottom-center { content: counter(page); font-size: 9pt; }
}
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
html { font-family: "Source Serif 4", "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.42; }
body { hyphens: auto; }
h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; hyphens: manual; }
h1 { font-size: 17pt; string-set: running content(); }
h2 { font-size: 13pt; margin-top: 1.4em; }
h3 { font-size: 11pt; margin: 1em 0 .2em; }
a { color: inherit; text-decoration: none; }
.title-page { break-after: page; text-align: center; padding-top: 40mm; }
.title-page h1 { font-size: 22pt; string-set: none; }
.title-page ul { list-style: none; padding: 0; }
.contents { break-after: page; }
.contents ol { list-style: none; padding: 0; }
.contents a::after { content: leader(". ") target-counter(attr(href), page); }
.essay h2 { string-set: running content(); }
p.para { text-align: justify; margin: 0 0 .55em; orphans: 2; widows: 2; }
.pnum { float: left; width: 8mm; margin-left: -10mm; text-align: right; font-size: 7.5pt; color: #555;
  padding-top: .25em; }
a.noteref { vertical-align: super; font-size: 65%%; line-height: 0; }
.dateline { text-align: right; font-style: italic; }
.endnotes, .glossary, .apparatus, .licence { break-before: page; }
.endnote { margin-bottom: .9em; font-size: 9.5pt; }
.endnote .label a::after { content: ", p. " target-counter(attr(href), page); }
a.paragraph-ref::after { content: " (p. " target-counter(attr(href), page) ")"; }
.label { font-weight: bold; margin: .3em 0 .1em; }
.hindsight { border-left: 1.5pt solid #888; padding-left: 3mm; }
.facts { font-size: 8.5pt; color: #444; margin: 0; }
.summary { font-weight: bold; }
.sources ul { margin: 0; padding-left: 5mm; font-size: 8.5pt; }
table { border-collapse: collapse; font-size: 8.5pt; width: 100%%; }
td, th { border: .5pt solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
tr { break-inside: avoid; }
td:first-child { white-space: nowrap; }
"""


def print_html(
    text_record: TextRecord, edition: EditionRecord, essay: Essay, annotations: Annotations, placements: Placements
) -> str:
    """The print edition as one HTML document: title page, contents, essay, notes, glossary, apparatus, licence."""
    entries = {e.id: e for e in annotations.entries}

    def marker(placed: NotePlacement) -> str:
        note_id = escape(placed.note.id)
        return f'<a class="noteref" id="ref-{note_id}" href="#{note_id}">{placed.number}</a>'

    contents = [(s.slug, section_title(s)) for s in essay.sections]
    contents += [("notes", "Notes"), ("glossary", "People, bodies, events and terms"), ("apparatus", "Apparatus")]
    parts = [
        '<section class="title-page">',
        f"<h1>{text(display_title(essay))}</h1><p>{text(essay.byline)}</p>",
        records_html(text_record, edition),
        "</section>",
        '<nav class="contents"><h1>Contents</h1><ol>',
        *(f'<li><a href="#{escape(slug)}">{text(title)}</a></li>' for slug, title in contents),
        "</ol></nav>",
        '<main class="essay">',
        f"<h1>{text(display_title(essay))}</h1><p>{text(essay.byline)}</p>",
    ]
    for section in essay.sections:
        parts.append(f'<section id="{escape(section.slug)}"><h2>{text(section_title(section))}</h2>')
        for paragraph in section.paragraphs:
            body = paragraph_html(paragraph, placements, SAME_DOCUMENT, marker)
            parts.append(f'<p class="para" id="{paragraph.id}"><span class="pnum">{paragraph.number}</span>{body}</p>')
        parts.append("</section>")
    parts.append(f'<p class="dateline">{text(essay.dateline)}</p></main>')
    parts.append('<section class="endnotes" id="notes"><h1>Notes</h1>')
    for placed in sorted(placements.notes, key=lambda n: n.number):
        note_id = escape(placed.note.id)
        number = paragraph_number(placed.span.paragraph_id)
        parts.append(
            f'<div class="endnote" id="{note_id}"><p class="label">{placed.number}. '
            f'<a href="#ref-{note_id}">¶{number}</a>: on “{text(placed.note.quote)}”</p>'
            f"{note_html(placed.note, entries, SAME_DOCUMENT)}</div>"
        )
    parts.append("</section>")
    parts.append('<section class="glossary" id="glossary"><h1>People, bodies, events and terms</h1>')
    parts.append(glossary_html(essay, annotations, placements, SAME_DOCUMENT, 2) + "</section>")
    parts.append('<section class="apparatus" id="apparatus"><h1>Apparatus</h1>')
    parts.append(apparatus_html(essay, placements, SAME_DOCUMENT, 2) + "</section>")
    parts.append(
        f'<section class="licence" id="licence"><h1>Licence</h1>{licence_html(text_record, edition)}</section>'
    )
    meta = {
        "author": text_record.author,
        "description": text_record.description,
        "dcterms.created": edition.released,
        "dcterms.modified": edition.released,
        "generator": f"{edition.publisher}, version {edition.version} of {format_date(edition.released)}",
    }
    head = "".join(f'<meta name="{name}" content="{escape(typeset(value))}"/>' for name, value in meta.items())
    return (
        f'<!DOCTYPE html><html lang="{escape(text_record.language)}"><head><meta charset="utf-8"/>'
        f"<title>{text(edition.title)}</title>{head}<style>{STYLE % {'font': FONT}}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def local_only_fetcher():
    """A WeasyPrint URL fetcher that reads file:// addresses and refuses every other."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=ALLOWED_SCHEMES)


def pdf_document(html: str, base_url: str) -> bytes:
    """The HTML typeset as PDF. base_url must be a file:// address (the folder holding fonts/)."""
    if not base_url.startswith("file:"):
        raise ValueError(
            f"base_url must be a file:// address, so no font or image is fetched remotely; got {base_url!r}."
        )
    from weasyprint import HTML  # here, not at the top: only the PDF export needs it, and it is slow to import

    document = HTML(string=html, base_url=base_url, url_fetcher=local_only_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)
