"""One fact, one value: a person's death or arrest, wherever the prose dates it, agrees with the entry's
structured field; and the hindsight rule holds for every file as committed."""

from __future__ import annotations

import dataclasses
import re

import pytest

from edition.build import Project, read_edition
from edition.dates import MONTHS
from edition.references import check_hindsight

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_DATE = rf"(\d{{1,2}}) ({'|'.join(MONTHS)}) (1[89]\d\d)"
# "was shot on 12 June 1937", "arrested, on 25 May 1937": the verb, at most three words, "on", the day.
VERBS = {
    "died": re.compile(
        rf"\b(?:died|was shot|were shot|executed|killed himself|shot himself)(?:,?\s+[\w-]+){{0,3}}?,?\s+on\s+{_DATE}"
    ),
    "arrested": re.compile(rf"\b(?:was arrested|arrested)(?:,?\s+[\w-]+){{0,3}}?,?\s+on\s+{_DATE}"),
}


@pytest.fixture(scope="module")
def edition():
    return read_edition(Project())


def prose(edition):
    """(where, text, the entry it is about if any) of every piece of editors' prose."""
    for entry in edition.annotations.entries:
        for key in ("summary", "note", "after", "announced", "from_archives"):
            if getattr(entry, key):
                yield f"{entry.file}:{entry.line} ({entry.id}.{key})", getattr(entry, key), entry
    for note in edition.annotations.notes:
        for key in ("note", "after"):
            if getattr(note, key):
                yield f"{note.file}:{note.line} ({note.id}.{key})", getattr(note, key), None
    for claim in edition.annotations.claims:
        yield f"{claim.file}:{claim.line} ({claim.id}.then)", claim.then.note, None
        yield f"{claim.file}:{claim.line} ({claim.id}.now)", claim.now.note, None


def surnames(entry) -> set[str]:
    """The one-word names a person goes by in the prose; a group ("the seven commanders") has none."""
    words = {a.removesuffix("'s") for a in entry.aliases if " " not in a}
    return words or (set() if entry.name.startswith("The ") else {entry.name.split()[-1]})


def test_every_dated_death_and_arrest_in_the_prose_agrees_with_the_entry(edition):
    people = [e for e in edition.annotations.entries if e.kind == "person"]
    names = {e.id: surnames(e) for e in people}
    disagreements = []
    for where, text, subject in prose(edition):
        for sentence in _SENTENCE.split(" ".join(text.split())):
            named = [e for e in people if any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names[e.id])]
            if subject is not None and subject.kind == "person" and subject not in named:
                named.append(subject)  # an entry's own prose is about it, named or not
            if len(named) != 1:
                continue  # a sentence about one person is a fact about that person
            person = named[0]
            for field, verb in VERBS.items():
                value = getattr(person, field)
                places = [m.start() for n in names[person.id] for m in re.finditer(rf"\b{re.escape(n)}\b", sentence)]
                first = min(places, default=0)
                for match in verb.finditer(sentence, first):  # the person named before the verb: its subject
                    day, month, year = match.groups()
                    said = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
                    if value and len(value) == 10 and said != value:
                        disagreements.append(f"{where}: {person.id} {field} {value}, the prose says {said}: {sentence}")
    assert not disagreements, "\n".join(disagreements)


def test_the_committed_annotations_keep_hindsight_in_its_place(edition):
    problems = list(check_hindsight(edition.annotations, edition.text.written))
    assert not problems, "\n".join(map(str, problems))


def test_a_death_dated_otherwise_than_the_entry_is_caught(edition):
    notes = list(edition.annotations.notes)
    notes[0] = dataclasses.replace(notes[0], note="Tukhachevsky was shot on 11 June 1937.")
    changed = dataclasses.replace(edition, annotations=dataclasses.replace(edition.annotations, notes=tuple(notes)))
    with pytest.raises(AssertionError, match="mikhail-tukhachevsky died 1937-06-12, the prose says 1937-06-11"):
        test_every_dated_death_and_arrest_in_the_prose_agrees_with_the_entry(changed)
