"""The reading experience in a real browser: popups, paragraph links and citations, selection links, search,
dark mode, print, accessibility (axe-core) and that nothing leaves 127.0.0.1.

The site is built once for this module with SITE_URL=http://127.0.0.1:<free port>/edition/ and served from
that address, as GitHub Pages serves a project site under /REPO/. Debian's Chromium is driven by Playwright.
Without Chromium or Playwright the module is skipped, except in CI (CI=true), where that is a failure.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import CHROMIUM_ARGS, PREFIX, chromium_available, chromium_path, free_port, in_ci, serve
from conftest import build_at, copy_project
from edition.build import read_edition

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
SECTION = "essay/self-indicting-accusers/"
PAGES = ["", SECTION, "glossary/", "about/"]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
CITATION = "Jay Lovestone, “The Meaning of the Soviet ‘Purges’,” Workers Age 6, no. 27 (July 3, 1937), ¶{n}, {url}."
PAGE_BUDGET = 160_000  # bytes, gzip: an essay page with everything it loads


def _missing(reason: str):
    if in_ci():
        pytest.fail(f"{reason}: CI=true, so the browser tests must run (see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    if not chromium_available():
        _missing("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(chromium, tmp_path_factory):
    """A private build for a free port, served from a thread; yields (base URL, project)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    project = copy_project(tmp_path_factory.mktemp("browser") / "project")
    build_at(project, url)
    with serve(project.site, port) as base:
        assert base == url
        yield base, project


@pytest.fixture(scope="module")
def base(site) -> str:
    return site[0]


