"""Checks that need every annotation at once: ids, related entries, aliases, dates, hindsight.

Pure functions from loaded annotations to a list of problems; nothing here reads a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from .dates import after as date_after
from .dates import before as date_before
from .model import Annotations, Claim, Emendation, Entry, Note, Problem

# Words too common to stand for an entry: an alias among them would mark half the essay.
STOP_WORDS = frozenset(
    "a an and are as at be but by for from had has have he her his i if in is it its of on or our she so than that"
    " the their them then there these they this those to was we were what when which who will with would you".split()
)
_LETTERS = re.compile(r"\w", re.UNICODE)
_MONTHS = "January February March April May June July August September October November December".split()
_LATER_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|193[89]|20\d\d)(?!\d)")
_DATE_1937 = re.compile(rf"(?:(\d{{1,2}}) )?({'|'.join(_MONTHS)}) 1937(?!\d)")

Item = Entry | Note | Emendation | Claim


def check_references(
    annotations: Annotations,
    written: str,
    reserved: dict[str, str] | None = None,
    refused_ids: Iterable[str] = (),
) -> list[Problem]:
    """Every cross-file problem. reserved: anchors the site already writes, with what writes them."""
    refused = set(refused_ids)
    return [
        *_duplicate_ids(annotations),
        *_reserved_ids(annotations, reserved or {}),
        *_related(annotations, refused),
        *_aliases(annotations),
        *_date_order(annotations),
        *check_hindsight(annotations, written),
    ]


def _items(annotations: Annotations) -> list[Item]:
    every = [*annotations.entries, *annotations.notes, *annotations.claims, *annotations.emendations]
    return sorted(every, key=lambda i: (i.file, i.line))


def noun(item: Item) -> str:
    return {Note: "note", Emendation: "emendation", Claim: "claim"}.get(type(item), "entry")


def _line(item: Item, key: str) -> int:
    return getattr(item, "key_lines", {}).get(key, item.line)


def _duplicate_ids(annotations: Annotations) -> Iterator[Problem]:
    seen: dict[str, Item] = {}
    for item in _items(annotations):
        if item.id in seen:
            first = seen[item.id]
            yield Problem(
                item.file,
                _line(item, "id"),
                f"{noun(item)} '{item.id}': the id '{item.id}' is already used by the {noun(first)} at"
                f" {first.file}:{_line(first, 'id')}.",
                "ids must be unique across all annotation files: rename one of the two.",
            )
        else:
            seen[item.id] = item


def _reserved_ids(annotations: Annotations, reserved: dict[str, str]) -> Iterator[Problem]:
    for item in _items(annotations):
        owner = reserved.get(item.id)
        if owner is None and re.fullmatch(r"p\d+", item.id):
            owner = "paragraph addresses (p1, p2, …)"
        if owner:
            yield Problem(
                item.file,
                _line(item, "id"),
                f"{noun(item)} '{item.id}': the id '{item.id}' is an anchor the site already writes ({owner}).",
                f"choose another id, e.g. '{item.id}-{noun(item)}'; a link to '#{item.id}' would otherwise"
                " lead to the wrong place.",
            )


def _related(annotations: Annotations, refused: set[str]) -> Iterator[Problem]:
    entry_ids = {e.id for e in annotations.entries}
    other_ids = {i.id for i in [*annotations.notes, *annotations.emendations, *annotations.claims]}
    for item in [*annotations.entries, *annotations.notes, *annotations.claims]:
        seen: set[str] = set()
        for related in item.related:
            label = f"{noun(item)} '{item.id}'"
            if related == item.id:
                yield Problem(
                    item.file, _line(item, "related"), f"{label}: related names the entry itself.", "remove it."
                )
            elif related in seen:
                yield Problem(
                    item.file, _line(item, "related"), f"{label}: related names '{related}' twice.", "keep one."
                )
            elif related not in entry_ids and related not in refused:
                if related in other_ids:
                    hint = f"'{related}' is a note, claim or emendation; related lists entries only."
                else:
                    close = difflib.get_close_matches(related, sorted(entry_ids), n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "related lists the ids of entries."
                message = f"{label}: related id '{related}' names no entry."
                yield Problem(item.file, _line(item, "related"), message, hint)
            seen.add(related)


def _aliases(annotations: Annotations) -> Iterator[Problem]:
    emended = {word for e in annotations.emendations for word in (e.sic, e.corr)}
    for entry in annotations.entries:
        for alias in entry.aliases:
            why = None
            if not _LETTERS.search(alias):
                why = "has no letters"
            elif len(_LETTERS.findall(alias)) == 1:
                why = "is a single letter"
            elif alias.lower() in STOP_WORDS:
                why = "is one of the commonest words of English"
            elif alias in emended:
                why = "is a word the edition emends"
            if why:
                yield Problem(
                    entry.file,
                    _line(entry, "aliases"),
                    f"entry '{entry.id}': the alias '{alias}' {why}, so it cannot stand for the entry.",
                    "an alias is a name as the essay prints it, e.g. aliases: [Tukhachevsky].",
                )


def _date_order(annotations: Annotations) -> Iterator[Problem]:
    for entry in annotations.entries:
        for first_key, last_key in (("born", "died"), ("start", "end"), ("born", "arrested"), ("arrested", "died")):
            first, last = getattr(entry, first_key), getattr(entry, last_key)
            if first and last and date_before(last, first):
                yield Problem(
                    entry.file,
                    _line(entry, last_key),
                    f"entry '{entry.id}': '{last_key}' is {last}, before '{first_key}' ({first}).",
                    "check the order and the years; dates are Gregorian (New Style), YYYY-MM-DD.",
                )


# Hindsight --------------------------------------------------------------------------------------------


def later_dates(text: str, written: str) -> Iterator[tuple[str, int, int]]:
    """(date as written, start, end) for each date in the prose that falls after the date of writing."""
    for match in _LATER_YEAR.finditer(text):
        yield match.group(0), match.start(), match.end()
    for match in _DATE_1937.finditer(text):
        day, month = match.group(1), _MONTHS.index(match.group(2)) + 1
        value = f"1937-{month:02d}" + (f"-{int(day):02d}" if day else "")
        if date_after(value, written):
            yield match.group(0), match.start(), match.end()


def _sentence_at(text: str, start: int, end: int) -> str:
    """The words around a place in the prose, for a message: from the last full stop before to the next after."""
    first = max(text.rfind(". ", 0, start) + 2, 0)
    last = text.find(". ", end)
    return " ".join(text[first : last + 1 if last >= 0 else len(text)].split())


def _covered(text: str, start: int, end: int, excepted: list[str]) -> bool:
    for words in excepted:
        at = text.find(words)
        while at >= 0:
            if at <= start and end <= at + len(words):
                return True
            at = text.find(words, at + 1)
    return False


def _prose_before_hindsight(item: Item) -> Iterator[tuple[str, str]]:
    """(key, text) of the fields that speak as of the date of writing."""
    if isinstance(item, Entry):
        yield from (("summary", item.summary), ("note", item.note or ""), ("announced", item.announced or ""))
    elif isinstance(item, Note):
        yield "note", item.note
    elif isinstance(item, Claim):
        yield from (("claim", item.claim), ("then", item.then.note))


def check_hindsight(annotations: Annotations, written: str) -> Iterator[Problem]:
    """A date after the date of writing belongs in `after` (or `now`), unless listed as a deliberate exception."""
    for item in _items(annotations):
        excepted = [words for words, _ in getattr(item, "later_dates", ())]
        for key, text in _prose_before_hindsight(item):
            for shown, start, end in later_dates(text, written):
                if _covered(text, start, end, excepted):
                    continue
                sentence = _sentence_at(text, start, end)
                short = sentence if len(sentence) <= 90 else sentence[:89] + "…"
                yield Problem(
                    item.file,
                    _line(item, key),
                    f"{noun(item)} '{item.id}': '{key}' names {shown}, after the date of writing ({written}):"
                    f" “{short}”",
                    "move the sentence to 'after' (what came later is hindsight), or list it under later_dates"
                    ' with the words and a reason, e.g.\n    later_dates:\n      - quote: "rehabilitated in 1957"'
                    "\n        reason: the dispute rests on a later publication",
                )
