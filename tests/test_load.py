"""Annotation files are checked entry by entry, and every fault is reported as the editor will read it."""

import json
from pathlib import Path

import pytest

from edition.load import load_annotations
from edition.match import place_annotations
from edition.parse import parse_essay
from edition.references import check_references
from edition.schema import json_schema

SCHEMA_FILE = Path(__file__).parents[1] / "schema" / "annotations.schema.json"

FIXTURE_TEXT = """A Title.

by Someone

Published somewhere.

Marshal Tukhachevsky and Stalin met in Moscow.

June 18, 1937.

Edited by Someone Else.
"""
ESSAY = parse_essay(FIXTURE_TEXT, "fixture", expected_joins=0)

PERSON = """\
- kind: person
  id: mikhail-tukhachevsky
  name: Mikhail Tukhachevsky
  aliases: [Tukhachevsky]
  born: "1893-02-16"
  died: "1937-06-12"
  summary: Marshal of the Soviet Union, shot on 12 June 1937.
  sources:
    - type: web
      title: Mikhail Tukhachevsky (Wikipedia)
      url: https://en.wikipedia.org/wiki/Mikhail_Tukhachevsky
"""
EVENT = """\
- kind: event
  id: tukhachevsky-affair
  name: The Tukhachevsky affair
  start: "1937-05-22"
  end: "1937-06-12"
  summary: The arrest, secret trial and shooting of Marshal Tukhachevsky and seven commanders.
  sources:
    - type: web
      title: Case of the Trotskyist Anti-Soviet Military Organization (Wikipedia)
      url: https://en.wikipedia.org/wiki/Case_of_the_Trotskyist_Anti-Soviet_Military_Organization
"""
NOTE = """\
- kind: note
  id: note-meeting
  quote: met in Moscow
  note: |
    NOTE_TEXT
  sources:
    - type: web
      title: A source
      url: https://example.org/
"""


def messages(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """What `python -m edition check` would print for these annotation files on the fixture essay."""
    folder = tmp_path / "annotations"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    annotations, problems, refused = load_annotations(folder, tmp_path)
    problems += check_references(annotations, "1937-06-18", refused_ids=refused)
    if problems:
        return [str(problem) for problem in problems]
    _, problems = place_annotations(ESSAY, annotations)
    return [str(problem) for problem in problems]


def test_a_valid_entry_has_no_problems(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON, "events.yml": EVENT}) == []


# Keys and types ------------------------------------------------------------------------------------------


def test_an_unknown_key_is_an_error_with_a_did_you_mean_hint(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace("born:", "bron:")}) == [
        "annotations/people.yml:5: entry 'mikhail-tukhachevsky': unknown key 'bron'.\n"
        "  Hint: did you mean 'born'? A person needs kind, id, name, summary and sources;"
        " it may also have aliases, note, after, related, later_dates, born, died, arrested, death,"
        " announced and from_archives."
    ]


def test_an_unknown_key_in_a_source_names_the_source(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace("url:", "adress:")}) == [
        "annotations/people.yml:11: entry 'mikhail-tukhachevsky': unknown key 'adress' in source 1.\n"
        "  Hint: a source needs type and title;"
        " it may also have author, in, publisher, place, date, pages, url and via.",
    ]


def test_a_missing_field_is_an_error(tmp_path):
    text = PERSON.replace("  summary: Marshal of the Soviet Union, shot on 12 June 1937.\n", "")
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:1: entry 'mikhail-tukhachevsky': the required key 'summary' is missing.\n"
        "  Hint: a person needs kind, id, name, summary and sources;"
        " it may also have aliases, note, after, related, later_dates, born, died, arrested, death,"
        " announced and from_archives."
    ]


def test_a_date_that_yaml_reads_as_a_number_asks_for_quotes(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace('born: "1893-02-16"', "born: 1893")}) == [
        "annotations/people.yml:5: entry 'mikhail-tukhachevsky': 'born' should be text, found the number 1893.\n"
        '  Hint: quote dates, or YAML reads them as numbers: born: "1893-02-16".'
    ]