@pytest.fixture(scope="module")
def html(site):
    """A built page as the server sends it, before any script ran: html(SECTION)."""

    def read(path: str) -> BeautifulSoup:
        return BeautifulSoup((site[1].site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    return read


class Reader:
    """One browser context, like one person's browser: records console errors and every request that would
    leave 127.0.0.1 (those are blocked, so a test can never reach the internet)."""

    def __init__(self, browser, base: str, **options):
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(**options)
        self.context.route(lambda url: not url.startswith("http://127.0.0.1:"), self._block)
        self.page = self.context.new_page()
        self.page.set_default_timeout(5000)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _block(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def open(self, path: str):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        # edition.js has run once its header switch is there.
        self.page.wait_for_selector(".ed-popups-toggle", state="attached")
        return self.page

    def popup(self):
        return self.page.locator("#ed-popup")

    def clipboard(self) -> str:
        return self.page.evaluate("navigator.clipboard.readText()")

    def tap(self, selector: str, index: int = 0):
        """Tap the middle of an element's first line box: a link that wraps has its centre between lines."""
        x, y = self.page.evaluate(
            """([selector, index]) => {
                const element = document.querySelectorAll(selector)[index];
                element.scrollIntoView({ block: "center" });
                const box = element.getClientRects()[0];
                return [box.left + box.width / 2, box.top + box.height / 2];
            }""",
            [selector, index],
        )
        self.page.touchscreen.tap(x, y)

    def shot(self, name: str, **options):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), **options)


@pytest.fixture
def reader(chromium, base, request):
    """A desktop reader; a test marked with @pytest.mark.parametrize("reader", [PHONE], indirect=True) gets
    other context options."""
    options = getattr(request, "param", None) or DESKTOP
    person = Reader(chromium, base, **options)
    yield person
    try:
        assert not person.outside, f"requests left 127.0.0.1: {person.outside}"
        assert not person.errors, f"console errors: {person.errors}"
    finally:
        person.context.close()


def summary_of(html, path: str, selector: str) -> str:
    """The entry summary a mention carries in the built page: its description after "Name (dates): "."""
    page = html(path)
    description = page.find(id=page.select_one(selector)["aria-describedby"])
    return description.get_text().split(": ", 1)[1]


def visible_popup(reader):
    from playwright.sync_api import expect

    popup = reader.popup()
    expect(popup).to_be_visible()
    return popup


def no_popup(reader, wait_ms: int = 600):
    reader.page.wait_for_timeout(wait_ms)
    return reader.page.evaluate("!document.querySelector('#ed-popup') || document.querySelector('#ed-popup').hidden")


# Popups ---------------------------------------------------------------------------------------------------

YAGODA = "#p16 a.mention[href$='#genrikh-yagoda']"


def test_hovering_a_name_shows_its_entry(reader, html):
    page = reader.open(SECTION)
    page.hover(YAGODA)
    popup = visible_popup(reader)
    assert summary_of(html, SECTION, YAGODA) in popup.inner_text()
    assert "Genrikh Yagoda" in popup.inner_text()
    assert popup.locator("a", has_text="Full entry").get_attribute("href") == "../../glossary/#genrikh-yagoda"
    # No title to double the popup with a native tooltip; the summary is the accessible description.
    link = page.locator(YAGODA)
    assert link.get_attribute("title") is None
    description = page.evaluate("id => document.getElementById(id).textContent", link.get_attribute("aria-describedby"))
    assert summary_of(html, SECTION, YAGODA) in description
    page.mouse.move(5, 880)
    assert no_popup(reader)


def test_keyboard_focus_shows_the_entry_and_escape_closes_it(reader, html):
    page = reader.open(SECTION)
    page.focus("#p16 a.pnum")
    page.keyboard.press("Tab")  # the first name in ¶16
    assert page.evaluate("document.activeElement.matches('#p16 a.mention')")
    popup = visible_popup(reader)
    expected = summary_of(html, SECTION, "#p16 a.mention")
    assert expected in popup.inner_text()
    page.keyboard.press("Escape")
    assert no_popup(reader, 100)
    assert page.evaluate("document.activeElement.matches('#p16 a.mention')"), "Escape must leave focus in place"


@pytest.mark.parametrize("reader", [PHONE], indirect=True)
def test_a_tap_opens_the_popup_without_navigating_and_its_link_leads_on(reader, html):
    page = reader.open(SECTION)
    reader.tap(YAGODA)
    popup = visible_popup(reader)
    assert page.url == reader.base + SECTION, "the first tap must not follow the link"
    assert summary_of(html, SECTION, YAGODA) in popup.inner_text()
    box = popup.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the popup stays within the screen"
    reader.shot("phone-popup.png")
    popup.locator("a", has_text="Full entry").tap()
    page.wait_for_url("**/glossary/#genrikh-yagoda")


def test_a_note_marker_shows_the_note(reader, html):
    page = reader.open(SECTION)
    marker = "a.footnote-ref[href='#fn:note-weirdest-fantasy']"
    page.hover(marker)
    popup = visible_popup(reader)
    note = html(SECTION).find(id="fn:note-weirdest-fantasy")
    first_paragraph = note.find("p").get_text(" ", strip=True)
    text = " ".join(popup.inner_text().split())
    assert " ".join(first_paragraph.split()[:12]) in text
    assert "↩" not in text, "the note's back link stays behind"
    assert popup.locator("[id]").count() == 0, "no duplicate ids from the cloned note"


def test_an_emendation_shows_the_source_reading(reader, html):
    path = "essay/great-discontent-in-the-soviet-union/"
    page = reader.open(path)
    emendation = html(path).select_one("a.emendation")
    page.hover(f"a.emendation[href='{emendation['href']}']")
    popup = visible_popup(reader)
    assert emendation["data-sic"] in popup.inner_text()
    assert popup.locator("a").first.get_attribute("href") == emendation["href"]


def test_the_popup_switch_turns_popups_off_and_is_remembered(reader):
    page = reader.open(SECTION)
    switch = page.locator(".ed-popups-toggle")
    assert switch.get_attribute("aria-pressed") == "true"
    box = switch.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    switch.click()
    assert switch.get_attribute("aria-pressed") == "false"
    page.hover(YAGODA)
    assert no_popup(reader)
    page.reload()
    page.wait_for_selector(".ed-popups-toggle")
    assert page.locator(".ed-popups-toggle").get_attribute("aria-pressed") == "false"
    page.hover(YAGODA)
    assert no_popup(reader)
    page.focus(YAGODA)
    assert no_popup(reader, 200)
    # With popups off a name is a plain link.
    page.click(YAGODA)
    page.wait_for_url("**/glossary/#genrikh-yagoda")
    page.go_back()
    page.locator(".ed-popups-toggle").click()
    page.hover(YAGODA)
    visible_popup(reader)


# Paragraph addresses, citations, passages --------------------------------------------------------------------


def test_a_permalink_lands_on_the_paragraph_highlighted(reader):
    page = reader.open(SECTION + "#p16")
    paragraph = page.locator("#p16")
    assert paragraph.evaluate("p => p.matches(':target, .is-target')")
    background = paragraph.evaluate("p => getComputedStyle(p).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the target paragraph is highlighted"
    header = page.locator(".md-header").bounding_box()
    box = paragraph.bounding_box()
    assert header["y"] + header["height"] - 1 <= box["y"] < 900 / 2, "scrolled into view, below the header"
    reader.shot("desktop-permalink.png")
    # A click on a number goes to that paragraph's address and copies nothing.
    page.click("#p17 a.pnum")
    page.wait_for_url("**#p17")
    assert page.locator("#p17").evaluate("p => p.matches(':target') && p.classList.contains('is-target')")
    assert not page.locator("#p16").evaluate("p => p.classList.contains('is-target')")
    assert page.evaluate("document.body.dataset.edCopied") is None


@pytest.mark.parametrize("reader", [{**DESKTOP, "permissions": ["clipboard-read", "clipboard-write"]}], indirect=True)
def test_copy_link_and_cite_give_the_section_address(reader):
    page = reader.open(SECTION)
    url = reader.base + SECTION + "#p16"
    # The tools appear on hover and on keyboard focus.
    tools = page.locator("#p16 .ed-tools")
    page.focus("#p16 .ed-tool[data-tool=link]")
    tools.evaluate("t => t.getAnimations().forEach(a => a.finish())")  # the fade-in
    assert tools.evaluate("t => getComputedStyle(t).opacity") == "1"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.edCopied")
    assert reader.clipboard() == url
    page.hover("#p16")
    page.click("#p16 .ed-tool[data-tool=cite]")
    expected = CITATION.format(n=16, url=url)
    popup = visible_popup(reader)
    assert expected in " ".join(popup.inner_text().split())
    page.wait_for_function("text => document.body.dataset.edCopied === text", arg=expected)
    assert reader.clipboard() == expected
    # On the whole essay the same paragraph is cited by its section page.
    page = reader.open("full-text/")
    page.hover("#p16")
    page.click("#p16 .ed-tool[data-tool=link]")
    page.wait_for_function("url => document.body.dataset.edCopied === url", arg=url)
    assert reader.clipboard() == url


@pytest.mark.parametrize("reader", [{**DESKTOP, "permissions": ["clipboard-read", "clipboard-write"]}], indirect=True)
def test_a_selection_offers_a_link_to_the_passage(reader):
    page = reader.open("full-text/")
    page.evaluate(
        """() => {
            const paragraph = document.getElementById("p16");
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.textContent.includes("Far be it"));
            const start = node.textContent.indexOf("Far be it");
            const last = "the slightest responsibility";
            const end = node.textContent.indexOf(last) + last.length;
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, end);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            paragraph.scrollIntoView();
        }"""
    )
    button = page.locator(".ed-select")
    button.wait_for(state="visible")
    assert button.inner_text().strip() == "Link to this passage"
    button.click()
    page.wait_for_function("document.body.dataset.edCopied")
    link = reader.clipboard()
    words = "#:~:text=Far%20be%20it%20from,even%20the%20slightest%20responsibility"
    assert link == reader.base + SECTION + words
    # The link works: Chromium scrolls to the passage.
    page.goto(link)
    page.wait_for_load_state("networkidle")
    box = page.locator("#p16").bounding_box()
    assert box["y"] + box["height"] > 0 and box["y"] < 900


# Search, dark mode, print --------------------------------------------------------------------------------------


def note_only_word(project) -> str:
    """A word that occurs in a passage note but nowhere in the essay's text: 'komandarm' where present."""
    edition = read_edition(project)
    essay_words = {w.lower() for p in edition.essay.paragraphs for w in re.findall(r"[A-Za-z]+", p.text)}
    note_words = [w.lower() for n in edition.placements.notes for w in re.findall(r"[A-Za-z]{7,}", n.note.note)]
    if "komandarm" in note_words and "komandarm" not in essay_words:
        return "komandarm"
    return next(w for w in note_words if w not in essay_words)


def paragraph_with(project, word: str) -> tuple[str, str]:
    """(section slug, paragraph id) of the only paragraph of the essay that has the word."""
    edition = read_edition(project)
    found = [p for p in edition.essay.paragraphs if re.search(rf"\b{word}\b", p.text)]
    assert len(found) == 1, f"'{word}' is in {len(found)} paragraphs; pick a word of one paragraph"
    return edition.essay.section_of(found[0].id).slug, found[0].id


def search(reader, words: str):
    """Open search as a reader does, with the "/" key, and type the words key by key; the results a reader
    sees once the count of results is announced."""
    from playwright.sync_api import expect

    page = reader.page
    page.keyboard.press("/")
    field = page.get_by_role("searchbox", name="Search the edition")
    expect(field).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(words, delay=30)
    expect(page.get_by_role("status")).to_contain_text(f"for “{words}”")
    return page.locator(".ed-search__result")


def test_search_finds_the_paragraph_and_lands_on_it_with_the_words_highlighted(reader, site):
    from playwright.sync_api import expect

    slug, paragraph = paragraph_with(site[1], "Yudenich")
    page = reader.open("")
    results = search(reader, "Yudenich")
    number = paragraph[1:]
    hit = results.filter(has=page.get_by_role("link", name=re.compile(rf"^¶{number} · ")))
    expect(hit).to_have_count(1)  # one result for the paragraph, not one for its page
    expect(hit.locator("mark")).to_have_text(["Yudenich"])  # the snippet is cut from the matching words
    hit.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/essay/{slug}/\?pagefind-highlight=Yudenich#{paragraph}$"))
    expect(page.locator(f"#{paragraph} mark.ed-highlight")).to_have_text("Yudenich")
    assert page.locator(f"#{paragraph}").evaluate("p => p.matches(':target')")
    box = page.locator(f"#{paragraph}").bounding_box()
    assert 0 <= box["y"] < 900, "the paragraph is in view"
    reader.shot("search-arrival.png")


@pytest.mark.parametrize("words", ["¶17", "p17"])
def test_search_for_a_paragraph_number_finds_the_paragraph(reader, words):
    from playwright.sync_api import expect

    page = reader.open(SECTION)
    results = search(reader, words)
    expect(results).to_have_count(1)
    link = results.get_by_role("link")
    expect(link).to_have_text("¶17 · Self-Indicting Accusers")
    page.keyboard.press("Enter")  # Enter follows the first result
    page.wait_for_url("**/essay/self-indicting-accusers/#p17")
    assert page.locator("#p17").evaluate("p => p.matches(':target')")


def test_search_for_a_word_found_only_in_a_note_leads_to_the_note(reader, site):
    from playwright.sync_api import expect

    word = note_only_word(site[1])
    page = reader.open(SECTION)
    results = search(reader, word)
    notes = results.filter(has=page.get_by_role("link", name=re.compile(r"^Note \d+ · ")))
    expect(notes.first).to_be_visible()
    href = notes.first.get_by_role("link").get_attribute("href")
    assert "#fn:" in href, href
    assert results.filter(has=page.get_by_role("link", name=re.compile(r"^¶"))).count() == 0, "not in the text"
    notes.first.get_by_role("link").click()
    note = href.rsplit("#", 1)[1]
    page.wait_for_url(f"**#{note}")
    expect(page.locator(f"[id='{note}'] mark.ed-highlight").first).to_be_visible()


def test_search_shows_help_and_suggestions_and_is_worked_by_keyboard(reader):
    from playwright.sync_api import expect

    page = reader.open(SECTION)
    opener = page.get_by_role("button", name="Search")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Search the edition")
    expect(dialog).to_be_visible()
    field = dialog.get_by_role("searchbox", name="Search the edition")
    expect(field).to_be_focused()
    help_text = page.locator("#" + field.get_attribute("aria-describedby"))
    expect(help_text).to_contain_text("¶17")  # how to find a paragraph by its number
    expect(help_text).to_contain_text("notes")
    suggestions = dialog.get_by_role("list", name="Try").get_by_role("button")
    assert suggestions.count() >= 3
    first = suggestions.first.inner_text()
    suggestions.first.click()
    expect(page.get_by_role("status")).to_contain_text(f"for “{first}”")
    expect(dialog.get_by_role("list", name="Try")).to_be_hidden()
    field.focus()
    page.keyboard.press("ArrowDown")
    links = dialog.locator(".ed-search__result a")
    expect(links.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()  # focus returns to where the reader was


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_search(chromium, base, scheme):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    person = Reader(chromium, base, **DESKTOP, color_scheme=scheme)
    try:
        page = person.open(SECTION)
        page.get_by_role("button", name="Search").click()
        dialog = page.get_by_role("dialog", name="Search the edition")
        expect(dialog.get_by_role("list", name="Try")).to_be_visible()
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        results = search(person, "Gamarnik")
        expect(results.first).to_be_visible()
        person.shot(f"search-{scheme}.png")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        assert not person.outside and not person.errors
    finally:
        person.context.close()


@pytest.mark.parametrize("reader", [{**DESKTOP, "color_scheme": "dark"}], indirect=True)
def test_dark_mode_follows_the_system(reader):
    page = reader.open(SECTION)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(c) for c in re.findall(r"\d+", background)[:3])
    assert 0.2126 * red + 0.7152 * green + 0.0722 * blue < 60, background
    page.hover(YAGODA)
    visible_popup(reader)
    reader.shot("dark-section.png")


def test_print_hides_the_navigation_and_keeps_the_notes_as_endnotes(reader):
    page = reader.open(SECTION)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".ed-tools >> nth=0"):
        assert not page.locator(chrome).is_visible(), chrome
    notes = page.locator(".footnote")
    assert notes.is_visible()
    assert notes.locator("li").count() == page.locator("a.footnote-ref").count() > 0
    assert page.locator(".footnote-backref >> nth=0").is_hidden()
    address = page.locator(".ed-print-url")
    assert address.is_visible() and reader.base + SECTION in address.inner_text()
    assert page.locator("#p16 a.pnum").is_visible()
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    reader.shot("print-section.png", full_page=True)


# Accessibility, weight, screenshots ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(chromium, base, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    person = Reader(chromium, base, **DESKTOP, color_scheme=scheme)
    try:
        person.open(path)
        results = Axe().run(person.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        faults = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:5]} {v['nodes'][0]['failureSummary'][:200]}"
            for v in results.response["violations"]
        ]
        assert not faults, "\n".join(faults)
        assert not person.outside and not person.errors
    finally:
        person.context.close()


