"""The claims register: claims are validated like every annotation, placed by quotation, listed by
section with their two verdicts, and filterable as plain lists without script."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.load import load_annotations
from edition.match import place_annotations
from edition.model import VERDICTS
from edition.parse import parse_essay
from edition.references import check_references

FIXTURE_TEXT = """A Title.

by Someone

Published somewhere.

Marshal Tukhachevsky and Stalin met in Moscow. They will meet again.

June 18, 1937.

Edited by Someone Else.
"""
ESSAY = parse_essay(FIXTURE_TEXT, "fixture", expected_joins=0)
CLAIM = """\
- kind: claim
  id: claim-meeting
  quote: {quote}
  type: {type}
  claim: They met.
  then:
    verdict: {then}
    reason: The press said so.
    note: {then_note}
    sources:
      - type: press
        title: A headline
        in: A paper
        date: "1937-06-12"
  now:
    verdict: {now}
    reason: Historians agree.
    note: Later work confirms it.
    sources:
      - type: book
        author: A Historian
        title: A Book
        publisher: A Press
        date: "1990"
        pages: "12"
"""


def messages(tmp_path: Path, **fields) -> tuple[list[str], object]:
    values = {"quote": "met in Moscow", "type": "fact", "then": "accurate", "now": "accurate", "then_note": "So."}
    values.update(fields)
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "claims.yml").write_text(CLAIM.format(**values), encoding="utf-8")
    annotations, problems, refused = load_annotations(folder, tmp_path)
    problems += check_references(annotations, "1937-06-18", refused_ids=refused)
    placements, match_problems = place_annotations(ESSAY, annotations)
    return [str(p) for p in problems + match_problems], placements


def test_a_valid_claim_is_placed_on_its_words(tmp_path):
    found, placements = messages(tmp_path)
    assert found == []
    (placed,) = placements.claims
    assert ESSAY.paragraphs[0].text[placed.span.start : placed.span.end] == "met in Moscow"
    assert placed.number == 1


def test_a_verdict_off_its_types_scale_is_refused_with_the_scale(tmp_path):
    (message,) = messages(tmp_path, now="borne out")[0]
    assert message.startswith("annotations/claims.yml:1: claim 'claim-meeting': the verdict of 'now'")
    assert "the verdict of 'now' is 'borne out'; a fact takes one of: " + ", ".join(VERDICTS["fact"]) in message


def test_a_judgment_takes_no_verdict(tmp_path):
    (message,) = messages(tmp_path, type="judgment")[0]
    assert "a judgment is registered, not given a verdict: remove the verdict of 'then'" in message


def test_a_prediction_is_judged_on_its_own_scale(tmp_path):
    found, _ = messages(tmp_path, type="prediction", then="untestable", now="not borne out", quote="will meet again")
    assert found == []


def test_what_could_be_known_then_may_not_name_a_later_date(tmp_path):
    (message,) = messages(tmp_path, then_note="Confirmed in 1956.")[0]
    assert "claim 'claim-meeting': 'then' names 1956, after the date of writing (1937-06-18)" in message


def test_a_claim_whose_words_are_not_in_the_essay_is_refused_with_the_nearest(tmp_path):
    (message,) = messages(tmp_path, quote="met in Leningrad")[0]
    assert "claim 'claim-meeting': the quote 'met in Leningrad' is not found in the essay." in message


@pytest.fixture(scope="module")
def register(page):
    return page("claims/")


def test_the_register_lists_every_claim_by_section_with_both_verdicts(register, built):
    from edition.build import read_edition

    edition = read_edition(built)
    cards = register.select(".claims-list .claim")
    assert [c["id"] for c in cards] == [p.claim.id for p in edition.placements.claims]
    for card, placed in zip(cards, edition.placements.claims):
        claim = placed.claim
        assert card["data-type"] == claim.type
        if VERDICTS[claim.type]:
            verdicts = [v.get_text() for v in card.select(".verdict")]
            assert verdicts == [claim.then.verdict, claim.now.verdict], claim.id
        else:
            assert not card.select(".verdict"), claim.id


def test_the_register_works_as_plain_lists_by_type_and_verdict_without_script(register, built):
    from edition.build import read_edition

    edition = read_edition(built)
    for kind in VERDICTS:
        heading = register.find(id=kind)
        assert heading is not None, kind
        listed = []
        for element in heading.find_next_siblings():
            if element.name == "h2":
                break
            listed += [a["href"].lstrip("#") for a in element.select("a[href^='#claim-']")]
        assert listed == [p.claim.id for p in edition.placements.claims if p.claim.type == kind] or sorted(
            listed
        ) == sorted(p.claim.id for p in edition.placements.claims if p.claim.type == kind), kind
    summary = register.select_one(".claims-summary").get_text()
    predictions = [p.claim for p in edition.placements.claims if p.claim.type == "prediction"]
    borne = sum(1 for c in predictions if c.now.verdict == "borne out")
    assert f"of {len(predictions)} predictions, {borne} borne out" in summary


def test_every_section_page_marks_its_claims_and_holds_their_cards(page, built):
    from edition.build import read_edition

    edition = read_edition(built)
    for section in edition.essay.sections:
        soup = page(f"essay/{section.slug}/")
        here = [
            p.claim.id for p in edition.placements.claims if edition.essay.section_of(p.span.paragraph_id) == section
        ]
        marks = [a["data-claim"] for a in soup.select("p.para a.claim-ref")]
        assert sorted(marks) == sorted(here), section.slug
        assert sorted(c["id"].removeprefix("card-") for c in soup.select(".claims-here .claim")) == sorted(here)
        for mark in soup.select("a.claim-ref"):
            assert mark["aria-label"].startswith("Claim "), mark
