"""The edition as one TEI P5 document: the text as transcribed, with every annotation encoded on it.

The build passes the two records (source/*.yml and edition.yml, as TextRecord and EditionRecord) and the
Edition's essay, annotations and placements, and writes the bytes it gets back (e.g. as `edition.tei.xml`
beside the site's other exports). Pure: no I/O.

The body keeps the transcription's characters (straight quotes, its spelling): emendations are
<choice><sic/><corr/></choice>, the rejoined paragraphs carry an <lb/> where the transcription broke them,
mentions are names pointing at the entries in <back>, and notes and claims stand in <back> pointing at
anchors around the words they are about.
"""

from __future__ import annotations

import re

from lxml import etree

from .inline import Mark, Node, nest
from .model import (
    CLAIM_TYPES,
    VERDICTS,
    Annotations,
    Assessment,
    Claim,
    EditionRecord,
    Entry,
    Essay,
    Join,
    Paragraph,
    Placements,
    Source,
    TextRecord,
    paragraph_number,
)
from .render import format_date, sort_key
from .richtext import markdown_blocks, site_link
from .typography import typeset

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MENTION_TAGS = {"person": "persName", "organization": "orgName", "place": "placeName"}  # the rest: <rs type=kind>
ENTRY_LISTS = {  # kind: (list element, entry element, name element); a <list> is typed by the kind
    "person": ("listPerson", "person", "persName"),
    "organization": ("listOrg", "org", "orgName"),
    "event": ("listEvent", "event", "label"),
    "place": ("listPlace", "place", "placeName"),
    "term": ("list", "item", "term"),
    "publication": ("list", "item", "title"),
}
_OTHER_KIND = ("list", "item", "name")
LANGUAGES = {"en": "English"}
_TITLE_LEVELS = {"chapter": "m", "article": "j", "press": "j"}  # of a source's container; otherwise "m"
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def tei_document(
    text: TextRecord, edition: EditionRecord, essay: Essay, annotations: Annotations, placements: Placements
) -> bytes:
    """The whole edition as TEI P5 XML, UTF-8, with an XML declaration."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.set(XML_LANG, text.language)
    root.append(tei_header(text, edition, essay, annotations, placements))
    body_text = _el(root, "text")
    body_text.append(_front(essay))
    body_text.append(_body(essay, annotations, placements, _editor_refs(edition)))
    body_text.append(_back(essay, annotations, placements))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# Header ------------------------------------------------------------------------------------------------


def tei_header(
    text: TextRecord, edition: EditionRecord, essay: Essay, annotations: Annotations, placements: Placements
) -> etree._Element:
    header = etree.Element(f"{{{TEI_NS}}}teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", typeset(edition.title), type="main")
    _el(title_stmt, "author", text.author)
    for xml_id, person in zip(_editor_ids(edition), edition.editors):
        statement = _el(title_stmt, "respStmt", **{XML_ID: xml_id})
        _el(statement, "resp", person.role)
        _el(statement, "name", person.name)
    for person in edition.contributors:
        statement = _el(title_stmt, "respStmt")
        _el(statement, "resp", person.role)
        _el(statement, "name", person.name)
    edition_stmt = _el(file_desc, "editionStmt")
    version = _el(edition_stmt, "edition", f"Version {edition.version}, released ", n=edition.version)
    _date(version, edition.released)

    publication = _el(file_desc, "publicationStmt")
    _el(publication, "publisher", edition.publisher)
    _date(publication, edition.released)
    _el(publication, "idno", edition.repository, type="URI")
    availability = _el(publication, "availability")
    _el(
        availability,
        "licence",
        f"{edition.licence.name} ({edition.licence.id}): {edition.licence_scope}",
        target=edition.licence.url,
    )
    _el(
        availability,
        "p",
        f"The essay's text, from {text.transcriber}'s transcription ({text.transcription_publisher}, "
        f"{text.transcription_year}): {text.notice}",
    )
    notes = _el(file_desc, "notesStmt")
    _el(notes, "note", edition.archiving, type="archiving")
    _el(notes, "note", f"Issues and corrections: {edition.issues}", type="issues")

    source_desc = _el(file_desc, "sourceDesc")
    source_desc.append(_printing(text))
    source_desc.append(_transcription(text))

    header.append(_encoding_desc(essay, annotations, placements))
    profile = _el(header, "profileDesc")
    creation = _el(profile, "creation", "Written ")
    _date(creation, text.written)
    languages = _el(profile, "langUsage")
    _el(languages, "language", LANGUAGES.get(text.language, text.language), ident=text.language)
    return header


def _printing(text: TextRecord) -> etree._Element:
    bibl = etree.Element(f"{{{TEI_NS}}}biblStruct", type="article", **{XML_ID: "source-printing"})
    analytic = _el(bibl, "analytic")
    _el(analytic, "author", text.author)
    _el(analytic, "title", typeset(text.title), level="a")
    monogr = _el(bibl, "monogr")
    _el(monogr, "title", text.periodical, level="j")
    imprint = _el(monogr, "imprint")
    _el(imprint, "pubPlace", text.periodical_place)
    _el(imprint, "publisher", text.publisher_of_periodical)
    _date(imprint, text.published)
    _el(monogr, "biblScope", text.volume, unit="volume")
    _el(monogr, "biblScope", text.number, unit="issue")
    pages = _el(monogr, "biblScope", text.pages, unit="page")
    if found := re.fullmatch(r"\s*(\d+)\s*[–-]\s*(\d+)\s*", text.pages):
        pages.set("from", found.group(1))
        pages.set("to", found.group(2))
    written = _el(bibl, "note", "Written ", type="written")
    _date(written, text.written)
    _el(bibl, "ref", text.scans.title, target=text.scans.url, type="scans")
    return bibl


def _transcription(text: TextRecord) -> etree._Element:
    bibl = etree.Element(f"{{{TEI_NS}}}bibl", type="transcription", **{XML_ID: "source-transcription"})
    _el(bibl, "title", text.transcription_collection)
    _el(bibl, "editor", text.transcriber, role="transcriber")
    _el(bibl, "publisher", text.transcription_publisher)
    _el(bibl, "pubPlace", text.transcription_place)
    _el(bibl, "date", text.transcription_year, when=text.transcription_year)
    _el(bibl, "idno", text.transcription, type="file")
    _el(bibl, "note", text.notice, type="availability")
    return bibl


def _encoding_desc(essay: Essay, annotations: Annotations, placements: Placements) -> etree._Element:
    joins, emendations = len(essay.joins), len(placements.emendations)
    encoding = etree.Element(f"{{{TEI_NS}}}encodingDesc")
    project = _el(encoding, "projectDesc")
    _el(
        project,
        "p",
        f"A digital scholarly edition: the essay in its {len(essay.sections)} sections and "
        f"{len(essay.paragraphs)} numbered paragraphs, with {len(annotations.entries)} sourced entries on the "
        f"people, bodies, events, places and terms it names, {len(placements.notes)} editorial notes and "
        f"{len(placements.claims)} assessed claims.",
    )
    declaration = _el(encoding, "editorialDecl")
    _el(
        _el(declaration, "correction"),
        "p",
        f"The transcription is kept as it stands. Its {emendations} evident slips are encoded as choice, "
        "the transcription's reading in sic and the editors' in corr; the reason for each is a note of type "
        "'emendation' in the apparatus, pointing at the choice.",
    )
    _el(
        _el(declaration, "hyphenation", eol="none"),
        "p",
        f"The transcription breaks {joins} paragraphs in mid-sentence. Each is rejoined into one paragraph, with an "
        "lb (its n the source line where the second part starts) where the break was and a note of type "
        "'join' in the apparatus. A word hyphenated across the break is made whole: its lb has break='no' "
        "and the hyphen is not kept.",
    )
    _el(
        _el(declaration, "quotation", marks="all"),
        "p",
        "Quotation marks, apostrophes and dashes are kept as the transcription gives them (straight quotes, "
        "unspaced or spaced dashes); the edition's reading text and its other exports typeset them as curly "
        "quotes and spaced em dashes, never changing a word.",
    )
    _el(
        _el(declaration, "segmentation"),
        "p",
        "Paragraphs are numbered p1, p2, … in the order of the essay; these ids are the paragraphs' "
        "permanent addresses and never change their meaning. Sections are divs whose ids are those of the "
        "edition's section pages; the untitled opening has a heading supplied by the editors.",
    )
    _el(
        _el(declaration, "interpretation"),
        "p",
        "Every mention of an entry is a persName, orgName, placeName or rs pointing at the entry in the back "
        "matter. Editorial notes and claims are in the back matter, each pointing at anchors around the "
        "words it is about; the hindsight of a note or entry (what happened after the date of writing) is a note "
        "of type 'hindsight'.",
    )
    encoding.append(_claims_taxonomy())
    return encoding


def verdict_id(verdict: str) -> str:
    return "verdict-" + re.sub(r"[^a-z]+", "-", verdict.lower()).strip("-")


def _claims_taxonomy() -> etree._Element:
    """The claims register's vocabulary: the types of claim and, under each, the verdicts it may be given."""
    declaration = etree.Element(f"{{{TEI_NS}}}classDecl")
    taxonomy = _el(declaration, "taxonomy", **{XML_ID: "claims"})
    _el(_el(taxonomy, "desc"), "term", "Claims of the essay and the verdicts given on them, then and now")
    for claim_type in CLAIM_TYPES:
        category = _el(taxonomy, "category", **{XML_ID: f"claim-type-{claim_type}"})
        _el(category, "catDesc", claim_type)
        for verdict in VERDICTS[claim_type]:
            _el(_el(category, "category", **{XML_ID: verdict_id(verdict)}), "catDesc", verdict)
    return declaration