@pytest.mark.parametrize("reader", [PHONE, {**PHONE, "color_scheme": "dark"}], indirect=True)
def test_axe_finds_no_violations_on_a_phone_with_a_popup_open(reader):
    from axe_playwright_python.sync_playwright import Axe

    page = reader.open(SECTION + "#p16")  # the target paragraph shows its tools: their size is checked too
    reader.tap("#p16 a.footnote-ref")
    visible_popup(reader)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_an_essay_page_stays_within_its_weight(reader):
    """Everything an essay page loads, gzip-compressed as a server would send it; the search index and its
    scripts wait until the reader turns to search."""
    sizes: dict[str, int] = {}
    reader.page.on("response", lambda r: sizes.setdefault(r.url, len(gzip.compress(r.body(), 9))))
    reader.open(SECTION)
    reader.page.wait_for_timeout(1000)
    page_weight = sum(sizes.values())
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda item: -item[1])]
    lines.append(f"{page_weight:>8} total")
    (ARTIFACTS / "page-weight.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not any("/pagefind/" in url or "/search/" in url for url in sizes), "search loads before any search"
    assert page_weight < PAGE_BUDGET, "\n".join(lines)


@pytest.mark.parametrize("reader", [PHONE], indirect=True)
def test_screenshots_phone(reader):
    page = reader.open(SECTION)
    reader.shot("phone-section.png")
    page.locator("#p16").scroll_into_view_if_needed()
    reader.tap("#p16 a.footnote-ref")
    visible_popup(reader)
    reader.shot("phone-note.png")


def test_screenshots_desktop(reader):
    page = reader.open(SECTION)
    reader.shot("desktop-section.png")
    page.hover("#p16 a.footnote-ref >> nth=0")
    visible_popup(reader)
    reader.shot("desktop-note.png")
    reader.open("")
    reader.shot("desktop-landing.png")
    reader.open("glossary/#janis-rudzutaks")
    reader.shot("desktop-glossary.png")
