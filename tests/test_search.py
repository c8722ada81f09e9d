"""The search index, read from the built site: one record per passage, each leading to its anchor, and
nothing hidden in it.

Pagefind writes one fragment per record (gzip, then "pagefind_dcd" and JSON): the record's indexed text
(`content`), its metadata (`meta`: the result's title and the passage's address) and its `filters`.
"""

from __future__ import annotations

import copy
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from edition import search

FRAGMENT_HEADER = b"pagefind_dcd"


@pytest.fixture(scope="module")
def records(built) -> dict[str, dict]:
    """The index's records by the address they lead to: {"/essay/introduction/#p1": {...}}."""
    found = {}
    for path in sorted((built.site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_HEADER), path.name
        record = json.loads(data[len(FRAGMENT_HEADER) :])
        address = record["meta"]["url"]
        assert address not in found, f"two records lead to {address}"
        found[address] = record
    return found


def visible_text(element) -> str:
    """What a reader reads in an element, less what the generator keeps out of the index."""
    element = copy.copy(element)
    for hidden in element.select("[data-pagefind-ignore]"):
        hidden.decompose()
    return " ".join(element.get_text().split())


def passages_of(essay, page) -> dict[str, object]:
    """Every passage a reader can land on, by address, with its element in the built page."""
    found = {}
    for section in essay.sections:
        path = f"essay/{section.slug}/"
        html = page(path)
        for element in html.select("article p.para, article .footnote li[id]"):
            found[f"/{path}#{element['id']}"] = element
    for heading in page("glossary/").select("article h3[id]"):
        found[f"/glossary/#{heading['id']}"] = heading
    for claim in page("claims/").select("article div.claim[id]"):
        found[f"/claims/#{claim['id']}"] = claim
    return found


def test_each_paragraph_note_entry_and_claim_is_one_record_leading_to_its_anchor(built, essay, page, records):
    passages = passages_of(essay, page)
    edition_counts = len(essay.paragraphs) + len(page("glossary/").select("article h3[id]"))
    assert len(passages) > edition_counts, "the notes and claims are there too"
    assert set(records) == set(passages), "one record per passage, and none for anything else"
    titles = {
        "p": r"¶\d+ · .+",
        "li": r"Note \d+ · .+",
        "h3": r".+ · Glossary",
        "div": r"Claim \d+ \(\w+, ¶\d+\) · Claims register",
    }
    for address, element in passages.items():
        assert re.fullmatch(titles[element.name], records[address]["meta"]["title"]), address


def test_a_paragraph_record_holds_the_reading_text_alone(essay, page, records):
    for section in essay.sections:
        path = f"essay/{section.slug}/"
        for paragraph in page(path).select("article p.para"):
            record = records[f"/{path}#{paragraph['id']}"]
            number = paragraph["id"][1:]
            # No number of the paragraph, note or claim glued to a word: the words are the reader's words.
            assert " ".join(record["content"].split()) == visible_text(paragraph), paragraph["id"]
            assert record["meta"]["title"] == f"¶{number} · {page(path).select_one('article h1').get_text()}"


def test_a_paragraph_number_leads_to_the_paragraph(built, essay, records):
    """The list the search box reads for "¶17" and "p17": each number leads to its paragraph's record."""
    numbers = json.loads((built.site / "paragraphs.json").read_text(encoding="utf-8"))
    assert sorted(numbers, key=int) == [str(p.number) for p in essay.paragraphs]
    for number, paragraph in numbers.items():
        record = records["/" + paragraph["url"]]
        assert paragraph["title"] == record["meta"]["title"]
        assert paragraph["url"].endswith(f"#p{number}")
        assert " ".join(record["content"].split()).startswith(paragraph["opening"].rstrip("…"))


def test_no_hidden_text_is_indexed(essay, page, records):
    contents = "\n".join(record["content"] for record in records.values())
    for section in essay.sections:
        for description in page(f"essay/{section.slug}/").select(".entry-descriptions > span"):
            summary = description.get_text().split(": ", 1)[1]
            shown_in_the_glossary = f"/glossary/#{description['id'].removeprefix('about-')}"
            for address, record in records.items():
                if address != shown_in_the_glossary:
                    assert summary[:60] not in record["content"], f"the hidden summary is indexed in {address}"
    for mark in ("◇", "↩", "Skip to content", "min read", "Claims on this page", "Next:", "Sources:"):
        assert mark not in contents, f"'{mark}' (navigation, a mark or a citation) is indexed"
    for number in page("essay/introduction/").select("a.pnum"):
        assert number["data-pagefind-ignore"] == "all", "the paragraph numbers in the margin stay out of the index"


def test_a_passage_mark_without_a_kind_or_before_any_passage_is_reported():
    html = '<p id="p1" data-pagefind-body="">Words.</p><p data-pagefind-body="">More.</p>'
    passages, problems = search.cut_passages(html, "/essay/x/")
    assert passages == []
    assert problems == [
        "/essay/x/: the marked <p id='p1'> does not say what passage it is",
        "/essay/x/: a marked <p> that no passage precedes",
    ]
    html = '<div data-pagefind-body=""><h3 id="a" data-pagefind-body="" data-passage="entry">A</h3></div>'
    assert sorted(search.cut_passages(html, "/glossary/")[1]) == [
        "/glossary/: a marked <div> that no passage precedes",
        "/glossary/: a marked passage inside another: <h3 id='a'>",
    ]


def test_an_entry_is_its_heading_facts_and_body(page, records):
    record = records["/glossary/#yan-gamarnik"]
    heading = page("glossary/").find(id="yan-gamarnik")
    body = heading.find_next_sibling("div", class_="entry-body")
    assert record["content"].startswith(heading.get_text())
    assert visible_text(body.find("p"))[:80] in " ".join(record["content"].split())
    assert "Mentioned in" not in record["content"], "the entry's list of mentions quotes the essay: not indexed"


def test_the_build_publishes_only_the_parts_of_pagefind_the_search_box_uses(built):
    bundle = built.site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-highlight.js").is_file()
    assert not list(bundle.glob("*-ui.*")), "Pagefind's own interfaces are not used"
    assert not (bundle / "filter").exists(), "no filters: Pagefind 1.5 writes them in another order on every run"
    assert not (built.site / "search" / "search_index.json").exists(), "Material's search is off"


def index_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}


