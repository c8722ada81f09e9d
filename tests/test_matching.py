"""Names in the essay are found by one pattern of every alias, on whole words, and linked once per paragraph."""

import pytest

from edition import match
from edition.build import Project, read_edition
from edition.match import alias_pattern, place_annotations, place_mentions
from edition.model import Annotations, Edition, Entry, Source
from edition.parse import parse_essay
from edition.render import PageContext, render_paragraph, render_section

# Two joins: "Marshal" / "Tukhachevsky" across a break, and "Tukha-" / "chevsky's" hyphenated across one.
FIXTURE_TEXT = """The Meaning of Things.

by Someone

Published somewhere, 1937.

Stalin spoke. Stalin's men listened to Stalin, and Stalinism and the Stalinist press agreed.

The Zinoviev execution shocked the party; Zinoviev had led the Party for years.

The trial of Marshal

Tukhachevsky was held in secret, as Tukha-

chevsky's friends feared.

Stalin Confronted with Critics.

Only Stalin knows.

June 18, 1937.

Edited by Someone Else.
"""


@pytest.fixture(scope="module")
def essay():
    return parse_essay(FIXTURE_TEXT, "fixture", expected_joins=2)


def entry(id: str, *aliases: str, kind: str = "person") -> Entry:
    return Entry(
        kind=kind,
        id=id,
        name=id,
        summary="A summary.",
        sources=(Source("web", "A source", url="https://example.org/"),),
        file="annotations/test.yml",
        line=1,
        aliases=aliases,
    )


ENTRIES = (
    entry("joseph-stalin", "Stalin"),
    entry("grigory-zinoviev", "Zinoviev"),
    entry("zinoviev-execution", "Zinoviev execution", kind="event"),
    entry("mikhail-tukhachevsky", "Marshal Tukhachevsky", "Tukhachevsky"),
    entry("cpsu", "Party", kind="organization"),
)


def mentions_of(essay, entry_id: str) -> list[tuple[str, str]]:
    mentions, problems = place_mentions(essay, ENTRIES)
    assert problems == []
    return [(m.span.paragraph_id, m.text) for m in mentions if m.entry_id == entry_id]


def test_the_fixture_essay_has_the_joins_the_tests_rely_on(essay):
    assert [(j.paragraph_id, j.dehyphenated) for j in essay.joins] == [("p3", False), ("p3", True)]
    assert essay.paragraphs[2].text == (
        "The trial of Marshal Tukhachevsky was held in secret, as Tukhachevsky's friends feared."
    )


def test_a_possessive_links_to_the_entry_with_the_possessive_in_its_words(essay):
    assert ("p1", "Stalin's") in mentions_of(essay, "joseph-stalin")


def test_a_curly_possessive_is_a_possessive_too():
    essay = parse_essay(FIXTURE_TEXT.replace("Stalin's men", "Stalin’s men"), expected_joins=2)
    assert ("p1", "Stalin’s") in mentions_of(essay, "joseph-stalin")


def test_an_alias_never_matches_inside_a_longer_word(essay):
    texts = [text for _, text in mentions_of(essay, "joseph-stalin")]
    assert texts == ["Stalin", "Stalin's", "Stalin", "Stalin"]  # not Stalinism, not Stalinist


def test_the_longest_alias_wins(essay):
    assert mentions_of(essay, "zinoviev-execution") == [("p2", "Zinoviev execution")]
    assert mentions_of(essay, "grigory-zinoviev") == [("p2", "Zinoviev")]  # the second one, on its own


def test_aliases_are_case_sensitive(essay):
    mentions, _ = place_mentions(essay, ENTRIES)
    (party,) = [m for m in mentions if m.entry_id == "cpsu"]
    paragraph = essay.paragraphs[1].text
    assert paragraph[party.span.start : party.span.end] == "Party"
    assert party.span.start > paragraph.index("the party")


def test_a_name_cut_by_a_page_break_is_found_in_the_rejoined_paragraph(essay):
    assert mentions_of(essay, "mikhail-tukhachevsky") == [("p3", "Marshal Tukhachevsky"), ("p3", "Tukhachevsky's")]


def test_only_the_first_mention_in_a_paragraph_is_a_link_but_all_are_recorded(essay):
    mentions, _ = place_mentions(essay, ENTRIES)
    stalin = [(m.span.paragraph_id, m.first_in_paragraph) for m in mentions if m.entry_id == "joseph-stalin"]
    assert stalin == [("p1", True), ("p1", False), ("p1", False), ("p4", True)]
    placements, _ = place_annotations(essay, Annotations(entries=ENTRIES))
    context = PageContext("essay/introduction.md", {e.id: e for e in ENTRIES})
    markdown = render_paragraph(essay.paragraphs[0], placements, context)
    assert markdown.count("glossary/index.md#joseph-stalin") == 1


def test_names_in_headings_are_never_mentions(essay):
    section = essay.sections[1]
    assert section.printed_heading == "Stalin Confronted with Critics."
    placements, _ = place_annotations(essay, Annotations(entries=ENTRIES))
    real = read_edition(Project())
    edition = Edition(real.text, real.record, essay, Annotations(entries=ENTRIES), placements)
    markdown = render_section(edition, section, {e.id: e for e in ENTRIES})
    (heading,) = [line for line in markdown.splitlines() if line.startswith("# ")]
    assert heading == "# Stalin Confronted with Critics"
    assert markdown.count("glossary/index.md#joseph-stalin") == 1  # "Only Stalin knows."


def test_all_aliases_are_found_with_one_compiled_pattern(essay, monkeypatch):
    calls = []

    def counting(aliases):
        calls.append(sorted(aliases))
        return alias_pattern(aliases)

    monkeypatch.setattr(match, "alias_pattern", counting)
    place_mentions(essay, ENTRIES)
    assert calls == [sorted(a for e in ENTRIES for a in e.aliases)]


def test_the_pattern_tries_longer_aliases_first():
    pattern = alias_pattern(["Zinoviev", "Zinoviev execution", "Stalin"])
    assert pattern.search("the Zinoviev execution").group(0) == "Zinoviev execution"


def test_a_quote_is_found_on_whole_words_only(essay):
    assert match.find_quote(essay, "Stalin") != []
    assert all(
        not essay.paragraphs[int(span.paragraph_id[1:]) - 1].text[span.end : span.end + 1].isalpha()
        for span in match.find_quote(essay, "Stalin")
    ), "'Stalin' must not be found inside 'Stalinism'"
    assert match.find_quote(essay, "talin") == []
    assert match.find_quote(essay, "Stalinis") == []
    (span,) = match.find_quote(essay, "Stalinism")
    assert span.paragraph_id == "p1"


def test_a_quote_is_found_across_a_rejoined_paragraph(essay):
    (span,) = match.find_quote(essay, "Marshal Tukhachevsky was held")
    assert span.paragraph_id == "p3"