def test_a_single_alias_where_a_list_belongs_is_an_error(tmp_path):
    (message,) = messages(tmp_path, {"people.yml": PERSON.replace("[Tukhachevsky]", "Tukhachevsky")})
    assert message == (
        "annotations/people.yml:4: entry 'mikhail-tukhachevsky': 'aliases' should be a list,"
        " found the text 'Tukhachevsky'.\n"
        "  Hint: write a list, e.g. aliases: [Stalin, Stalin's]"
    )


def test_an_unknown_kind_is_an_error_with_a_did_you_mean_hint(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace("kind: person", "kind: persn")}) == [
        "annotations/people.yml:1: entry 'mikhail-tukhachevsky': unknown kind 'persn'.\n"
        "  Hint: did you mean 'person'? Kind is one of:"
        " person, organization, event, place, term, publication, note, claim, emendation."
    ]


def test_an_id_that_is_not_kebab_case_is_an_error_with_the_kebab_form(tmp_path):
    text = PERSON.replace("id: mikhail-tukhachevsky", "id: Mikhail_Tukhachevsky")
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:2: entry 'Mikhail_Tukhachevsky': 'id' is 'Mikhail_Tukhachevsky',"
        " which is not a kebab-case id.\n"
        "  Hint: ids are lower-case letters and digits joined by single hyphens: write 'mikhail-tukhachevsky'."
    ]


def test_a_summary_over_200_characters_is_an_error(tmp_path):
    text = PERSON.replace("shot on 12 June 1937.", "shot on 12 June 1937" + ", and so on" * 16 + ".")
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:7: entry 'mikhail-tukhachevsky': 'summary' is 226 characters long;"
        " at most 200 are allowed.\n"
        "  Hint: keep the summary to one sentence; put the rest in 'note'."
    ]


def test_a_source_address_must_be_http_or_https(tmp_path):
    text = PERSON.replace("https://en.wikipedia.org/wiki/Mikhail_Tukhachevsky", '"javascript:alert(1)"')
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:11: entry 'mikhail-tukhachevsky': 'url' of source 1 is 'javascript:alert(1)',"
        " which is not an http(s) address.\n"
        "  Hint: write the whole address, starting https:// (or http://)."
    ]


def test_a_source_address_that_would_end_its_link_early_is_an_error(tmp_path):
    text = PERSON.replace("wiki/Mikhail_Tukhachevsky\n", "wiki/Mikhail_Tukhachevsky)[x](javascript:alert(1)\n")
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:11: entry 'mikhail-tukhachevsky': 'url' of source 1 is"
        " 'https://en.wikipedia.org/wiki/Mikhail_Tukhachevsky)[x](javascript:alert(1)',"
        " which has a ')' that closes no '('.\n"
        "  Hint: in an address write ( as %28, ) as %29, [ as %5B, ] as %5D and ` as %60."
    ]


def test_a_source_address_with_balanced_parentheses_is_accepted(tmp_path):
    text = PERSON.replace("Mikhail_Tukhachevsky\n", "Mikhail_Tukhachevsky_(marshal)\n")
    assert messages(tmp_path, {"people.yml": text}) == []


def test_every_problem_of_a_file_is_reported_in_the_order_of_the_file(tmp_path):
    text = (
        PERSON.replace("name:", "nmae:").replace('died: "1937-06-12"', 'died: "1937-13"')
        + "\n"
        + EVENT.replace("id: tukhachevsky-affair", "id: Affair")
    )
    found = [m.split("\n")[0] for m in messages(tmp_path, {"people.yml": text})]
    assert found == [
        "annotations/people.yml:1: entry 'mikhail-tukhachevsky': the required key 'name' is missing.",
        "annotations/people.yml:3: entry 'mikhail-tukhachevsky': unknown key 'nmae'.",
        "annotations/people.yml:6: entry 'mikhail-tukhachevsky': 'died' is '1937-13', which has no month 13.",
        "annotations/people.yml:14: entry 'Affair': 'id' is 'Affair', which is not a kebab-case id.",
    ]


# Dates -----------------------------------------------------------------------------------------------


