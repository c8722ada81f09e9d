"""The edition as files to take away: TEI, EPUB, PDF and the open data, and the page that lists them.

The PDF takes WeasyPrint some seconds, so it is kept in a cache under the hash of the print HTML it is
made from: the same edition never typesets twice, and a changed one always does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import epub, files, markup, pdf, tei
from .dates import format_date
from .model import Edition
from .pages import DOWNLOADS, relative

FOLDER = "downloads"


def file_names(edition: Edition) -> dict[str, str]:
    stem = edition.text.id
    return {
        "tei": f"{FOLDER}/{stem}.tei.xml",
        "epub": f"{FOLDER}/{stem}.epub",
        "pdf": f"{FOLDER}/{stem}.pdf",
    }


def export_files(edition: Edition, assets: Path, cache: Path, fresh_pdf: bool = True) -> dict[str, bytes]:
    """The three exports by their path in the docs folder. assets: docs/assets (the fonts the PDF embeds).

    fresh_pdf False (the live preview, which regenerates on every save) takes the last PDF typeset
    rather than waiting for a new one; `make build` always typesets what it publishes."""
    records = (edition.text, edition.record, edition.essay, edition.annotations, edition.placements)
    names = file_names(edition)
    print_html = pdf.print_html(*records)
    return {
        names["tei"]: tei.tei_document(*records),
        names["epub"]: epub.epub_book(*records),
        names["pdf"]: _cached(
            cache, print_html, lambda: pdf.pdf_document(print_html, assets.as_uri() + "/"), fresh_pdf
        ),
    }


def _cached(cache: Path, source: str, make, fresh: bool) -> bytes:
    key = hashlib.sha256(source.encode("utf-8") + Path(pdf.__file__).read_bytes()).hexdigest()
    path = cache / f"{key}.pdf"
    if path.is_file():
        return path.read_bytes()
    earlier = sorted(cache.glob("*.pdf"), key=lambda p: p.stat().st_mtime) if cache.is_dir() else []
    if not fresh and earlier:
        return earlier[-1].read_bytes()
    data = make()
    files.write_atomically(path, data)
    return data


def render_downloads_page(edition: Edition, sizes: dict[str, int]) -> str:
    """Each file with its format, size and licence."""
    record, text = edition.record, edition.text
    names = file_names(edition)
    rows = [
        ("TEI P5 XML", names["tei"], "the text, its apparatus (joins, emendations), names, notes, claims and entries"),
        ("EPUB 3", names["epub"], "the whole edition as an e-book: text, notes as footnotes, glossary, apparatus"),
        ("PDF", names["pdf"], "the print view: text, endnotes, glossary and apparatus, with page numbers"),
        ("W3C Web Annotations (JSON-LD)", "annotations.jsonld", "every mention, note and claim, anchored by quotation"),
        ("JSON", "entries.json", "every entry with its fields and the paragraphs that name it"),
        ("JSON Schema", "schema.json", "the format of the annotation files"),
    ]
    lines = [
        "---",
        'title: "Data and downloads"',
        f'description: "The edition of {text.author}’s essay as TEI, EPUB, PDF and open data."',
        "---",
        "",
        "# Data and downloads",
        "",
        f"Version {record.version} of the edition, released {format_date(record.released)}. The essay’s text"
        f" keeps its own notice (“{markup.text(text.notice)}”, transcription by {markup.text(text.transcriber)});"
        f" the edition’s own work (notes, entries, claims, apparatus, data) is under"
        f" [{record.licence.name}]({record.licence.url}).",
        "",
        "| File | Format | Size | What it holds | Licence |",
        "|---|---|---|---|---|",
    ]
    for format_name, path, what in rows:
        size = sizes.get(path, 0)
        lines.append(
            f"| [{path.rsplit('/', 1)[-1]}]({relative(DOWNLOADS, path)}) | {format_name} | {size / 1024:,.0f} KB"
            f" | {what} |"
            f" text: {markup.text(text.notice)} · edition: {record.licence.id} |"
        )
    lines += [
        "",
        f"The source of all of them, and of this site, is the repository: <{record.repository}>.",
        "",
    ]
    return "\n".join(lines)