# Text -------------------------------------------------------------------------------------------------


def _front(essay: Essay) -> etree._Element:
    front = etree.Element(f"{{{TEI_NS}}}front")
    page = _el(front, "titlePage")
    _el(_el(page, "docTitle"), "titlePart", essay.title, type="main")
    _el(page, "byline", essay.byline)
    imprint = _el(page, "docImprint")
    for block in markdown_blocks(essay.publication_line):
        _inline_html(imprint, block)
    return front


def _body(essay: Essay, annotations: Annotations, placements: Placements, editors: str) -> etree._Element:
    kinds = {e.id: e.kind for e in annotations.entries}
    body = etree.Element(f"{{{TEI_NS}}}body")
    for number, section in enumerate(essay.sections, start=1):
        div = _el(body, "div", type="section", n=str(number), **{XML_ID: section.slug})
        head = _el(div, "head")
        if section.editorial_title:
            _el(head, "supplied", section.title, reason="untitled", resp=editors)
        else:
            head.text = section.printed_heading
        for paragraph in section.paragraphs:
            div.append(tei_paragraph(paragraph, placements, essay.joins, kinds, editors))
    closer = _el(body[-1], "closer")
    _el(_el(closer, "dateline"), "date", essay.dateline)
    return body


def tei_paragraph(
    paragraph: Paragraph, placements: Placements, joins: tuple[Join, ...], kinds: dict[str, str], editors: str
) -> etree._Element:
    """One paragraph as <p xml:id n>, its annotations laid over the transcription's words."""
    here = placements.in_paragraph(paragraph.id)
    marks = [Mark(p.span.start, p.span.end, "emendation", p.emendation, atomic=True) for p in here.emendations]
    marks += [Mark(m.span.start, m.span.end, "mention", m.entry_id) for m in here.mentions]
    anchored = [(p.note.id, p.span) for p in here.notes] + [(p.claim.id, p.span) for p in here.claims]
    for item_id, span in anchored:
        marks.append(Mark(span.start, span.start, "anchor-start", f"{item_id}-start"))
        marks.append(Mark(span.end, span.end, "anchor-end", f"{item_id}-end"))
    for join in joins:
        if join.paragraph_id == paragraph.id and (offset := join_offset(paragraph, join)) is not None:
            marks.append(Mark(offset, offset, "join", join))
    tree, _ = nest(paragraph.text, marks)
    element = etree.Element(f"{{{TEI_NS}}}p", n=str(paragraph.number), **{XML_ID: paragraph.id})
    _fill(element, tree, kinds, editors)
    return element


