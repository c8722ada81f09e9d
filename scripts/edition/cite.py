"""How to cite the edition, for GitHub (CITATION.cff) and Zenodo (.zenodo.json), made from the two records.

citation_cff(text, edition) and zenodo_json(text, edition) take the TextRecord and the EditionRecord and
return the files' text; the repository keeps both files at its root and a test keeps them equal to what
these functions make. The edition's editors are its authors; the essay and its transcription are the
works it builds on. Pure: no I/O.
"""

from __future__ import annotations

import json
import re

import yaml

from .model import EditionRecord, TextRecord
from .render import format_date
from .typography import typeset

CFF_VERSION = "1.2.0"
MESSAGE = "If you use this edition, please cite it as below; cite the essay itself by its 1937 printing."
LANGUAGES_639_3 = {"en": "eng"}


def citation_cff(text: TextRecord, edition: EditionRecord) -> str:
    """CITATION.cff (Citation File Format 1.2.0): the edition, with the printing and the transcription as references."""
    first, last = _pages(text.pages)
    printing = {
        "type": "article",
        "title": typeset(text.title),
        "authors": [_cff_person(text.author)],
        "journal": text.periodical,
        "volume": text.volume,
        "issue": text.number,
        "start": first,
        "end": last,
        "date-published": text.published,
        "year": int(text.published[:4]),
        "publisher": {"name": text.publisher_of_periodical, "city": text.periodical_place},
        "languages": [text.language],
        "url": text.scans.url,
    }
    transcription = {
        "type": "generic",
        "title": f"{typeset(text.title)} (transcription, {text.transcription_collection})",
        "authors": [_cff_person(text.transcriber)],
        "publisher": {"name": text.transcription_publisher, "city": text.transcription_place},
        "year": int(text.transcription_year),
        "notes": text.notice,
    }
    data = {
        "cff-version": CFF_VERSION,
        "message": MESSAGE,
        "type": "dataset",
        "title": typeset(edition.title),
        "abstract": text.description,
        "authors": [{"name": person.name} for person in edition.editors],
        "version": edition.version,
        "date-released": edition.released,
        "license": edition.licence.id,
        "repository-code": edition.repository,
        "url": edition.repository,
        "references": [printing, transcription],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def zenodo_json(text: TextRecord, edition: EditionRecord) -> str:
    """.zenodo.json: what Zenodo's GitHub integration records for each release of the repository."""
    data = {
        "title": typeset(edition.title),
        "upload_type": "dataset",
        "description": (
            f"<p>{_html(typeset(text.description))}</p><p>An annotated edition of {_html(text.author)}, "
            f"“{_html(_inner_title(text.title))}”, <i>{_html(text.periodical)}</i> "
            f"({_html(text.periodical_place)}), vol. {_html(text.volume)}, no. {_html(text.number)}, "
            f"{format_date(text.published)}, pp. {_html(text.pages)}.</p>"
        ),
        "creators": [{"name": person.name} for person in edition.editors],
        "contributors": [{"name": person.name, "type": "Other"} for person in edition.contributors],
        "version": edition.version,
        "publication_date": edition.released,
        "language": LANGUAGES_639_3.get(text.language, text.language),
        "access_right": "open",
        "license": edition.licence.id.lower(),
        "notes": f"Licence: {edition.licence_scope} The essay's text: {text.notice} {edition.archiving}",
        "related_identifiers": [
            {"identifier": text.scans.url, "relation": "references", "scheme": "url"},
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _inner_title(title: str) -> str:
    """A title to stand inside double quotes: its own double quotes become single ones."""
    return typeset(title.replace('"', "'"))


def _cff_person(name: str) -> dict:
    """A person's name as CFF wants it: given names, then the last word as the family name."""
    given, _, family = name.rpartition(" ")
    return {"family-names": family, "given-names": given} if given else {"name": name}


def _pages(pages: str) -> tuple[str, str]:
    found = re.fullmatch(r"\s*(\w+)\s*[–-]\s*(\w+)\s*", pages)
    return (found.group(1), found.group(2)) if found else (pages, pages)


def _html(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
