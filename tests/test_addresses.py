"""Every paragraph keeps its id forever, and carries it in the built HTML with a visible permalink."""

import json
from pathlib import Path

MANIFEST = Path(__file__).parents[1] / "manifest" / "paragraph-ids.json"


def test_no_published_id_changes_meaning(essay):
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    paragraphs = {p.id: p.text for p in essay.paragraphs}
    changed = {pid: words for pid, words in manifest.items() if not paragraphs.get(pid, "").startswith(words)}
    assert not changed, f"these ids would point at other paragraphs: {changed}"
    assert set(paragraphs) == set(manifest), "a paragraph without a recorded id: add it to the manifest"


def test_each_section_page_carries_its_paragraph_ids_on_the_p_elements(essay, page):
    for section in essay.sections:
        html = page(f"essay/{section.slug}/")
        ids = [p["id"] for p in html.select("article p.para")]
        assert ids == [p.id for p in section.paragraphs], section.slug


def test_every_paragraph_shows_its_number_as_a_permalink(essay, page):
    html = page("essay/self-indicting-accusers/")
    paragraph = html.find("p", id="p16")
    link = paragraph.find("a", class_="pnum")
    assert link["href"] == "#p16" and link.get_text() == "16"
    assert "Paragraph 16" in link["aria-label"]


def test_the_whole_essay_page_uses_the_same_ids(essay, page):
    html = page("full-text/")
    assert [p["id"] for p in html.select("article p.para")] == [p.id for p in essay.paragraphs]


def test_ids_are_unique_on_every_page(built):
    from bs4 import BeautifulSoup

    for file in built.site.rglob("*.html"):
        ids = [tag["id"] for tag in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("[id]")]
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, f"{file.relative_to(built.site)}: {duplicates}"