def join_offset(paragraph: Paragraph, join: Join) -> int | None:
    """Where in the rejoined paragraph the transcription's second block starts."""
    if join.dehyphenated:
        seam = join.first_ends[:-1] + join.second_starts
        found = paragraph.text.find(seam)
        return None if found < 0 else found + len(join.first_ends) - 1
    found = paragraph.text.find(f"{join.first_ends} {join.second_starts}")
    return None if found < 0 else found + len(join.first_ends) + 1


def join_id(join: Join) -> str:
    return f"join-{join.paragraph_id}-{join.line}"


def _fill(element: etree._Element, node: Node, kinds: dict[str, str], editors: str) -> None:
    for child in node.children:
        if isinstance(child, str):
            _append_text(element, child)
            continue
        mark = child.mark
        if mark.kind == "emendation":
            choice = _el(element, "choice", **{XML_ID: mark.value.id})
            _fill(_el(choice, "sic"), child, kinds, editors)
            _el(choice, "corr", mark.value.corr, resp=editors)
        elif mark.kind == "mention":
            kind = kinds[mark.value]
            tag = MENTION_TAGS.get(kind, "rs")
            name = _el(element, tag, ref=f"#{mark.value}")
            if tag == "rs":
                name.set("type", kind)
            _fill(name, child, kinds, editors)
        elif mark.kind.startswith("anchor"):
            _el(element, "anchor", **{XML_ID: mark.value})
        elif mark.kind == "join":
            join = mark.value
            line = _el(element, "lb", n=str(join.line), type="join", **{XML_ID: join_id(join)})
            if join.dehyphenated:
                line.set("break", "no")


