"""The publication exports: TEI, EPUB, PDF and the citation files, each made from the edition's data.

The real essay and annotations are used throughout, so every paragraph, entry, emendation and note is
checked to arrive in each export; small hand-made cases pin down how the markup nests."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from edition import cite, epub, pdf, reading, tei
from edition.build import ROOT, Project, read_edition, text_record_path
from edition.inline import Mark, nest
from edition.model import (
    Annotations,
    Assessment,
    Claim,
    ClaimPlacement,
    EditionRecord,
    Emendation,
    EmendationPlacement,
    Entry,
    Essay,
    Join,
    Mention,
    Note,
    NotePlacement,
    Paragraph,
    Placements,
    Section,
    Source,
    Span,
    TextRecord,
)
from edition.records import read_edition_record, read_text_record
from edition.typography import reading_text, typeset

TEI_NS = {"t": tei.TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMAS = Path(__file__).parent / "schemas"
IN_CI = bool(os.environ.get("CI"))


def read_records(root: Path = ROOT) -> tuple[TextRecord, EditionRecord]:
    """The two records, read as the build reads them."""
    project = Project(root)
    text, _ = read_text_record(text_record_path(project), "text record")
    record, _ = read_edition_record(project.edition_record, "edition.yml")
    return text, record


def require(tool: str) -> str:
    """The tool's path; a missing tool skips the test on a workstation and fails it in CI."""
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is not installed; .ci/run installs it with apt-get.")
        pytest.skip(f"{tool} is not installed (apt-get install {tool})")
    return path


def words(text: str) -> str:
    """Text compared across formats: one space between words, quotes and dashes unified, no soft hyphens."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"[“”]", '"', re.sub(r"[‘’]", "'", text))
    text = re.sub(r"\s*[—–]\s*", " — ", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def edition():
    return read_edition(Project())


@pytest.fixture(scope="module")
def records():
    return read_records()


@pytest.fixture(scope="module")
def tei_bytes(edition, records):
    return tei.tei_document(*records, edition.essay, edition.annotations, edition.placements)


@pytest.fixture(scope="module")
def tei_root(tei_bytes):
    return etree.fromstring(tei_bytes)


def opening_words(markdown: str, count: int = 8) -> str:
    """The first words of editor-written Markdown as any export shows them: no emphasis marks."""
    return " ".join(words(re.sub(r"[*_]", "", markdown)).split()[:count])


def emended(paragraph: Paragraph, placements: Placements) -> str:
    """The paragraph's words with the edition's corrections, untypeset: what a reader of the TEI's corr sees."""
    text = paragraph.text
    for placed in sorted(placements.in_paragraph(paragraph.id).emendations, key=lambda p: -p.span.start):
        text = text[: placed.span.start] + placed.emendation.corr + text[placed.span.end :]
    return text


def tei_reading(element) -> str:
    """An element's text as the edition reads it: corr, not sic."""
    copy = etree.fromstring(etree.tostring(element))
    for sic in copy.iterfind(".//t:sic", TEI_NS):
        sic.getparent().remove(sic)
    return "".join(copy.itertext())


# A tiny hand-made edition ------------------------------------------------------------------------------