def pages_of(site: Path, target: Path) -> Path:
    """The built site without its index, as the renderer leaves it for the indexer."""
    shutil.copytree(site, target, ignore=lambda folder, names: ["pagefind"] if Path(folder) == site else [])
    return target


def test_the_same_passages_are_indexed_once_and_published_byte_for_byte(built, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = pages_of(built.site, tmp_path / "first")
    assert search.index_site(first, cache) == []
    indexed = index_files(first)
    assert indexed == index_files(built.site), "the kept index is the one the build published"

    def indexer_run(*args):
        raise AssertionError("Pagefind ran again for passages it had indexed")

    monkeypatch.setattr(search, "_write_index", indexer_run)
    second = pages_of(built.site, tmp_path / "second")
    for page in second.rglob("*.html"):  # a change of style or template touches no passage
        page.write_text(page.read_text(encoding="utf-8").replace("</head>", "<style>p{}</style></head>"))
    assert search.index_site(second, cache) == []
    assert index_files(second) == indexed


def test_a_changed_passage_is_indexed_anew_and_only_the_last_indexes_are_kept(built, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    runs = []
    real = search._write_index
    monkeypatch.setattr(search, "_write_index", lambda records, output: runs.append(records) or real(records, output))
    for number in range(search.KEPT_INDEXES + 1):
        site = pages_of(built.site, tmp_path / f"site-{number}")
        page = site / "essay" / "introduction" / "index.html"
        head, paragraphs = page.read_text(encoding="utf-8").split('id="p1"', 1)  # a word of a paragraph changed
        page.write_text(head + 'id="p1"' + paragraphs.replace("Stalin", f"Stalin{number}", 1), encoding="utf-8")
        assert search.index_site(site, cache) == []
        fragments = b"".join(gzip.decompress(p.read_bytes()) for p in (site / "pagefind" / "fragment").iterdir())
        assert f"Stalin{number}".encode() in fragments
    assert len(runs) == search.KEPT_INDEXES + 1
    assert len(list(cache.glob("search-*"))) == search.KEPT_INDEXES
