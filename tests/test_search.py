"""The search index, read from the built site: every passage a target of its own, and nothing hidden in it.

Pagefind writes one fragment per indexed page (gzip, then "pagefind_dcd" and JSON): the page's indexed
text (`content`), its `anchors` (every element with an id, with the position of its first word) and its
`filters`. The search box splits a page's matches by those anchors, so each passage must be one.
"""

from __future__ import annotations

import copy
import gzip
import json
import re

import pytest

FRAGMENT_HEADER = b"pagefind_dcd"


@pytest.fixture(scope="module")
def fragments(built) -> dict[str, dict]:
    """The index's fragments by page address: {"/essay/introduction/": {...}}."""
    found = {}
    for path in sorted((built.site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_HEADER), path.name
        fragment = json.loads(data[len(FRAGMENT_HEADER) :])
        found[fragment["url"]] = fragment
    return found


def visible_text(element) -> str:
    """What a reader reads in an element, less what the generator keeps out of the index."""
    element = copy.copy(element)
    for hidden in element.select("[data-pagefind-ignore]"):
        hidden.decompose()
    return " ".join(element.get_text().split())


def anchors(fragment: dict) -> dict[str, dict]:
    return {anchor["id"]: anchor for anchor in fragment["anchors"]}


def test_the_index_holds_the_essay_pages_the_glossary_and_the_claims_and_nothing_else(essay, fragments):
    expected = {f"/essay/{s.slug}/" for s in essay.sections} | {"/glossary/", "/claims/"}
    assert set(fragments) == expected, "the whole-essay page repeats the sections; other pages are not passages"


def test_every_paragraph_is_an_anchor_of_its_page_with_its_words_alone(essay, page, fragments):
    for section in essay.sections:
        path = f"essay/{section.slug}/"
        indexed = anchors(fragments[f"/{path}"])
        for paragraph in page(path).select("article p.para"):
            anchor = indexed.get(paragraph["id"])
            assert anchor is not None and anchor["element"] == "p", f"{path}#{paragraph['id']} is no search target"
            # The index has the reading text itself: no number of the paragraph, note or claim glued to a word.
            assert " ".join(anchor["text"].split()) == visible_text(paragraph), paragraph["id"]
            assert not anchor["text"][:1].isdigit(), f"{paragraph['id']}: its number is indexed"


def test_every_note_entry_and_claim_is_an_anchor_of_its_page(essay, page, fragments):
    for section in essay.sections:
        path = f"essay/{section.slug}/"
        indexed = anchors(fragments[f"/{path}"])
        for note in page(path).select(".footnote li[id]"):
            assert indexed.get(note["id"], {}).get("element") == "li", f"{path}#{note['id']} is no search target"
    glossary = anchors(fragments["/glossary/"])
    for heading in page("glossary/").select("h3[id]"):
        assert glossary.get(heading["id"], {}).get("element") == "h3", f"glossary/#{heading['id']}"
    claims = anchors(fragments["/claims/"])
    for claim in page("claims/").select("div.claim[id]"):
        assert claims.get(claim["id"], {}).get("element") == "div", f"claims/#{claim['id']}"


def test_no_hidden_text_is_indexed(essay, page, fragments):
    for section in essay.sections:
        path = f"essay/{section.slug}/"
        html, content = page(path), fragments[f"/{path}"]["content"]
        for description in html.select(".entry-descriptions span"):
            summary = description.get_text().split(": ", 1)[1]
            assert summary[:60] not in content, f"{path}: the hidden summary of #{description['id']} is indexed"
        for mark in ("◇", "↩", "Skip to content", "min read", "Claims on this page", "Next:"):
            assert mark not in content, f"{path}: '{mark}' (navigation or a mark) is indexed"
        for marker in html.select("article sup[id^='fnref:']"):
            assert marker.has_attr("data-pagefind-ignore"), marker["id"]
            glued = re.escape(marker.get_text()) + r"[.,;:!?]?\s"
            word_before = marker.previous_sibling
            if isinstance(word_before, str) and word_before.split():
                assert not re.search(re.escape(word_before.split()[-1]) + glued, content), marker["id"]
    for number in page("essay/introduction/").select("a.pnum"):
        assert number["data-pagefind-ignore"] == "all", "the paragraph numbers in the margin stay out of the index"


def test_each_section_page_tells_the_index_its_paragraph_and_note_numbers(essay, page, fragments):
    for section in essay.sections:
        path = f"essay/{section.slug}/"
        filters = fragments[f"/{path}"]["filters"]
        assert sorted(filters["paragraph"], key=int) == [str(p.number) for p in section.paragraphs]
        notes = [li["value"] for li in page(path).select(".footnote li[id]")]
        assert sorted(filters.get("note", []), key=int) == notes


def test_the_build_publishes_only_the_parts_of_pagefind_the_search_box_uses(built):
    bundle = built.site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-highlight.js").is_file()
    assert not list(bundle.glob("*-ui.*")), "Pagefind's own interfaces are not used"
    assert not (built.site / "search" / "search_index.json").exists(), "Material's search is off"
