"""Faithfulness: undoing every recorded change to the reading text gives back the source word for word."""

import re

from edition.build import Project
from edition.parse import is_heading, split_blocks

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def words(text: str) -> list[str]:
    """Words as a reader compares them: quote shapes folded, dashes their own token whatever their spacing."""
    return re.sub(r"\s*—\s*", " — ", text.translate(_FOLD)).split()


def source_body_words() -> tuple[list[str], list[str]]:
    blocks = [b.text for b in split_blocks(Project().source.read_text(encoding="utf-8"))][3:]
    body = blocks[: blocks.index("June 18, 1937.")]
    headings = [b for b in body if is_heading(b)]
    return words(" ".join(b for b in body if not is_heading(b))), headings


def reading_text_words(html, essay) -> list[str]:
    """The reading text with its recorded changes undone: emendations, joins, typography."""
    out = []
    for paragraph in html.select("article p.para"):
        for marker in paragraph.select("a.pnum, sup, a.claim-ref"):
            marker.decompose()
        for emendation in paragraph.select("a.emendation"):
            emendation.string = emendation["data-sic"]
        text = paragraph.get_text().strip()
        for join in essay.joins:
            if join.paragraph_id == paragraph["id"] and join.dehyphenated:
                first, second = join.first_ends.split()[-1], join.second_starts.split()[0]
                text = text.replace(first[:-1] + second, f"{first} {second}", 1)
        out += words(text)
    return out


def test_the_whole_essay_page_gives_back_the_source_word_for_word(essay, page):
    expected, _ = source_body_words()
    assert reading_text_words(page("full-text/"), essay) == expected


def test_the_section_pages_together_give_back_the_source_word_for_word(essay, page):
    expected, headings = source_body_words()
    found = []
    for section in essay.sections:
        found += reading_text_words(page(f"essay/{section.slug}/"), essay)
    assert found == expected


def test_every_printed_heading_is_shown(essay, page):
    _, headings = source_body_words()
    shown = [page(f"essay/{s.slug}/").select_one("article h1").get_text() for s in essay.sections[1:]]
    assert [h + "." for h in shown] == [h.translate(_FOLD).replace("'", "’") for h in headings]


def test_the_reading_text_shows_each_emendation_and_keeps_the_original(page):
    html = page("essay/great-discontent-in-the-soviet-union/")
    emendation = html.select_one("a.emendation[data-sic='Thought']")
    assert emendation.get_text() == "Though"
    assert "the source reads “Thought”" in emendation["title"]
    assert emendation["href"].endswith("about/#em-though")


def test_the_editorial_page_lists_every_join_and_emendation(essay, page):
    html = page("about/")
    tables = html.select("article table")
    joins, emendations = tables[0], tables[1]
    assert len(joins.select("tbody tr")) == len(essay.joins) == 10
    assert len(emendations.select("tbody tr")) == 6
    assert emendations.select_one("#em-though").get_text() == "Thought"
