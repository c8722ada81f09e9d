"""The transcription is parsed by rule into front matter, ten sections of paragraphs and back matter."""

import hashlib

import pytest

from edition.build import Project
from edition.model import InputError
from edition.parse import parse_essay

SOURCE_SHA256 = "d86e4b5b7a1c98382e2c1022540d80b352b7191247141cfb6624ae695a6cfc7b"
HEADINGS = [
    "Great Discontent in the Soviet Union",
    "Stalin Confronted with a Double Dilemma",
    "Self-Indicting Accusers",
    "Background and Basis of Recent Events",
    "New Moods in Masses and Party Members",
    "Stalin's Faction Strategy Falls Short",
    "Errors That Are Terrifically Costly",
    "Darkness Before the Dawn",
    "What's To Be Done",
]


def test_the_source_is_the_transcription_byte_for_byte():
    assert hashlib.sha256(Project().source.read_bytes()).hexdigest() == SOURCE_SHA256


def test_front_matter(essay):
    assert essay.title == "The Meaning of the Soviet “Purges.”"
    assert essay.byline == "by Jay Lovestone"
    assert essay.publication_line.startswith("Published in *Workers Age*, v. 6, no. 27 (July 3, 1937)")


def test_back_matter(essay):
    assert essay.dateline == "June 18, 1937."
    assert essay.back_matter[0] == "Edited by Tim Davenport."
    assert "Non-commercial reproduction permitted." in essay.back_matter[1]


def test_an_untitled_opening_and_nine_headed_sections(essay):
    assert [s.title for s in essay.sections[1:]] == HEADINGS
    opening = essay.sections[0]
    assert opening.editorial_title and opening.printed_heading is None
    assert all(s.printed_heading == s.title + "." for s in essay.sections[1:])


def test_the_body_has_39_paragraphs_numbered_through_the_essay(essay):
    assert [p.id for p in essay.paragraphs] == [f"p{n}" for n in range(1, 40)]
    assert [len(s.paragraphs) for s in essay.sections] == [5, 5, 3, 4, 5, 4, 3, 4, 4, 2]


def test_ten_paragraphs_cut_at_breaks_are_rejoined_and_recorded(essay):
    assert [j.paragraph_id for j in essay.joins] == ["p5", "p8", "p11", "p13", "p16", "p19", "p25", "p28", "p35", "p38"]
    texts = {p.id: p.text for p in essay.paragraphs}
    assert "in behalf of himself — not for the organization — of giving" in texts["p5"]
    assert 'a first class "war for civilization" against the Soviet Union.' in texts["p38"]


def test_a_word_hyphenated_across_a_break_is_made_whole(essay):
    (join,) = [j for j in essay.joins if j.dehyphenated]
    assert join.paragraph_id == "p16" and join.first_ends.endswith("un-")
    text = essay.paragraphs[15].text
    assert "as largely unfounded the accusations" in text and "un-" not in text


def test_no_paragraph_ends_in_mid_sentence(essay):
    assert all(p.text.rstrip('"”').endswith((".", "?", "!")) for p in essay.paragraphs)


FIXTURE = """A Title.

by Someone

Published somewhere.

First paragraph, cut in

two by a break.

A Heading.

Second paragraph.

June 1, 1937.

Edited by Someone Else.
"""


def test_a_fixture_essay_parses_with_its_own_number_of_joins():
    essay = parse_essay(FIXTURE, expected_joins=1)
    assert [s.title for s in essay.sections] == ["Introduction", "A Heading"]
    assert essay.paragraphs[0].text == "First paragraph, cut in two by a break."
    assert essay.joins[0].line == 9


def test_an_unexpected_number_of_breaks_stops_the_build():
    with pytest.raises(InputError) as raised:
        parse_essay(FIXTURE, expected_joins=10)
    assert "expected 10 paragraphs cut in mid-sentence, found 1 (line 9)" in str(raised.value)


def test_a_body_without_dateline_is_refused():
    with pytest.raises(InputError, match="no dateline"):
        parse_essay(FIXTURE.replace("June 1, 1937.", "Later."), expected_joins=1)