def tiny_edition():
    """One section, two paragraphs: two emendations, a mention, a note and a claim on the words after it,
    a word rejoined across a hyphen."""
    first = Paragraph("p1", 1, 'Thought Stalin said "no" to the unfounded aids.', 3)
    second = Paragraph("p2", 2, "A second paragraph & more.", 7)
    essay = Essay(
        title="A Title.",
        byline="by Someone",
        publication_line="Published in *A Paper*.",
        sections=(Section("opening", "Opening", None, (first, second)),),
        dateline="June 18, 1937.",
        back_matter=("Edited by Someone.",),
        joins=(Join("p1", 5, "to the un-", "founded aids.", True),),
    )
    source = Source(type="book", title="A Book", author="An Author", publisher="A Press", date="1990", pages="12")
    stalin = Entry("person", "joseph-stalin", "Joseph Stalin", "A summary.", (source,), "x.yml", 1, aliases=("Stalin",))
    though = Emendation("em-though", "Thought", "Though", 'The sense is "though".', "e.yml", 1)
    aids = Emendation("em-aides", "aids", "aides", "Assistants.", "e.yml", 5)
    note = Note("note-said", "Stalin said", "A *note* with [a link](glossary.md#joseph-stalin).", (source,), "n.yml", 1)
    claim = Claim(
        "claim-said",
        "Stalin said",
        "prediction",
        "That he would say *no*.",
        Assessment("Nothing was known yet.", (source,), "untestable"),
        Assessment("He did.", (source,), "borne out", "The record shows it."),
        "c.yml",
        1,
    )
    annotations = Annotations(entries=(stalin,), notes=(note,), emendations=(though, aids), claims=(claim,))
    placements = Placements(
        mentions=(Mention("joseph-stalin", Span("p1", 8, 14), "Stalin", True),),
        notes=(NotePlacement(note, Span("p1", 8, 19), 1),),
        claims=(ClaimPlacement(claim, Span("p1", 8, 19), 1),),
        emendations=(EmendationPlacement(though, Span("p1", 0, 7)), EmendationPlacement(aids, Span("p1", 42, 46))),
    )
    return essay, annotations, placements


# Nesting -----------------------------------------------------------------------------------------------


def test_a_mention_crossing_an_emendation_is_left_out_and_the_emendation_kept():
    tree, left_out = nest("abcdef", [Mark(1, 4, "emendation", atomic=True), Mark(3, 6, "mention")])
    assert [m.kind for m in left_out] == ["mention"]
    assert tree.text() == "abcdef"
    assert [c.mark.kind for c in tree.children if not isinstance(c, str)] == ["emendation"]


def test_a_point_inside_an_emendation_moves_to_its_edge_and_one_at_a_stretch_end_follows_it():
    tree, _ = nest("abcdef", [Mark(1, 4, "emendation", atomic=True), Mark(2, 2, "note-end"), Mark(4, 4, "x-end")])
    kinds = [c if isinstance(c, str) else c.mark.kind for c in tree.children]
    assert kinds == ["a", "emendation", "note-end", "x-end", "ef"]


# TEI ----------------------------------------------------------------------------------------------------


def test_tei_of_a_tiny_edition_nests_choice_names_anchors_and_the_join(records):
    essay, annotations, placements = tiny_edition()
    root = etree.fromstring(tei.tei_document(*records, essay, annotations, placements))
    paragraph = root.find(".//t:p[@n='1']", TEI_NS)
    expected = (
        '<p xmlns="http://www.tei-c.org/ns/1.0" n="1" xml:id="p1"><choice xml:id="em-though"><sic>Thought</sic>'
        '<corr resp="#editors">Though</corr></choice> <anchor xml:id="note-said-start"/>'
        '<anchor xml:id="claim-said-start"/><persName ref="#joseph-stalin">Stalin</persName> said'
        '<anchor xml:id="note-said-end"/><anchor xml:id="claim-said-end"/> "no" to the un'
        '<lb n="5" type="join" xml:id="join-p1-5" break="no"/>founded <choice xml:id="em-aides"><sic>aids</sic>'
        '<corr resp="#editors">aides</corr></choice>.</p>'
    )
    assert etree.tostring(paragraph, encoding="unicode").strip() == expected
    note = root.find(".//t:note[@type='editorial']", TEI_NS)
    assert note.get("target") == "#note-said-start" and note.get("targetEnd") == "#note-said-end"
    assert (
        etree.tostring(note.find("t:p", TEI_NS), encoding="unicode")
        .split(">", 1)[1]
        .startswith('A <hi rend="italic">note</hi> with <ref target="#joseph-stalin">a link</ref>.')
    )
    reasons = [n.get("target") for n in root.iterfind(".//t:note[@type='emendation']", TEI_NS)]
    assert reasons == ["#em-though", "#em-aides"]
    bibl = root.find(".//t:person//t:bibl", TEI_NS)
    assert [c.tag.split("}")[1] for c in bibl] == ["author", "title", "publisher", "date", "biblScope"]
    claim = root.find(".//t:note[@type='claim']", TEI_NS)
    assert (claim.get(XML_ID), claim.get("subtype"), claim.get("target")) == (
        "claim-said",
        "prediction",
        "#claim-said-start",
    )
    verdicts = {n.get("subtype"): n.findtext("t:label", namespaces=TEI_NS) for n in claim.iterfind("t:note", TEI_NS)}
    assert verdicts == {"then": "untestable", "now": "borne out"}