# Back matter -------------------------------------------------------------------------------------------


def _back(essay: Essay, annotations: Annotations, placements: Placements) -> etree._Element:
    back = etree.Element(f"{{{TEI_NS}}}back")
    colophon = _el(back, "div", type="colophon", source="#source-transcription")
    for line in essay.back_matter:
        _el(colophon, "p", line)
    if placements.notes:
        notes = _el(back, "div", type="notes")
        _el(notes, "head", "Editorial notes")
        for placed in sorted(placements.notes, key=lambda n: n.number):
            note = placed.note
            element = _el(
                notes,
                "note",
                type="editorial",
                n=str(placed.number),
                target=f"#{note.id}-start",
                targetEnd=f"#{note.id}-end",
                **{XML_ID: note.id},
            )
            _related(element, note.related)
            _el(element, "quote", note.quote)
            _markdown(element, note.note)
            if note.after:
                _markdown(_el(element, "note", type="hindsight"), note.after)
            _sources(element, note.sources)
    if placements.claims:
        claims = _el(back, "div", type="claims")
        _el(claims, "head", "Claims")
        for placed in sorted(placements.claims, key=lambda c: c.number):
            claims.append(tei_claim(placed.claim, placed.number))
    apparatus = _el(back, "div", type="apparatus")
    _el(apparatus, "head", "Apparatus")
    for placed in sorted(placements.emendations, key=lambda p: (paragraph_number(p.span.paragraph_id), p.span.start)):
        emendation = placed.emendation
        note = _el(apparatus, "note", type="emendation", target=f"#{emendation.id}")
        _el(note, "p", f"{emendation.sic}] {emendation.corr}: {emendation.reason}")
    for join in essay.joins:
        note = _el(apparatus, "note", type="join", target=f"#{join_id(join)}")
        how = "as one word, the hyphen removed" if join.dehyphenated else "with one space"
        _el(
            note,
            "p",
            f"The transcription breaks {join.paragraph_id} at line {join.line}, between “…{join.first_ends}” and "
            f"“{join.second_starts}…”; rejoined {how}.",
        )
    entries = _el(back, "div", type="entries")
    _el(entries, "head", "People, bodies, events, places and terms")
    for kind in dict.fromkeys(e.kind for e in annotations.entries):
        of_kind = [e for e in annotations.entries if e.kind == kind]
        list_tag = ENTRY_LISTS.get(kind, _OTHER_KIND)[0]
        container = _el(entries, list_tag, type=kind if list_tag == "list" else None)
        for entry in sorted(of_kind, key=sort_key):
            container.append(tei_entry(entry))
    return back


def tei_claim(claim: Claim, number: int) -> etree._Element:
    element = etree.Element(
        f"{{{TEI_NS}}}note",
        type="claim",
        subtype=claim.type,
        ana=f"#claim-type-{claim.type}",
        n=str(number),
        target=f"#{claim.id}-start",
        targetEnd=f"#{claim.id}-end",
        **{XML_ID: claim.id},
    )
    _related(element, claim.related)
    _el(element, "quote", claim.quote)
    _markdown(element, claim.claim)
    for when, assessment in (("then", claim.then), ("now", claim.now)):
        element.append(_assessment(when, assessment))
    return element


def _assessment(when: str, assessment: Assessment) -> etree._Element:
    element = etree.Element(f"{{{TEI_NS}}}note", type="assessment", subtype=when)
    if assessment.verdict:
        element.set("ana", f"#{verdict_id(assessment.verdict)}")
        _el(element, "label", assessment.verdict, type="verdict")
    _markdown(element, assessment.note)
    if assessment.reason:
        _markdown(element, assessment.reason)
    _sources(element, assessment.sources)
    return element


def tei_entry(entry: Entry) -> etree._Element:
    """An entry as person, org, event or place (the rest as a list item), names first, then notes and sources."""
    _, tag, name_tag = ENTRY_LISTS.get(entry.kind, _OTHER_KIND)
    element = etree.Element(f"{{{TEI_NS}}}{tag}", **{XML_ID: entry.id})
    if entry.kind == "event":
        _dated(element, entry.start, entry.end)
    _el(element, name_tag, entry.name, type="standard")
    for alias in entry.aliases:
        if alias != entry.name:
            _el(element, name_tag, alias, type="alias")
    if entry.kind == "person":
        for event, value in (("birth", entry.born), ("death", entry.died)):
            if value:
                _el(element, event, format_date(value), when=value)
    elif entry.kind != "event" and (entry.start or entry.end):
        _dated(_el(_el(element, "note", type="dates"), "date"), entry.start, entry.end)
    _related(element, entry.related)
    _el(element, "note", entry.summary, type="summary")
    for kind, value in (
        ("context", entry.note),
        ("arrested", entry.arrested),
        ("announced", entry.announced),
        ("hindsight", entry.after),
        ("from-archives", entry.from_archives),
    ):
        if value:
            _markdown(_el(element, "note", type=kind), value)
    _sources(element, entry.sources)
    return element