def test_a_month_13_is_an_error(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace("1893-02-16", "1893-13-16")}) == [
        "annotations/people.yml:5: entry 'mikhail-tukhachevsky': 'born' is '1893-13-16', which has no month 13.\n"
        "  Hint: months run from 01 to 12: YYYY-MM-DD."
    ]


def test_30_february_is_an_error(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace("1893-02-16", "1893-02-30")}) == [
        "annotations/people.yml:5: entry 'mikhail-tukhachevsky': 'born' is '1893-02-30',"
        " which is not a day of the calendar.\n"
        "  Hint: February 1893 has 28 days; dates are Gregorian (New Style)."
    ]


def test_a_date_in_another_form_is_an_error(tmp_path):
    (message,) = messages(tmp_path, {"people.yml": PERSON.replace("1893-02-16", "16 February 1893")})
    assert message.startswith(
        "annotations/people.yml:5: entry 'mikhail-tukhachevsky': 'born' is '16 February 1893', which is not a date."
    )


def test_dying_before_being_born_is_an_error(tmp_path):
    assert messages(tmp_path, {"people.yml": PERSON.replace("1937-06-12", "1893-01")}) == [
        "annotations/people.yml:6: entry 'mikhail-tukhachevsky': 'died' is 1893-01, before 'born' (1893-02-16).\n"
        "  Hint: check the order and the years; dates are Gregorian (New Style), YYYY-MM-DD."
    ]


def test_an_event_ending_before_it_starts_is_an_error(tmp_path):
    assert messages(tmp_path, {"events.yml": EVENT.replace('end: "1937-06-12"', 'end: "1937-05-21"')}) == [
        "annotations/events.yml:5: entry 'tukhachevsky-affair': 'end' is 1937-05-21, before 'start' (1937-05-22).\n"
        "  Hint: check the order and the years; dates are Gregorian (New Style), YYYY-MM-DD."
    ]


def test_dates_of_different_precision_compare_on_what_both_give(tmp_path):
    people = PERSON.replace("1937-06-12", "1893-02")
    events = EVENT.replace('start: "1937-05-22"', 'start: "1937-06"').replace('end: "1937-06-12"', 'end: "1937"')
    assert messages(tmp_path, {"people.yml": people, "events.yml": events}) == []


# Across files and against the essay ------------------------------------------------------------------------


def test_a_duplicate_id_across_two_files_names_both_places(tmp_path):
    other = EVENT.replace("id: tukhachevsky-affair", "id: mikhail-tukhachevsky")
    assert messages(tmp_path, {"people.yml": PERSON, "events.yml": other}) == [
        "annotations/people.yml:2: entry 'mikhail-tukhachevsky': the id 'mikhail-tukhachevsky' is already used"
        " by the entry at annotations/events.yml:2.\n"
        "  Hint: ids must be unique across all annotation files: rename one of the two."
    ]


def test_a_related_id_that_names_no_entry_is_an_error_with_a_did_you_mean_hint(tmp_path):
    text = EVENT + "  related: [mikhail-tuhkachevsky]\n"
    assert messages(tmp_path, {"people.yml": PERSON, "events.yml": text}) == [
        "annotations/events.yml:11: entry 'tukhachevsky-affair': related id 'mikhail-tuhkachevsky' names no entry.\n"
        "  Hint: did you mean 'mikhail-tukhachevsky'?"
    ]


def test_a_related_id_of_an_entry_with_its_own_problem_is_not_reported_again(tmp_path):
    people = PERSON.replace("born:", "bron:")
    events = EVENT + "  related: [mikhail-tukhachevsky]\n"
    (message,) = messages(tmp_path, {"people.yml": people, "events.yml": events})
    assert "unknown key 'bron'" in message


def test_an_alias_that_occurs_nowhere_in_the_essay_is_an_error_with_the_essays_spelling(tmp_path):
    text = PERSON.replace("[Tukhachevsky]", "[Tukachevsky]")
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:1: entry 'mikhail-tukhachevsky': alias 'Tukachevsky' occurs nowhere in the essay.\n"
        "  Hint: aliases must match the essay's spelling exactly (the essay has 'Tukhachevsky')."
    ]


