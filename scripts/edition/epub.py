"""The edition as an EPUB 3 book: title page, the ten sections with their notes as footnotes, the glossary,
the apparatus and the licence.

The build passes the two records (TextRecord, EditionRecord) and the Edition's essay, annotations and
placements, and writes the bytes it gets back (e.g. as `edition.epub`). Pure: no I/O. The same input gives
the same bytes: the book's identifier comes from the repository's address and version, its modification
date and every file's date in the archive from the edition's release date, never from the clock.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime
from html import escape

from ebooklib import epub

from .model import Annotations, EditionRecord, Essay, NotePlacement, Placements, Section, TextRecord
from .reading import (
    Addresses,
    apparatus_html,
    glossary_html,
    licence_html,
    note_html,
    paragraph_html,
    records_html,
    section_title,
    text,
)
from .render import display_title
from .typography import typeset

STYLE = """
body { font-family: serif; line-height: 1.45; margin: 0 1em; }
h1, h2, h3, h4 { line-height: 1.2; }
p.para { text-indent: 0; margin: 0 0 .8em; }
.pnum { font-size: .7em; color: #666; margin-right: .4em; font-family: sans-serif; }
a.mention, a.emendation { color: inherit; text-decoration: none; border-bottom: 1px dotted #999; }
a.noteref { font-size: .75em; vertical-align: super; line-height: 0; text-decoration: none; }
aside.footnote { font-size: .9em; border-top: 1px solid #ccc; margin-top: 1.5em; padding-top: .5em; }
.label { font-weight: bold; margin-bottom: .2em; }
.hindsight { border-left: 3px solid #999; padding-left: .6em; }
.facts { font-family: sans-serif; font-size: .85em; color: #555; }
.summary { font-weight: bold; }
table { border-collapse: collapse; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: .2em .4em; vertical-align: top; text-align: left; }
.dateline { font-style: italic; text-align: right; }
.title-page { text-align: center; }
.title-page ul { list-style: none; padding: 0; }
"""
ACCESSIBILITY = (
    ("accessMode", "textual"),
    ("accessModeSufficient", "textual"),
    ("accessibilityFeature", "structuralNavigation"),
    ("accessibilityFeature", "tableOfContents"),
    ("accessibilityFeature", "annotations"),
    ("accessibilityHazard", "none"),
    (
        "accessibilitySummary",
        "Text only: headings, numbered paragraphs, footnotes linked both ways and a glossary, with no images.",
    ),
)
GLOSSARY = "glossary.xhtml"
APPARATUS = "apparatus.xhtml"


def section_file(index: int) -> str:
    """The file of the essay's section number index (1, 2, ...)."""
    return f"section-{index:02d}.xhtml"


def book_identifier(edition: EditionRecord) -> str:
    """A UUID fixed by the repository's address and the version: the same for every build of one release."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{edition.repository}#v{edition.version}')}"


def epub_book(
    text_record: TextRecord, edition: EditionRecord, essay: Essay, annotations: Annotations, placements: Placements
) -> bytes:
    """The EPUB 3 file, as bytes."""
    files = {p.id: section_file(i) for i, s in enumerate(essay.sections, start=1) for p in s.paragraphs}
    addresses = Addresses(
        paragraph=lambda pid: f"{files[pid]}#{pid}",
        entry=lambda eid: f"{GLOSSARY}#{eid}",
        emendation=lambda eid: f"{APPARATUS}#{eid}",
    )
    entries = {e.id: e for e in annotations.entries}
    released = datetime.fromisoformat(edition.released)

    book = epub.EpubBook()
    book.set_identifier(book_identifier(edition))
    book.set_title(typeset(edition.title))
    book.set_language(text_record.language)
    book.add_author(text_record.author)
    for person in (*edition.editors, *edition.contributors):
        book.add_metadata("DC", "contributor", person.name)
    book.add_metadata("DC", "publisher", edition.publisher)
    book.add_metadata("DC", "date", edition.released)
    book.add_metadata(
        "DC", "rights", f"{edition.licence.name} ({edition.licence.url}); the essay's text: {text_record.notice}"
    )
    book.add_metadata(
        "DC",
        "source",
        f"{text_record.author}, {typeset(text_record.title)}, {text_record.periodical}, vol. "
        f"{text_record.volume}, no. {text_record.number}, {text_record.published}, pp. {text_record.pages}",
    )
    book.add_metadata("DC", "description", text_record.description)
    book.add_metadata(None, "meta", edition.licence.url, {"property": "dcterms:license"})
    for key, value in ACCESSIBILITY:
        book.add_metadata(None, "meta", value, {"property": f"schema:{key}"})
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=STYLE.encode())
    book.add_item(style)

    def page(file_name: str, title: str, body: str, uid: str) -> epub.EpubHtml:
        item = epub.EpubHtml(title=title, file_name=file_name, lang=text_record.language, uid=uid)
        item.content = f"<html><head><title>{escape(title)}</title></head><body>{body}</body></html>"
        item.add_item(style)
        book.add_item(item)
        return item

    title_page = page(
        "title.xhtml",
        "Title page",
        f'<section class="title-page" epub:type="titlepage"><h1>{text(display_title(essay))}</h1>'
        f'<p class="byline">{text(essay.byline)}</p>{records_html(text_record, edition)}</section>',
        "title-page",
    )
    sections = [
        page(
            section_file(i),
            section_title(s),
            _section_body(essay, s, placements, addresses, entries),
            f"section-{i:02d}",
        )
        for i, s in enumerate(essay.sections, start=1)
    ]
    glossary = page(
        GLOSSARY,
        "People, bodies, events and terms",
        '<section epub:type="glossary"><h1>People, bodies, events and terms</h1>'
        f"{glossary_html(essay, annotations, placements, addresses, 2)}</section>",
        "glossary",
    )
    apparatus = page(
        APPARATUS,
        "Apparatus",
        f"<section><h1>Apparatus</h1>{apparatus_html(essay, placements, addresses, 2)}</section>",
        "apparatus",
    )
    licence = page(
        "licence.xhtml",
        "Licence",
        f'<section epub:type="copyright-page"><h1>Licence</h1>{licence_html(text_record, edition)}</section>',
        "licence",
    )
    book.toc = [
        epub.Link(title_page.file_name, "Title page", "toc-title"),
        (epub.Section("The essay", sections[0].file_name), [epub.Link(s.file_name, s.title, s.id) for s in sections]),
        epub.Link(glossary.file_name, glossary.title, "toc-glossary"),
        epub.Link(apparatus.file_name, apparatus.title, "toc-apparatus"),
        epub.Link(licence.file_name, licence.title, "toc-licence"),
    ]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [title_page, "nav", *sections, glossary, apparatus, licence]

    out = io.BytesIO()
    writer = epub.EpubWriter(out, book, {"mtime": released})
    writer.process()
    writer.write()
    return _fixed_dates(out.getvalue(), released)


def _section_body(essay: Essay, section: Section, placements: Placements, addresses: Addresses, entries) -> str:
    def marker(placed: NotePlacement) -> str:
        note_id = placed.note.id
        return (
            f'<a class="noteref" epub:type="noteref" role="doc-noteref" id="ref-{note_id}" '
            f'href="#{note_id}">{placed.number}</a>'
        )

    parts = [f'<section epub:type="chapter"><h1>{text(section_title(section))}</h1>']
    for paragraph in section.paragraphs:
        body = paragraph_html(paragraph, placements, addresses, marker)
        parts.append(f'<p class="para" id="{paragraph.id}"><span class="pnum">{paragraph.number}</span> {body}</p>')
    if section is essay.sections[-1]:
        parts.append(f'<p class="dateline">{text(essay.dateline)}</p>')
    parts.append("</section>")
    for paragraph in section.paragraphs:
        for placed in placements.in_paragraph(paragraph.id).notes:
            note_id = placed.note.id
            parts.append(
                f'<aside class="footnote" epub:type="footnote" role="doc-footnote" id="{note_id}">'
                f'<p class="label"><a href="#ref-{note_id}">{placed.number}.</a> '
                f"On “{text(placed.note.quote)}”</p>{note_html(placed.note, entries, addresses)}</aside>"
            )
    return "".join(parts)


def _fixed_dates(archive: bytes, when: datetime) -> bytes:
    """The same archive with every member dated when, the mimetype first and stored, as EPUB requires."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