def _dated(element: etree._Element, start: str | None, end: str | None) -> None:
    """Date an element by @when, or by @from and @to if it spans days (a date element also says it)."""
    if start and end and start != end:
        element.set("from", start)
        element.set("to", end)
        said = f"{format_date(start)} – {format_date(end)}"
    elif start or end:
        element.set("when", start or end)
        said = format_date(start or end)
    else:
        return
    if element.tag == f"{{{TEI_NS}}}date":
        element.text = said


def tei_bibl(source: Source) -> etree._Element:
    bibl = etree.Element(f"{{{TEI_NS}}}bibl", type=source.type)
    if source.author:
        _el(bibl, "author", source.author)
    _el(bibl, "title", source.title, level="a" if source.container else "m")
    if source.container:
        _el(bibl, "title", source.container, level=_TITLE_LEVELS.get(source.type, "m"))
    if source.publisher:
        _el(bibl, "publisher", source.publisher)
    if source.place:
        _el(bibl, "pubPlace", source.place)
    if source.date:
        date = _el(bibl, "date", source.date)
        if _ISO_DATE.fullmatch(source.date):
            date.set("when", source.date)
            date.text = format_date(source.date)
    if source.pages:
        _el(bibl, "biblScope", source.pages, unit="page")
    if source.url:
        _el(bibl, "ptr", target=source.url)
    if source.via:
        _el(bibl, "note", source.via, type="via")
    return bibl


def _sources(parent: etree._Element, sources: tuple[Source, ...]) -> None:
    if sources:
        holder = _el(_el(parent, "note", type="sources"), "listBibl")
        for source in sources:
            holder.append(tei_bibl(source))


def _related(element: etree._Element, related: tuple[str, ...]) -> None:
    if related:
        element.set("corresp", " ".join(f"#{r}" for r in related))


# Markdown to TEI ---------------------------------------------------------------------------------------

_BLOCKS = {"p": "p", "ul": "list", "ol": "list", "li": "item"}
_PHRASES = {"em": ("hi", {"rend": "italic"}), "strong": ("hi", {"rend": "bold"})}


def _markdown(parent: etree._Element, text: str) -> None:
    """Editor-written Markdown as TEI blocks: p and list, with hi, ref and lb inside, the rest as text."""
    for block in markdown_blocks(text, lambda href: site_link(href, "#")):
        _block_html(parent, block)


def _block_html(parent: etree._Element, block) -> None:
    tag = _BLOCKS.get(block.tag, "p")
    element = _el(parent, tag, type="ordered" if block.tag == "ol" else None)
    if tag == "list":
        for item in block:
            if item.tag == "li":
                _inline_html(_el(element, "item"), item)
    else:
        _inline_html(element, block)
    if tag == "p" and not len(element) and not (element.text or "").strip():
        parent.remove(element)


def _inline_html(element: etree._Element, source) -> None:
    _append_text(element, source.text or "")
    for child in source:
        if child.tag in _PHRASES:
            tag, attributes = _PHRASES[child.tag]
            _inline_html(_el(element, tag, **attributes), child)
        elif child.tag == "a" and child.get("href"):
            _inline_html(_el(element, "ref", target=child.get("href")), child)
        elif child.tag == "br":
            _el(element, "lb")
        else:
            _append_text(element, child.text_content())
        _append_text(element, child.tail or "")


# Helpers -----------------------------------------------------------------------------------------------


def _editor_ids(edition: EditionRecord) -> list[str]:
    if len(edition.editors) == 1:
        return ["editors"]
    return [f"editor-{n}" for n in range(1, len(edition.editors) + 1)]


def _editor_refs(edition: EditionRecord) -> str:
    return " ".join(f"#{xml_id}" for xml_id in _editor_ids(edition))


def _el(parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attributes.items():
        if value is not None:
            element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _date(parent: etree._Element, value: str) -> etree._Element:
    return _el(parent, "date", format_date(value), when=value)


def _append_text(element: etree._Element, text: str) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
