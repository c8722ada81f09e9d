"""Every name the essay calls for has an entry; mentions link to entries and entries link back."""

from pathlib import Path

import pytest

from edition.build import Project, read_edition

REQUIRED = """
joseph-stalin leon-trotsky grigory-zinoviev lev-kamenev karl-radek georgy-pyatakov genrikh-yagoda yan-gamarnik
mikhail-tukhachevsky janis-rudzutaks jozef-unszlicht vyacheslav-molotov kliment-voroshilov nikolai-bukharin
mikhail-tomsky alexei-rykov vladimir-lenin nikolai-yezhov yakov-agranov walter-duranty adolf-hitler
david-lloyd-george nikolai-yudenich alexander-kolchak wilhelm-ii jay-lovestone tim-davenport seven-commanders
international-communist-opposition independent-communist-labor-league cpsu comintern red-army politburo
moscow-party-committee communist-party-usa workers-age first-moscow-trial second-moscow-trial tukhachevsky-affair
trotsky-deportation five-year-plans soviet-constitution-1936 dizzy-with-success spanish-civil-war allied-intervention
white-offensives-1919 lenins-testament party-elections-1937 stalinism trotskyism hero-cult old-bolsheviks white-guard
hobsons-choice dictatorship-of-the-proletariat
""".split()
REQUIRED_NOTES = {
    "seven generals and a marshal of the Red Army fell before a firing squad",
    "Yudenich was menacing Leningrad",
    "Rudzutak entered the Political Bureau simultaneously with Molotov and Voroshilov",
    "dizzy with success",
    "being what Lenin characterized him to be",
    "such people as Yezhov and Agranov",
    "the cause of proletarian Spain",
    "the new Soviet constitution",
    "the Zinoviev execution",
}
ALLOWED = Path(__file__).parent / "allowed-unlisted-names.txt"


@pytest.fixture(scope="module")
def edition():
    return read_edition(Project())


def test_every_name_on_the_list_has_an_entry_with_sources(edition):
    entries = {e.id: e for e in edition.annotations.entries}
    missing = [i for i in REQUIRED if i not in entries]
    assert not missing


def test_people_have_gregorian_dates_and_the_essays_spelling_as_alias(edition):
    entries = {e.id: e for e in edition.annotations.entries}
    assert entries["georgy-pyatakov"].aliases == ("Piatakov",)
    assert entries["jozef-unszlicht"].name == "Józef Unszlicht" and "Unshlikht" in entries["jozef-unszlicht"].aliases
    assert entries["mikhail-tukhachevsky"].born == "1893-02-16"


def test_every_listed_passage_has_a_note(edition):
    quotes = {n.quote for n in edition.annotations.notes}
    assert not {q for q in REQUIRED_NOTES if not any(q in quote or quote in q for quote in quotes)}


def test_capitalised_names_without_an_entry_are_exactly_the_reviewed_ones(edition):
    lines = ALLOWED.read_text(encoding="utf-8").splitlines()
    allowed = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert set(edition.placements.unlisted_names) == allowed


def test_a_mention_links_to_its_entry_with_the_summary(page):
    html = page("essay/great-discontent-in-the-soviet-union/")
    link = html.select_one("p#p10 a.mention[href$='glossary/#janis-rudzutaks']")
    assert link.get_text() == "Rudzutak"
    description = html.find(id=link["aria-describedby"])
    assert "Jānis Rudzutaks" in description.get_text() and "1887" in description.get_text()
    assert description.find_parent(attrs={"hidden": True}) is not None


def test_only_the_first_mention_in_a_paragraph_is_a_link(page):
    html = page("essay/great-discontent-in-the-soviet-union/")
    paragraph = html.select_one("p#p10")
    assert len(paragraph.select("a.mention[href$='#janis-rudzutaks']")) == 1
    assert paragraph.get_text().count("Rudzutak") == 3


def test_every_entry_links_back_to_every_paragraph_that_names_it(edition, page):
    html = page("glossary/")
    for entry in edition.annotations.entries:
        named = {m.span.paragraph_id for m in edition.placements.mentions if m.entry_id == entry.id}
        heading = html.find(id=entry.id)
        assert heading is not None, entry.id
        backlinks = set()
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            backlinks |= {a["href"].split("#")[1] for a in sibling.select("a[href*='essay/']")}
        assert backlinks == named, entry.id


def test_the_glossary_groups_entries_by_kind_in_alphabetical_order(page):
    html = page("glossary/")
    people = html.find(id="person")
    names = []
    for sibling in people.find_next_siblings():
        if sibling.name == "h2":
            break
        if sibling.name == "h3":
            names.append(sibling.get_text())
    assert "Joseph Stalin" in names and len(names) >= 28
    surnames = ["Agranov", "Bukharin", "Davenport", "Duranty", "Gamarnik", "Hitler", "Kamenev", "Kolchak"]
    assert [n.split()[-1] for n in names[:8]] == surnames