def test_an_alias_in_the_wrong_case_is_an_error_with_the_essays_case(tmp_path):
    text = PERSON.replace("[Tukhachevsky]", "[tukhachevsky]")
    (message,) = messages(tmp_path, {"people.yml": text})
    assert message.endswith("the essay has 'Tukhachevsky'.")


def test_an_alias_claimed_by_two_entries_is_an_error(tmp_path):
    events = EVENT.replace("  start:", "  aliases: [Tukhachevsky]\n  start:")
    assert messages(tmp_path, {"people.yml": PERSON, "events.yml": events}) == [
        "annotations/people.yml:1: entry 'mikhail-tukhachevsky': alias 'Tukhachevsky' is already claimed by entry"
        " 'tukhachevsky-affair' (annotations/events.yml:1).\n"
        "  Hint: an alias may belong to one entry only; give the more specific entry a longer alias."
    ]


# Markup: what the allowlist would strip from an editor's Markdown is refused where it was written ---------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("<script>alert(1)</script>", "a script"),
        ("<img src=x onerror=alert(1)>", "an image"),
        ('See <a href="#" onclick="alert(1)">this</a>.', 'the HTML attribute onclick="alert(1)"'),
        ("[x](javascript:alert(1))", "a link to 'javascript:alert(1)'"),
        ("[x](  JavaScript:alert(1) 'title')", "a link to 'JavaScript:alert(1)'"),
        ("![x](https://tracker.example/p.gif)", "an image"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "a link to 'data:text/html;base64,PHNjcmlwdD4='"),
        ("[x](vbscript:msgbox(1))", "a link to 'vbscript:msgbox(1)'"),
        ("See [x][1].\n\n[1]: javascript:alert(1)", "a link to 'javascript:alert(1)'"),
        ("See [the source][1].\n\n> [1]: javascript:alert(1)", "a link to 'javascript:alert(1)'"),
        ("- See [x][1].\n\n    [1]: javascript:alert(1)", "a link to 'javascript:alert(1)'"),
        ("<javascript:alert(1)>", "the HTML element <javascript:alert(1)>"),
        ('[x](https://example.org/){ onclick="alert(1)" }', 'the HTML attribute onclick="alert(1)"'),
        ("A paragraph.\n{: onmouseover=alert(1) }", 'the HTML attribute onmouseover="alert(1)"'),
        ("<iframe src=https://example.org></iframe>", "an embedded page"),
        ('<p style="background:url(https://t.example/x)">x</p>', "the HTML attribute style="),
    ],
)
def test_markup_the_allowlist_would_strip_is_refused_where_it_was_written(tmp_path, note, expected):
    text = NOTE.replace("NOTE_TEXT", note.replace("\n", "\n    "))
    found = messages(tmp_path, {"notes.yml": text})
    assert found, "refused"
    assert found[0].startswith(f"annotations/notes.yml:4: note 'note-meeting': 'note' contains {expected}")
    assert "\n  Hint: annotations are Markdown without HTML" in found[0]


def test_raw_html_in_a_plain_text_field_is_refused_as_it_would_be_shown_as_typed(tmp_path):
    text = PERSON.replace("shot on 12 June 1937.", "shot in a <b>secret</b> trial.")
    assert messages(tmp_path, {"people.yml": text}) == [
        "annotations/people.yml:7: entry 'mikhail-tukhachevsky': 'summary' contains the HTML tag '<b>',"
        " which plain text shows as typed.\n"
        "  Hint: summaries, names and titles are plain text: leave out the angle brackets."
    ]


def test_ordinary_markdown_links_and_text_are_accepted(tmp_path):
    note = (
        "*Pravda* said so; see [the article](https://en.wikipedia.org/wiki/Pravda_(newspaper)),"
        " [the glossary](glossary.md#joseph-stalin) and [a][ref].\n"
        "    Numbers: 3 < 4 and 5 > 2; *italics*, **bold**, Stalin & Trotsky.\n\n"
        "    [ref]: https://example.org/ref"
    )
    assert messages(tmp_path, {"notes.yml": NOTE.replace("NOTE_TEXT", note)}) == []


# The published format ----------------------------------------------------------------------------------------


def test_the_committed_schema_is_the_generated_one():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: make schema"