def test_tei_of_a_tiny_edition_with_a_claim_validates_with_jing(records, tmp_path):
    essay, annotations, placements = tiny_edition()
    validate_tei(tei.tei_document(*records, essay, annotations, placements), tmp_path)


def test_reading_html_links_emendations_and_first_mentions_and_marks_notes():
    essay, _, placements = tiny_edition()
    html = reading.paragraph_html(essay.paragraphs[0], placements, reading.SAME_DOCUMENT, lambda n: f"[{n.number}]")
    assert html == (
        '<a class="emendation" href="#em-though" title="Emended: the source reads “Thought”.">Though</a> '
        '<a class="mention" href="#joseph-stalin">Stalin</a> said[1] “no” to the unfounded '
        '<a class="emendation" href="#em-aides" title="Emended: the source reads “aids”.">aides</a>.'
    )


def assert_ids_unique_and_pointers_resolve(root) -> None:
    ids = [e.get(XML_ID) for e in root.iter() if e.get(XML_ID)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    pointers = {
        value[1:]
        for element in root.iter()
        for key in ("ref", "target", "targetEnd", "corresp", "resp", "source", "ana")
        for value in (element.get(key) or "").split()
        if value.startswith("#")
    }
    assert pointers - set(ids) == set()


def test_tei_is_well_formed_and_its_ids_unique_and_every_pointer_resolves(tei_root, records):
    assert_ids_unique_and_pointers_resolve(tei_root)
    essay, annotations, placements = tiny_edition()
    assert_ids_unique_and_pointers_resolve(etree.fromstring(tei.tei_document(*records, essay, annotations, placements)))


def test_tei_holds_every_paragraph_by_id_with_its_emended_words(tei_root, edition):
    paragraphs = {p.get(XML_ID): p for p in tei_root.iterfind(".//t:body//t:p", TEI_NS)}
    assert list(paragraphs) == [p.id for p in edition.essay.paragraphs]
    for paragraph in edition.essay.paragraphs:
        element = paragraphs[paragraph.id]
        assert element.get("n") == str(paragraph.number)
        assert tei_reading(element) == emended(paragraph, edition.placements), paragraph.id


def test_tei_encodes_every_emendation_as_choice_with_its_reason(tei_root, edition):
    for placed in edition.placements.emendations:
        emendation = placed.emendation
        choice = tei_root.find(f".//t:choice[@xml:id='{emendation.id}']", TEI_NS)
        assert choice is not None, emendation.id
        assert choice.findtext("t:sic", namespaces=TEI_NS) == emendation.sic
        assert choice.find("t:corr", TEI_NS).text == emendation.corr
        assert choice.find("t:corr", TEI_NS).get("resp") == "#editors"
        assert choice.getparent().get(XML_ID) == placed.span.paragraph_id
        reason = tei_root.find(f".//t:note[@type='emendation'][@target='#{emendation.id}']", TEI_NS)
        assert emendation.reason in "".join(reason.itertext())


def test_tei_marks_all_ten_joins_at_the_seam(tei_root, edition):
    assert len(edition.essay.joins) == 10
    for join in edition.essay.joins:
        line = tei_root.find(f".//t:lb[@xml:id='{tei.join_id(join)}']", TEI_NS)
        assert line is not None, join
        assert line.getparent().get(XML_ID) == join.paragraph_id or line.getparent().tag.endswith("Name")
        following = (line.tail or "") + "".join("".join(s.itertext()) + (s.tail or "") for s in line.itersiblings())
        assert following.startswith(join.second_starts.split()[0]) or join.dehyphenated
        assert tei_root.find(f".//t:note[@type='join'][@target='#{tei.join_id(join)}']", TEI_NS) is not None


def test_tei_lists_every_entry_with_its_names_summary_and_sources(tei_root, edition):
    lists = {"person": "listPerson", "organization": "listOrg", "event": "listEvent", "place": "listPlace"}
    for entry in edition.annotations.entries:
        element = tei_root.find(f".//t:back//*[@xml:id='{entry.id}']", TEI_NS)
        assert element is not None, entry.id
        container = element.getparent()
        assert container.tag == f"{{{tei.TEI_NS}}}{lists.get(entry.kind, 'list')}", entry.id
        names = [n.text for n in element if n.get("type") in ("standard", "alias")]
        assert names[0] == entry.name
        assert set(entry.aliases) - {entry.name} <= set(names[1:])
        assert element.findtext("t:note[@type='summary']", namespaces=TEI_NS) == entry.summary
        pointers = [p.get("target") for p in element.iterfind("t:note[@type='sources']//t:ptr", TEI_NS)]
        assert pointers == [s.url for s in entry.sources if s.url]
    for mention in edition.placements.mentions:
        assert tei_root.find(f".//t:body//*[@ref='#{mention.entry_id}']", TEI_NS) is not None


def test_tei_holds_every_note_pointing_at_its_quoted_words(tei_root, edition):
    notes = tei_root.findall(".//t:back/t:div[@type='notes']/t:note", TEI_NS)
    assert [n.get(XML_ID) for n in notes] == [
        p.note.id for p in sorted(edition.placements.notes, key=lambda n: n.number)
    ]
    body = tei_root.find(".//t:body", TEI_NS)
    for placed, element in zip(sorted(edition.placements.notes, key=lambda n: n.number), notes):
        start = body.find(f".//t:anchor[@xml:id='{placed.note.id}-start']", TEI_NS)
        end = body.find(f".//t:anchor[@xml:id='{placed.note.id}-end']", TEI_NS)
        assert start is not None and end is not None, placed.note.id
        assert element.get("target") == f"#{placed.note.id}-start"
        assert element.get("targetEnd") == f"#{placed.note.id}-end"
        assert element.findtext("t:quote", namespaces=TEI_NS) == placed.note.quote
        assert opening_words(placed.note.note) in words("".join(element.itertext()))


def test_tei_header_carries_both_records(tei_root, records):
    text, record = records
    header = tei_root.find("t:teiHeader", TEI_NS)
    assert (
        header.findtext(".//t:titleStmt/t:title", namespaces=TEI_NS)
        == "The Meaning of the Soviet “Purges” — an annotated edition"
    )
    assert header.find(".//t:editionStmt/t:edition", TEI_NS).get("n") == record.version
    assert header.find(".//t:licence", TEI_NS).get("target") == record.licence.url
    assert text.notice in "".join(header.find(".//t:availability", TEI_NS).itertext())
    printing = header.find(".//t:sourceDesc/t:biblStruct", TEI_NS)
    assert printing.findtext(".//t:monogr/t:title", namespaces=TEI_NS) == "Workers Age"
    scopes = {b.get("unit"): b.text for b in printing.iterfind(".//t:biblScope", TEI_NS)}
    assert scopes == {"volume": "6", "issue": "27", "page": "5–6"}
    assert printing.find(".//t:imprint/t:date", TEI_NS).get("when") == "1937-07-03"
    assert header.find(".//t:sourceDesc/t:bibl[@type='transcription']", TEI_NS) is not None


def validate_tei(document: bytes, folder: Path) -> None:
    jing = require("jing")
    schema = folder / "tei_all.rng"
    schema.write_bytes(gzip.decompress((SCHEMAS / "tei_all.rng.gz").read_bytes()))
    path = folder / "edition.tei.xml"
    path.write_bytes(document)
    result = subprocess.run([jing, str(schema), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_tei_validates_against_tei_all_with_jing(tei_bytes, tmp_path):
    validate_tei(tei_bytes, tmp_path)


# EPUB ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub_bytes(edition, records):
    return epub.epub_book(*records, edition.essay, edition.annotations, edition.placements)


@pytest.fixture(scope="module")
def epub_files(epub_bytes):
    with zipfile.ZipFile(io.BytesIO(epub_bytes)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def epub_page(epub_files, name: str):
    return etree.fromstring(epub_files[f"EPUB/{name}"])


XHTML = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def reading_words(paragraph: Paragraph, placements: Placements) -> str:
    return words(reading_text(paragraph, placements).text)


def epubcheck_command() -> list[str]:
    """Debian installs epubcheck as a bare jar; it runs through java unless binfmt is set up for jars."""
    path = require("epubcheck")
    with open(path, "rb") as start:
        if start.read(2) == b"PK":
            return [require("java"), "-jar", path]
    return [path]


def test_epub_passes_epubcheck(epub_bytes, tmp_path):
    book = tmp_path / "edition.epub"
    book.write_bytes(epub_bytes)
    result = subprocess.run([*epubcheck_command(), str(book)], capture_output=True, text=True)
    report = result.stdout + result.stderr
    assert result.returncode == 0 and "ERROR" not in report and "FATAL" not in report, report[-3000:]


def test_epub_is_the_same_bytes_every_time(epub_bytes, edition, records):
    again = epub.epub_book(*records, edition.essay, edition.annotations, edition.placements)
    assert again == epub_bytes
    with zipfile.ZipFile(io.BytesIO(epub_bytes)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert {info.date_time[:3] for info in archive.infolist()} == {(2026, 12, 1)}
    assert b"2026-12-01T00:00:00Z" in zipfile.ZipFile(io.BytesIO(epub_bytes)).read("EPUB/content.opf")


def test_epub_holds_every_paragraph_emended_in_its_section_file(epub_files, edition):
    for index, section in enumerate(edition.essay.sections, start=1):
        page = epub_page(epub_files, epub.section_file(index))
        for paragraph in section.paragraphs:
            element = page.find(f".//h:p[@id='{paragraph.id}']", XHTML)
            assert element is not None, paragraph.id
            expected = reading_words(paragraph, edition.placements)
            assert words(_without_markers(element)) == expected, paragraph.id
            markers = [m.text for m in element.iterfind(".//h:a[@class='noteref']", XHTML)]
            assert markers == [str(n.number) for n in edition.placements.in_paragraph(paragraph.id).notes]


def _without_markers(element) -> str:
    copy = etree.fromstring(etree.tostring(element))
    for removed in [
        *copy.iterfind(".//h:a[@class='noteref']", XHTML),
        *copy.iterfind(".//h:span[@class='pnum']", XHTML),
    ]:
        tail = removed.tail or ""
        parent = removed.getparent()
        previous = removed.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(removed)
    return "".join(copy.itertext())


def test_epub_gives_every_note_as_a_footnote_with_its_reference(epub_files, edition):
    for index, section in enumerate(edition.essay.sections, start=1):
        page = epub_page(epub_files, epub.section_file(index))
        for paragraph in section.paragraphs:
            for placed in edition.placements.in_paragraph(paragraph.id).notes:
                note_id = placed.note.id
                reference = page.find(f".//h:a[@id='ref-{note_id}']", XHTML)
                assert reference.get(f"{{{XHTML['epub']}}}type") == "noteref"
                assert reference.get("href") == f"#{note_id}"
                assert reference.text == str(placed.number)
                aside = page.find(f".//h:aside[@id='{note_id}']", XHTML)
                assert aside.get(f"{{{XHTML['epub']}}}type") == "footnote"
                assert opening_words(placed.note.note) in words("".join(aside.itertext()))


def test_epub_glossary_and_apparatus_hold_every_entry_emendation_and_join(epub_files, edition):
    glossary = epub_page(epub_files, epub.GLOSSARY)
    for entry in edition.annotations.entries:
        section = glossary.find(f".//h:section[@id='{entry.id}']", XHTML)
        assert section is not None, entry.id
        assert words(typeset(entry.summary)) in words("".join(section.itertext()))
    apparatus = epub_page(epub_files, epub.APPARATUS)
    for placed in edition.placements.emendations:
        row = apparatus.find(f".//h:tr[@id='{placed.emendation.id}']", XHTML)
        cells = [words("".join(c.itertext())) for c in row.iterfind("h:td", XHTML)]
        assert cells[1:] == [
            words(typeset(v)) for v in (placed.emendation.sic, placed.emendation.corr, placed.emendation.reason)
        ]
    rows = apparatus.findall(".//h:table[2]/h:tbody/h:tr", XHTML)
    assert len(rows) == len(edition.essay.joins) == 10
    links = {a.get("href") for a in apparatus.iterfind(".//h:a", XHTML)}
    assert {f"{epub.section_file(1)}#p5"} <= links


def test_epub_title_and_licence_pages_carry_the_records(epub_files, records):
    text, record = records
    title = words("".join(epub_page(epub_files, "title.xhtml").itertext()))
    for fact in (
        "Workers Age",
        "vol. 6",
        "no. 27",
        "3 July 1937",
        "pp. 5–6",
        record.version,
        text.transcriber,
    ):
        assert words(fact) in title, fact
    licence = epub_page(epub_files, "licence.xhtml")
    assert record.licence.url in {a.get("href") for a in licence.iterfind(".//h:a", XHTML)}
    assert text.notice in "".join(licence.itertext())


# PDF ----------------------------------------------------------------------------------------------------

ASSETS = ROOT / "docs" / "assets"
BODY_AREA = ["-x", "0", "-y", "64", "-W", "595", "-H", "708"]  # an A4 page less the margins' running head and folio


def squeezed(text: str) -> str:
    """Text compared with what pdftotext gives: no spaces, hyphens (a line's or a word's) or digits (note
    markers and paragraph numbers sit among the words), quotes and ligatures unified."""
    return re.sub(r"[\s\-\u2010\u00ad0-9]", "", words(text))


@pytest.fixture(scope="module")
def print_document(edition, records):
    return pdf.print_html(*records, edition.essay, edition.annotations, edition.placements)


@pytest.fixture(scope="module")
def pdf_bytes(print_document):
    return pdf.pdf_document(print_document, ASSETS.as_uri() + "/")


@pytest.fixture(scope="module")
def pdf_path(pdf_bytes, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "edition.pdf"
    path.write_bytes(pdf_bytes)
    return path


def pdf_text(path: Path, *options: str) -> str:
    result = subprocess.run([require("pdftotext"), *options, str(path), "-"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pdf_opens_and_holds_every_paragraph_emended(pdf_path, edition):
    body = squeezed(pdf_text(pdf_path, *BODY_AREA))
    for paragraph in edition.essay.paragraphs:
        assert squeezed(reading_text(paragraph, edition.placements).text) in body, paragraph.id


def test_pdf_holds_every_note_entry_and_emendation_and_numbers_its_pages(pdf_path, edition):
    everything = squeezed(pdf_text(pdf_path))
    for placed in edition.placements.notes:
        assert squeezed(opening_words(placed.note.note)) in everything, placed.note.id
    for entry in edition.annotations.entries:
        assert squeezed(entry.name) in everything and squeezed(entry.summary) in everything, entry.id
    for placed in edition.placements.emendations:
        assert squeezed(placed.emendation.reason) in everything
    pages = pdf_text(pdf_path).split("\f")[:-1]
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        if number > 1:
            assert page.split()[-1] == str(number), f"page {number} ends {page.split()[-3:]}"


def test_pdf_embeds_the_editions_own_font_and_is_tagged(pdf_path):
    fonts = subprocess.run([require("pdffonts"), str(pdf_path)], capture_output=True, text=True).stdout
    assert "Source-Serif-4" in fonts
    info = subprocess.run([require("pdfinfo"), str(pdf_path)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert re.search(r"^Title:\s+The Meaning of the Soviet “Purges” — an annotated edition$", info, re.MULTILINE)


def test_typesetting_fetches_nothing_from_the_network(monkeypatch):
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    html = (
        '<html><head><link rel="stylesheet" href="https://fonts.example.org/x.css">'
        '<style>@font-face { font-family: X; src: url("http://fonts.example.org/x.woff2"); }</style></head>'
        '<body><p style="font-family: X">Hello</p><img src="https://example.org/a.png"></body></html>'
    )
    document = pdf.pdf_document(html, ASSETS.as_uri() + "/")
    assert document.startswith(b"%PDF") and attempts == []
    with pytest.raises(ValueError, match="disallowed protocol"):
        pdf.local_only_fetcher()("https://example.org/")
    with pytest.raises(ValueError, match="file://"):
        pdf.pdf_document(html, "https://example.org/")


# Citation files -----------------------------------------------------------------------------------------

REWRITE = bool(os.environ.get("REWRITE_CITATION"))  # REWRITE_CITATION=1 pytest … rewrites them for review


@pytest.mark.parametrize("name, make", [("CITATION.cff", cite.citation_cff), (".zenodo.json", cite.zenodo_json)])
def test_committed_citation_files_are_what_the_records_make(name, make, records):
    expected = make(*records)
    if REWRITE:
        (ROOT / name).write_text(expected, encoding="utf-8")
    assert (ROOT / name).read_text(encoding="utf-8") == expected, (
        f"{name} differs from what edition.yml and the text's record make; rerun with REWRITE_CITATION=1 and "
        "review the diff."
    )


def test_citation_cff_validates_with_cffconvert(tmp_path, records):
    cffconvert = Path(sys.executable).with_name("cffconvert")
    if not cffconvert.exists():
        pytest.fail("cffconvert is not installed; it is pinned in requirements-dev.txt.")
    path = tmp_path / "CITATION.cff"
    path.write_text(cite.citation_cff(*records), encoding="utf-8")
    result = subprocess.run([str(cffconvert), "--validate", "-i", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_citation_files_say_what_the_records_say(records):
    text, record = records
    cff = yaml.safe_load(cite.citation_cff(text, record))
    assert (cff["version"], cff["date-released"], cff["license"]) == (record.version, record.released, "CC-BY-4.0")
    printing = cff["references"][0]
    assert (printing["journal"], printing["volume"], printing["issue"]) == ("Workers Age", "6", "27")
    assert (printing["start"], printing["end"], printing["date-published"]) == ("5", "6", "1937-07-03")
    assert printing["authors"] == [{"family-names": "Lovestone", "given-names": "Jay"}]
    zenodo = json.loads(cite.zenodo_json(text, record))
    assert (zenodo["version"], zenodo["publication_date"], zenodo["license"]) == ("2.0.0", "2026-12-01", "cc-by-4.0")
    assert text.notice in zenodo["notes"]
    assert [c["name"] for c in zenodo["creators"]] == [p.name for p in record.editors]
