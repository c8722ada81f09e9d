"""The reading experience in a real browser: popups, sidenotes and sheets, nested popups and previews, claims,
keyboard and screen-reader parity, target sizes and contrast, layout stability, paragraph links and citations,
selection links, keys, the reading position, search, dark mode, print, accessibility (axe-core), page weight,
and that nothing leaves 127.0.0.1.

Every wait is for a state a reader would see (an element shown or hidden, a text, an address, a clipboard
value), never for a fixed time.

The site is built once for this module with SITE_URL=http://127.0.0.1:<free port>/edition/ and served from
that address, as GitHub Pages serves a project site under /REPO/. Debian's Chromium is driven by Playwright.
Without Chromium or Playwright the module is skipped, except in CI (CI=true), where that is a failure.
Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import gzip
import json
import os
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
WIDE = {"viewport": {"width": 1920, "height": 1080}}
NARROW = {"viewport": {"width": 1024, "height": 800}}  # a laptop: no margin for sidenotes, so popups
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
CITATION = (
    "Jay Lovestone, “The Meaning of the Soviet ‘Purges’,” Workers Age 6, no. 27 (July 3, 1937), ¶{n},"
    " in The Meaning of the Soviet “Purges” — an annotated edition, version {version}, {url} (accessed "
)
SECTION_BUDGET = 125_000  # bytes, gzip: a section page with everything it loads
LONG_PAGE_BUDGET = 170_000  # the whole essay, the glossary


def _missing(reason: str):
    if in_ci():
        pytest.fail(f"{reason}: CI=true, so the browser tests must run (see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    expect.set_options(timeout=20_000)  # as the pages' default: a reader's state can take seconds under load
    if not chromium_available():
        _missing("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(chromium, tmp_path_factory, request):
    """A private build for a free port, laid out by each renderer in turn, served from a thread; yields
    (base URL, project)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{PREFIX}"
    project = copy_project(tmp_path_factory.mktemp(f"browser-{request.param}") / "project")
    previous = os.environ.get("EDITION_RENDERER")
    os.environ["EDITION_RENDERER"] = request.param
    try:
        build_at(project, url)
    finally:
        if previous is None:
            del os.environ["EDITION_RENDERER"]
        else:
            os.environ["EDITION_RENDERER"] = previous
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
        # How long to wait for what a reader would see before calling it missing: generous, since a loaded
        # CI machine can take seconds to lay out the sidenotes; a passing test never waits this long.
        self.page.set_default_timeout(20_000)
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

    def wait_for_clipboard(self, expected: str, prefix: bool = False) -> str:
        """Wait until the clipboard holds what a reader would paste (or begins with it): each poll reads it afresh."""
        self.page.wait_for_function(
            """([expected, prefix]) => {
                navigator.clipboard.readText().then((text) => (window.__clipboardSeen = text), () => {});
                const seen = window.__clipboardSeen;
                return typeof seen === "string" && (prefix ? seen.startsWith(expected) : seen === expected);
            }""",
            arg=[expected, prefix],
        )
        return self.clipboard()

    def popups(self):
        return self.page.locator(".ed-popup:not([hidden])")

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


def visible_popup(reader, level: int = 1):
    from playwright.sync_api import expect

    popup = reader.page.locator("#ed-popup" if level == 1 else f"#ed-popup-{level}")
    expect(popup).to_be_visible()
    return popup


def hidden_popup(reader, level: int = 1):
    from playwright.sync_api import expect

    expect(reader.page.locator("#ed-popup" if level == 1 else f"#ed-popup-{level}")).to_be_hidden()


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector)


def first_sentence(text: str) -> str:
    """The note's first sentence as a reader would pick it: up to the first full stop before a capital."""
    match = re.search(r"^.*?[.!?][”’)]*(?=\s+[“‘(]?[A-Z0-9])", " ".join(text.split()))
    return match.group(0) if match else " ".join(text.split())


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Popups ---------------------------------------------------------------------------------------------------

YAGODA = "#p16 a.mention[href$='#genrikh-yagoda']"
NOTE = "a.footnote-ref[href='#fn:note-weirdest-fantasy']"
RELATED = "a.footnote-ref[href='#fn:note-hitler-japanese-agents']"  # its note has "See also" entries
CLAIM = "#p16 a.claim-ref[data-claim='claim-key-positions-in-defense']"
EMENDED = "essay/great-discontent-in-the-soviet-union/"


def test_hovering_a_name_shows_its_entry(reader, html):
    page = reader.open(SECTION)
    link = page.locator(YAGODA)
    assert link.get_attribute("aria-expanded") == "false"
    page.hover(YAGODA)
    popup = visible_popup(reader)
    assert summary_of(html, SECTION, YAGODA) in popup.inner_text()
    assert "Genrikh Yagoda" in popup.inner_text()
    assert popup.locator("a", has_text="Full entry").get_attribute("href") == "../../glossary/#genrikh-yagoda"
    assert link.get_attribute("aria-expanded") == "true"
    # No title to double the popup with a native tooltip; the summary is the accessible description.
    assert link.get_attribute("title") is None
    description = page.evaluate("id => document.getElementById(id).textContent", link.get_attribute("aria-describedby"))
    assert summary_of(html, SECTION, YAGODA) in description
    page.mouse.move(5, 880)
    hidden_popup(reader)
    assert link.get_attribute("aria-expanded") == "false"


def test_keyboard_focus_shows_the_entry_and_escape_closes_it(reader, html):
    page = reader.open(SECTION)
    page.focus("#p16 a.pnum")
    # The paragraph's tools sit under its number, above the text: they come first in the tab order.
    for expected in ("#p16 .ed-tool[data-tool=link]", "#p16 .ed-tool[data-tool=cite]", "#p16 a.claim-ref"):
        page.keyboard.press("Tab")
        assert focused(page, expected), expected
    # The claim mark's popup is open: Tab goes through it, then on to the first name.
    for _ in range(10):
        page.keyboard.press("Tab")
        if focused(page, "#p16 a.mention"):
            break
        assert focused(page, "#ed-popup *"), "from a popup's last link on to what follows its trigger"
    popup = visible_popup(reader)
    assert summary_of(html, SECTION, "#p16 a.mention") in popup.inner_text()
    assert page.locator("#p16 a.mention").first.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    hidden_popup(reader)
    assert focused(page, "#p16 a.mention"), "Escape must leave focus in place"


def test_tab_moves_into_an_open_popup_and_escape_returns_to_its_trigger(reader):
    page = reader.open(SECTION)
    page.focus(CLAIM)
    popup = visible_popup(reader)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#ed-popup') !== null"), "Tab goes into the popup"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#ed-popup') !== null")
    page.keyboard.press("Escape")
    hidden_popup(reader)
    assert focused(page, CLAIM), "Escape gives focus back to the trigger"
    assert popup.count() == 1


@pytest.mark.parametrize("reader", [PHONE], indirect=True)
def test_a_tap_opens_a_sheet_without_navigating_and_its_link_leads_on(reader, html):
    page = reader.open(SECTION)
    reader.tap(YAGODA)
    popup = visible_popup(reader)
    assert page.url == reader.base + SECTION, "the first tap must not follow the link"
    assert summary_of(html, SECTION, YAGODA) in popup.inner_text()
    box = popup.bounding_box()
    assert box["x"] == 0 and box["width"] == 390, "a sheet as wide as the screen"
    assert abs(box["y"] + box["height"] - 844) <= 1, "at the foot of the screen"
    word = page.locator(YAGODA).bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert word["y"] + word["height"] <= box["y"], "the sheet never covers the tapped words"
    assert word["y"] >= header["y"] + header["height"], "nor does the header"
    assert box["y"] >= header["y"] + header["height"], "the sheet never covers the header"
    reader.shot("phone-popup.png")
    popup.locator("a", has_text="Full entry").tap()
    page.wait_for_url("**/glossary/#genrikh-yagoda")


@pytest.mark.parametrize("reader", [PHONE], indirect=True)
def test_a_sheet_near_the_foot_of_the_screen_scrolls_its_words_clear(reader):
    page = reader.open(SECTION)
    # Bring the name to the very foot of the screen: the sheet would cover it unless the page moves.
    page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            window.scrollBy(0, box.bottom - innerHeight + 4);
        }""",
        YAGODA,
    )
    box = page.locator(YAGODA).bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    sheet = visible_popup(reader).bounding_box()
    word = page.locator(YAGODA).bounding_box()
    assert word["y"] + word["height"] <= sheet["y"]
    reader.tap("#p14 .pnum")  # a tap elsewhere closes it
    hidden_popup(reader)


def test_a_note_popup_is_short_where_there_is_no_room_for_sidenotes(chromium, base, html):
    person = Reader(chromium, base, **NARROW)
    try:
        page = person.open(SECTION)
        assert page.locator(".ed-sidenote").count() == 0 or not page.locator(".ed-sidenote").first.is_visible()
        page.hover(NOTE)
        popup = visible_popup(person)
        note = html(SECTION).find(id="fn:note-weirdest-fantasy")
        text = " ".join(popup.inner_text().split())
        assert first_sentence(note.find("p").get_text(" ")) in text
        assert len(text) < len(" ".join(note.get_text(" ").split())) / 2, "the first sentence, not the whole note"
        assert popup.locator("a", has_text="Read the full note").get_attribute("href") == "#fn:note-weirdest-fantasy"
        assert popup.locator("button[aria-label=Close]").is_visible()
        assert "↩" not in text, "the note's back link stays behind"
        assert popup.locator("[id]").count() == 0, "no duplicate ids from the cloned note"
        assert popup.bounding_box()["height"] < 260
        popup.locator("button[aria-label=Close]").click()
        hidden_popup(person)
        assert not person.errors
    finally:
        person.context.close()


LIT = "selector => document.querySelector(selector).classList.contains('is-active')"


@pytest.mark.parametrize("reader", [DESKTOP, WIDE], indirect=True)
def test_sidenotes_stand_beside_their_markers_without_overlapping(reader):
    page = reader.open(SECTION)
    notes = page.locator(".ed-sidenote")
    markers = page.locator("p.para a.footnote-ref")
    notes.first.wait_for(state="visible")
    # Every marker's note stands in the margin once the page has laid them out.
    page.wait_for_function(
        "() => document.querySelectorAll('.ed-sidenote').length"
        " === document.querySelectorAll('p.para a.footnote-ref').length"
    )
    assert notes.count() == markers.count() > 0
    column = page.locator(".md-content__inner").bounding_box()
    boxes = [notes.nth(i).bounding_box() for i in range(notes.count())]
    marks = [markers.nth(i).bounding_box() for i in range(markers.count())]
    width = page.viewport_size["width"]
    for i, (box, mark) in enumerate(zip(boxes, marks)):
        assert box["x"] >= column["x"] + column["width"], "in the margin, clear of the text"
        assert box["x"] + box["width"] <= width, "on the screen"
        assert box["y"] >= mark["y"] - 12, "never above its marker"
        if i:
            previous = boxes[i - 1]
            assert box["y"] >= previous["y"] + previous["height"], "no sidenote overlaps another"
            if previous["y"] + previous["height"] < mark["y"] - 12:
                assert box["y"] <= mark["y"] + 12, "level with its marker when there is room"
    assert abs(boxes[0]["y"] - marks[0]["y"]) < 24
    # No popup for a marker whose note is beside it; marker and note light each other up.
    page.hover("p.para " + NOTE)
    side = page.locator(".ed-sidenote[data-ref='#fn:note-weirdest-fantasy']")
    page.wait_for_function(LIT, arg=".ed-sidenote[data-ref='#fn:note-weirdest-fantasy']")
    assert "is-active" in page.locator("p.para " + NOTE).get_attribute("class")
    assert page.locator("p.para " + NOTE).get_attribute("aria-expanded") is None, "a plain link, no popup"
    side.hover()
    page.wait_for_function(LIT, arg="p.para " + NOTE)
    page.mouse.move(5, 5)
    page.focus("p.para " + NOTE)
    page.wait_for_function(LIT, arg=".ed-sidenote[data-ref='#fn:note-weirdest-fantasy']")
    hidden_popup(reader)
    reader.shot(f"desktop-{page.viewport_size['width']}-sidenotes.png")


def test_sidenotes_stand_beside_the_text_when_the_web_font_never_arrives(chromium, base):
    """On a slow connection font-display: optional keeps the fallback face for the whole visit: the column
    keeps its width, so the margin keeps its room and its notes."""
    person = Reader(chromium, base, **DESKTOP)
    try:
        person.context.route("**/*.woff2", lambda route: route.abort())
        page = person.open(SECTION)
        assert not page.evaluate("document.fonts.check('1rem \"Source Serif 4\"')"), "drawn in the fallback face"
        page.locator(".ed-sidenote").first.wait_for(state="visible")
        assert page.locator(".ed-sidenote").count() == page.locator("p.para a.footnote-ref").count()
    finally:
        person.context.close()


def test_an_emendation_is_shown_and_announced_with_the_source_reading(reader, html):
    page = reader.open(EMENDED)
    emendation = html(EMENDED).select_one("a.emendation")
    selector = f"a.emendation[href='{emendation['href']}']"
    label = page.locator(selector).get_attribute("aria-label")
    assert "emended" in label and emendation["data-sic"] in label and label.startswith(emendation.get_text())
    page.hover(selector)
    popup = visible_popup(reader)
    assert emendation["data-sic"] in popup.inner_text()
    assert popup.locator("a", has_text="emendations").get_attribute("href") == emendation["href"]


def test_a_note_marker_is_described_by_its_first_sentence(reader, html):
    page = reader.open(SECTION)
    note = html(SECTION).find(id="fn:note-weirdest-fantasy")
    marker = page.locator("p.para " + NOTE)
    assert marker.get_attribute("aria-label") == "Note 20"
    described = page.evaluate("id => document.getElementById(id).textContent", marker.get_attribute("aria-describedby"))
    assert described == first_sentence(note.find("p").get_text(" "))


def test_without_scripts_no_dead_tool_shows_and_what_a_screen_reader_hears_is_there(chromium, base, html):
    """The page as served, scripts off: the ¶ tools would do nothing, so they are not shown; the note marker's
    description, the emendation's reading and the address for paper are in the page itself."""
    person = Reader(chromium, base, java_script_enabled=False, **DESKTOP)
    try:
        page = person.page
        page.goto(base + EMENDED)
        tools = page.locator("p.para .ed-tools").first
        tools.wait_for(state="attached")
        page.locator("p.para").first.hover()
        assert tools.evaluate("t => getComputedStyle(t).display") == "none"
        assert page.locator("p.para button:visible").count() == 0
        marker = page.locator("p.para a.footnote-ref").first
        note = html(EMENDED).find(id=marker.get_attribute("href")[1:])
        description = marker.get_attribute("aria-describedby")
        described = page.evaluate("id => document.getElementById(id).textContent", description)
        assert described == first_sentence(note.find("p").get_text(" ")) != ""
        emendation = page.locator("p.para a.emendation").first
        sic = emendation.get_attribute("data-sic")
        assert emendation.get_attribute("aria-label") == f"{emendation.inner_text()}, emended; the source reads “{sic}”"
        page.emulate_media(media="print")
        assert page.locator(".ed-print-url").first.is_visible()
        assert f"the source reads “{sic}”" in page.locator(".ed-print-apparatus").inner_text()
        assert not person.errors and not person.outside
    finally:
        person.context.close()


def test_the_popup_switch_turns_popups_off_and_is_remembered(reader):
    page = reader.open(SECTION)
    switch = page.locator(".ed-popups-toggle")
    assert switch.get_attribute("aria-pressed") == "true"
    box = switch.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    switch.click()
    assert switch.get_attribute("aria-pressed") == "false"
    # Off, a name is a plain link: nothing says it opens anything, and a click follows it.
    assert page.locator(YAGODA).get_attribute("aria-expanded") is None
    page.reload()
    page.wait_for_selector(".ed-popups-toggle")
    assert page.locator(".ed-popups-toggle").get_attribute("aria-pressed") == "false"
    assert page.locator(YAGODA).get_attribute("aria-expanded") is None
    page.focus(YAGODA)
    hidden_popup(reader)
    page.click(YAGODA)
    page.wait_for_url("**/glossary/#genrikh-yagoda")
    page.go_back()
    page.locator(".ed-popups-toggle").click()
    page.hover(YAGODA)
    visible_popup(reader)


# Nested popups and previews --------------------------------------------------------------------------------


def test_a_glossary_link_in_a_popup_opens_a_popup_and_escape_closes_the_innermost(chromium, base):
    person = Reader(chromium, base, **NARROW)
    try:
        page = person.open(SECTION)
        page.hover(RELATED)
        outer = visible_popup(person)
        related = outer.locator("a[href*='glossary/#']").first
        name = related.inner_text()
        related.hover()
        inner = visible_popup(person, 2)
        assert name.split(" (")[0] in inner.inner_text()
        assert inner.locator("a", has_text="Full entry").count() == 1
        assert outer.is_visible(), "the outer popup stays open under the inner one"
        page.keyboard.press("Escape")
        hidden_popup(person, 2)
        assert outer.is_visible()
        page.keyboard.press("Escape")
        hidden_popup(person)
        assert not person.errors
    finally:
        person.context.close()


def test_a_keyboard_reaches_a_nested_popup_and_escape_walks_back(chromium, base):
    person = Reader(chromium, base, **NARROW)
    try:
        page = person.open(SECTION)
        page.focus(RELATED)
        visible_popup(person)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#ed-popup') !== null")
        while not focused(page, "#ed-popup a[href*='glossary/#']"):
            page.keyboard.press("Tab")
        visible_popup(person, 2)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#ed-popup-2') !== null"), "Tab goes into the inner popup"
        page.keyboard.press("Escape")
        hidden_popup(person, 2)
        assert focused(page, "#ed-popup a[href*='glossary/#']"), "back to the link that opened it"
        page.keyboard.press("Escape")
        hidden_popup(person)
        assert focused(page, RELATED)
    finally:
        person.context.close()


@pytest.mark.parametrize("path", ["glossary/", "timeline/"])
def test_paragraph_links_preview_their_paragraph(reader, html, path):
    page = reader.open(path)
    link = page.locator("a.paragraph-ref").first
    href = link.get_attribute("href")
    section, paragraph_id = href.split("#")
    expected = html(str(Path(path) / section).replace("\\", "/")).find(id=paragraph_id)
    words = " ".join(expected.get_text().split()[1:8])  # after its number
    link.hover()
    popup = visible_popup(reader)
    assert " ".join(words.split()[:3]) in popup.inner_text()
    assert f"¶{paragraph_id[1:]}" in popup.inner_text()
    page.mouse.move(5, 5)
    hidden_popup(reader)
    link.focus()
    visible_popup(reader)
    assert link.get_attribute("aria-expanded") == "true"


# Claims ------------------------------------------------------------------------------------------------------


def test_a_claim_mark_opens_the_claim_card(reader, html):
    page = reader.open(SECTION)
    mark = page.locator(CLAIM)
    assert mark.get_attribute("aria-expanded") == "false"
    assert mark.get_attribute("aria-label").startswith("Claim ")
    page.hover(CLAIM)
    popup = visible_popup(reader)
    card = html(SECTION).find(id="card-claim-key-positions-in-defense")
    text = popup.inner_text()
    assert card.select_one(".claim__type").get_text() in text
    assert "Then" in text and "Now" in text
    for verdict in card.select(".verdict"):
        assert verdict.get_text() in text
    assert "Sources" in text
    assert popup.get_attribute("role") == "dialog" and popup.get_attribute("aria-label")
    assert mark.get_attribute("aria-expanded") == "true"
    # Near the foot of the screen the popup opens above the mark, and still below the header.
    page.mouse.move(5, 880)
    hidden_popup(reader)
    page.evaluate(
        "s => window.scrollBy(0, document.querySelector(s).getBoundingClientRect().bottom - innerHeight + 30)", CLAIM
    )
    page.hover(CLAIM)
    box = visible_popup(reader).bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"], "no popup covers the header"
    assert box["y"] + box["height"] <= mark.bounding_box()["y"], "above the mark, which it does not cover"


def test_the_claims_switch_hides_the_marks_and_is_remembered(reader):
    page = reader.open(SECTION)
    switch = page.locator(".ed-claims-toggle")
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.locator(CLAIM).is_visible()
    switch.click()
    assert switch.get_attribute("aria-pressed") == "false"
    page.locator(CLAIM).wait_for(state="hidden")
    page.reload()
    page.wait_for_selector(".ed-claims-toggle")
    assert page.locator(".ed-claims-toggle").get_attribute("aria-pressed") == "false"
    assert page.locator(CLAIM).is_hidden()
    assert page.locator("a.claim-ref:visible").count() == 0
    page.locator(".ed-claims-toggle").click()
    page.locator(CLAIM).wait_for(state="visible")


def test_the_claims_register_filters_its_cards(reader, html):
    built = html("claims/")
    assert built.select_one(".claims-filter").has_attr("hidden"), "without script the page is plain lists"
    page = reader.open("claims/")
    filter_ = page.locator(".claims-filter")
    filter_.wait_for(state="visible")
    total = len(built.select(".claims-list .claim"))
    predictions = len(built.select(".claims-list .claim[data-type=prediction]"))
    page.select_option("select[data-filter=type]", "prediction")
    cards = page.locator(".claims-list .claim:visible")
    page.wait_for_function(
        "n => document.querySelectorAll('.claims-list .claim:not([hidden])').length === n", arg=predictions
    )
    assert cards.count() == predictions
    assert all(cards.nth(i).get_attribute("data-type") == "prediction" for i in range(cards.count()))
    assert page.locator(".claims-filter__count").inner_text() == f"{predictions} of {total} claims shown"
    page.select_option("select[data-filter=now]", "borne out")
    both = len(built.select(".claims-list .claim[data-type=prediction][data-now='borne out']"))
    page.wait_for_function("n => document.querySelectorAll('.claims-list .claim:not([hidden])').length === n", arg=both)
    page.select_option("select[data-filter=type]", "")
    page.select_option("select[data-filter=now]", "")
    page.wait_for_function(
        "n => document.querySelectorAll('.claims-list .claim:not([hidden])').length === n", arg=total
    )


# Targets, contrast, layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", [DESKTOP, PHONE], indirect=True)
def test_marks_and_back_links_are_large_enough_to_hit(reader):
    page = reader.open(SECTION)
    for selector in ("p.para a.footnote-ref", "p.para a.claim-ref", ".footnote a.footnote-backref"):
        items = page.locator(selector)
        assert items.count() > 0, selector
        for i in range(items.count()):
            box = items.nth(i).bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, (selector, i, box)
    backref = page.locator(".footnote a.footnote-backref").first
    assert backref.evaluate("a => getComputedStyle(a).opacity") == "1", "the back link is shown without hovering"
    assert backref.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_name_underline_stands_out_from_the_page(chromium, base, scheme):
    person = Reader(chromium, base, **DESKTOP, color_scheme=scheme)
    try:
        page = person.open(SECTION)
        line, background = page.evaluate(
            """selector => [getComputedStyle(document.querySelector(selector)).textDecorationColor,
                           getComputedStyle(document.body).backgroundColor]""",
            YAGODA,
        )
        assert "rgba" not in line or line.endswith(", 1)"), f"an opaque line: {line}"
        assert contrast(line, background) >= 3, (line, background)
    finally:
        person.context.close()


@pytest.mark.parametrize("reader", [PHONE], indirect=True)
def test_tapping_through_a_page_shifts_nothing(reader):
    page = reader.open(SECTION)
    page.evaluate(
        """() => {
            window.__shifts = [];
            new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) window.__shifts.push(entry.value);
            }).observe({ type: "layout-shift", buffered: true });
        }"""
    )
    names = page.locator("p.para a.mention")
    for i in range(0, min(names.count(), 12), 2):
        reader.tap("p.para a.mention", i)
        visible_popup(reader)
        assert (
            page.locator("p.para .ed-tools:visible").evaluate_all(
                "tools => tools.filter(t => getComputedStyle(t).opacity !== '0').length"
            )
            == 0
        ), "a tap on a name shows no paragraph tools"
    # A tap on the words themselves shows the paragraph's tools just above where the finger was.
    x, y = page.evaluate(
        """() => {
            const paragraph = document.getElementById("p16");
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.textContent.includes("slightest"));
            const range = document.createRange();
            const at = node.textContent.indexOf("slightest");
            range.setStart(node, at);
            range.setEnd(node, at + 9);
            window.scrollBy(0, range.getBoundingClientRect().top - innerHeight / 3);
            const box = range.getBoundingClientRect();
            return [box.left + box.width / 2, box.top + box.height / 2];
        }"""
    )
    page.touchscreen.tap(x, y)
    tools = page.locator("#p16 .ed-tools")
    page.wait_for_function("() => getComputedStyle(document.querySelector('#p16 .ed-tools')).opacity === '1'")
    box = tools.bounding_box()
    assert box["y"] + box["height"] <= y and y - (box["y"] + box["height"]) < 40, "just above the tap"
    assert box["x"] - 60 <= x <= box["x"] + box["width"] + 60, "where the finger was"
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__shifts") == [], "layout shifts while tapping"
    reader.shot("phone-tools.png")


# Paragraph addresses, citations, passages --------------------------------------------------------------------


@pytest.mark.parametrize("reader", [{**DESKTOP, **CLIPBOARD}], indirect=True)
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
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    page.click("#p17 a.pnum")
    page.wait_for_url("**#p17")
    assert page.locator("#p17").evaluate("p => p.matches(':target') && p.classList.contains('is-target')")
    assert not page.locator("#p16").evaluate("p => p.classList.contains('is-target')")
    assert reader.clipboard() == "nothing yet"


@pytest.mark.parametrize("reader", [{**DESKTOP, **CLIPBOARD}], indirect=True)
def test_copy_link_and_cite_give_the_section_address_with_the_version(reader, site):
    page = reader.open(SECTION)
    version = read_edition(site[1]).record.version
    url = reader.base + SECTION + f"?v={version}#p16"
    # The tools appear on hover and on keyboard focus.
    tools = page.locator("#p16 .ed-tools")
    page.focus("#p16 a.pnum")
    page.keyboard.press("Tab")
    assert focused(page, "#p16 .ed-tool[data-tool=link]")
    tools.evaluate("t => t.getAnimations().forEach(a => a.finish())")  # the fade-in
    assert tools.evaluate("t => getComputedStyle(t).opacity") == "1"
    page.keyboard.press("Enter")
    assert reader.wait_for_clipboard(url) == url
    page.hover("#p16")
    page.click("#p16 .ed-tool[data-tool=cite]")
    expected = CITATION.format(n=16, url=url, version=version)
    popup = visible_popup(reader)
    assert expected in " ".join(popup.inner_text().split())
    cited = reader.wait_for_clipboard(expected, prefix=True)
    assert cited.startswith(expected) and re.fullmatch(r"\w+ \d{1,2}, \d{4}\)\.", cited[len(expected) :])
    # On the whole essay the same paragraph is cited by its section page.
    page = reader.open("full-text/")
    page.hover("#p16")
    page.click("#p16 .ed-tool[data-tool=link]")
    assert reader.wait_for_clipboard(url) == url


def test_a_link_from_an_older_release_says_what_changed_since(reader, site):
    changes = json.loads((site[1].site / "changes.json").read_text(encoding="utf-8"))
    old, since = next(iter(changes["since"].items()))
    pid, change = next(iter(sorted(since["paragraphs"].items(), key=lambda item: int(item[0][1:]))))
    section = read_edition(site[1]).essay.section_of(pid)
    page = reader.open(f"essay/{section.slug}/?v={old}#{pid}")
    notice = page.locator(f".ed-version-notice + #{pid}")
    notice.wait_for()
    told = page.locator(".ed-version-notice").inner_text()
    assert f"version {old}" in told and "this paragraph has changed" in told
    revised = len(change["notes"].get("revised", [])) + len(change["notes"].get("added", []))
    assert (f"{revised} note" in told) if revised else ("claim" in told or "text" in told)
    # The current version's own links say nothing.
    page = reader.open(f"essay/{section.slug}/?v={changes['current']}#{pid}")
    page.locator(f"#{pid}").wait_for()
    assert page.locator(".ed-version-notice").count() == 0


def test_the_citation_comes_from_the_page_not_the_script(site):
    script = (site[1].site / "assets" / "edition.js").read_text(encoding="utf-8")
    for fact in ("Lovestone", "Workers Age", "Purges", "1937"):
        assert fact not in script, f"edition.js types a fact about the text: {fact}"


SELECT = """([id, start, end, occurrence]) => {
    const paragraph = typeof id === "string" ? document.getElementById(id) : id;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let node;
    while ((node = walker.nextNode())) nodes.push(node);
    const text = nodes.map((n) => n.textContent).join("");
    let at = -1;
    for (let i = 0; i <= (occurrence || 0); i++) at = text.indexOf(start, at + 1);
    const to = text.indexOf(end, at) + end.length;
    const locate = (offset) => {
        for (const n of nodes) {
            if (offset <= n.textContent.length) return [n, offset];
            offset -= n.textContent.length;
        }
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(to));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    paragraph.scrollIntoView({ block: "center" });
}"""


@pytest.mark.parametrize("reader", [{**DESKTOP, **CLIPBOARD}], indirect=True)
def test_a_selection_offers_a_link_to_the_passage(reader):
    page = reader.open("full-text/")
    page.evaluate(SELECT, ["p16", "Far be it", "the slightest responsibility", 0])
    button = page.locator(".ed-select")
    button.wait_for(state="visible")
    assert button.inner_text().strip() == "Link to this passage"
    button.click()
    words = "#:~:text=Far%20be%20it%20from,even%20the%20slightest%20responsibility"
    link = reader.wait_for_clipboard(reader.base + SECTION + words)
    # The link works: Chromium scrolls to the passage.
    page.goto(link)
    page.wait_for_load_state("networkidle")
    box = page.locator("#p16").bounding_box()
    assert box["y"] + box["height"] > 0 and box["y"] < 900


@pytest.mark.parametrize("reader", [{**DESKTOP, **CLIPBOARD}], indirect=True)
def test_a_passage_link_snaps_to_whole_words(reader):
    page = reader.open(SECTION)
    page.evaluate(SELECT, ["p16", "ar be it", "to assu", 0])  # cut inside "Far" and "assume"
    page.locator(".ed-select").click()
    link = reader.wait_for_clipboard(reader.base + SECTION + "#:~:text=Far%20be%20it%20from%20me%20to%20assume")
    assert page.evaluate("getSelection().toString()") == "Far be it from me to assume", "the reader sees the words"
    assert "copied" in page.locator(".ed-toast").inner_text()
    assert link.endswith("assume")


@pytest.mark.parametrize(
    "reader", [{**DESKTOP, "viewport": {"width": 1280, "height": 500}, **CLIPBOARD}], indirect=True
)
def test_a_passage_link_to_repeated_words_takes_their_context(reader):
    page = reader.open(SECTION)
    # "Stalin" is named in every paragraph of the section: the link must say which one.
    page.evaluate(SELECT, ["p16", "Stalin", "Stalin", 0])
    page.locator(".ed-select").click()
    page.locator(".ed-toast", has_text="copied").wait_for()
    link = reader.clipboard()
    assert "-," in link or ",-" in link, f"a prefix or a suffix: {link}"
    page.goto(link)
    page.wait_for_load_state("networkidle")
    # Chromium scrolls the words it finds into view: the selected ones, in ¶16, not ¶14's.
    stalin = page.evaluate(
        """() => {
            const paragraph = document.getElementById("p16");
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.textContent.includes("tribute to"));
            const range = document.createRange();
            range.selectNodeContents(node.nextSibling || node);
            return range.getBoundingClientRect().top;
        }"""
    )
    assert 0 < stalin < 500


@pytest.mark.parametrize("reader", [{**DESKTOP, **CLIPBOARD}], indirect=True)
def test_a_passage_that_no_link_can_single_out_is_not_copied(reader):
    page = reader.open(SECTION)
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    # Three copies of ¶16 after it: the middle one has the same words and the same context as the first copy.
    clone = page.evaluate_handle(
        """() => {
            const paragraph = document.getElementById("p16");
            const copies = [1, 2, 3].map(() => {
                const copy = paragraph.cloneNode(true);
                copy.removeAttribute("id");
                copy.querySelectorAll("[id]").forEach((n) => n.removeAttribute("id"));
                return copy;
            });
            paragraph.after(...copies);
            return copies[1];
        }"""
    )
    page.evaluate(SELECT, [clone, "Far be it", "Russian party factional struggle.", 0])
    page.locator(".ed-select").click()
    toast = page.locator(".ed-toast")
    toast.wait_for(state="visible")
    assert "copied" not in toast.inner_text() and "No link" in toast.inner_text()
    assert reader.clipboard() == "nothing yet"


# Keys, reading position ----------------------------------------------------------------------------------------

SECTIONS = [
    "stalin-confronted-with-a-double-dilemma",
    "self-indicting-accusers",
    "background-and-basis-of-recent-events",
]


def test_n_and_p_go_to_the_next_and_previous_section(reader):
    page = reader.open(SECTION)
    page.keyboard.press("n")
    page.wait_for_url(f"**/essay/{SECTIONS[2]}/")
    page.wait_for_selector(".ed-popups-toggle", state="attached")
    page.keyboard.press("p")
    page.wait_for_url(f"**/essay/{SECTIONS[1]}/")
    page.wait_for_selector(".ed-popups-toggle", state="attached")
    # Not while typing: "n" in the search box is a letter. Had it moved on, the "p" below would come back here.
    page.click(".ed-search-open")
    page.locator(".ed-search__input").wait_for()
    page.keyboard.type("n")
    assert page.locator(".ed-search__input").input_value() == "n"
    page.keyboard.press("Escape")
    page.locator(".ed-search__input").wait_for(state="hidden")
    page.locator("body").focus()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("p")
    page.wait_for_url(f"**/essay/{SECTIONS[0]}/")
    # ? lists the keys.
    page.wait_for_selector(".ed-popups-toggle", state="attached")
    page.keyboard.press("?")
    popup = visible_popup(reader)
    assert "next section" in popup.inner_text() and "previous section" in popup.inner_text()
    page.keyboard.press("Escape")
    hidden_popup(reader)


def test_the_landing_page_offers_to_continue_where_the_reader_left_off(reader):
    page = reader.open("")
    assert page.locator(".ed-continue").count() == 0, "nothing read yet"
    page = reader.open(SECTION)
    page.evaluate("document.getElementById('p16').scrollIntoView({ block: 'start' })")
    page = reader.open("")
    link = page.locator(".ed-continue a")
    link.wait_for()
    assert "Continue where you left off" in link.inner_text() and "¶16" in link.inner_text()
    link.click()
    page.wait_for_url(f"**/{SECTION}#p16")


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
    expect(page.get_by_role("dialog", name="Search the edition").get_by_role("status")).to_contain_text(
        f"for “{words}”"
    )
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
    expect(page.get_by_role("dialog", name="Search the edition").get_by_role("status")).to_contain_text(
        f"for “{first}”"
    )
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
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".ed-tools >> nth=0",
        ".ed-sidenotes",
        "nav.way-on",
    ):
        assert not page.locator(chrome).is_visible(), chrome
    notes = page.locator(".footnote")
    assert notes.is_visible()
    assert notes.locator("li").count() == page.locator("p.para a.footnote-ref").count() > 0
    assert page.locator(".footnote-backref >> nth=0").is_hidden()
    address = page.locator(".ed-print-url")
    published = page.locator("link[rel=canonical]").get_attribute("href")
    assert published.endswith(SECTION)
    assert address.is_visible() and f"Online at {published}" in address.inner_text()
    assert f"{published}#p" in address.inner_text(), "an example of a paragraph's own address"
    assert page.locator("#p16 a.pnum").is_visible()
    for heading in ("h1", ".claims-here__title"):
        assert page.locator(heading).first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid-page", heading
    outside = page.locator(".footnote a[href^='http']").first
    printed = outside.evaluate("a => getComputedStyle(a, '::after').content")
    assert outside.get_attribute("href") in printed, "an outside link's address is printed after it"
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    reader.shot("print-section.png", full_page=True)


def test_print_explains_the_emendation_sign(reader, html):
    page = reader.open(EMENDED)
    page.emulate_media(media="print")
    apparatus = page.locator(".ed-print-apparatus")
    assert apparatus.is_visible()
    text = apparatus.inner_text()
    assert "°" in text
    for emendation in html(EMENDED).select("p.para a.emendation"):
        assert f"the source reads “{emendation['data-sic']}”" in text
    page.emulate_media(media="screen")
    assert apparatus.is_hidden()


# Accessibility, weight, screenshots ------------------------------------------------------------------------------


def axe_faults(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:5]} {v['nodes'][0]['failureSummary'][:300]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [*PAGES, "claims/", "timeline/"])
def test_axe_finds_no_violations(chromium, base, path, scheme):
    person = Reader(chromium, base, **DESKTOP, color_scheme=scheme)
    try:
        person.open(path)
        faults = axe_faults(person.page)
        assert not faults, "\n".join(faults)
        assert not person.outside and not person.errors
    finally:
        person.context.close()


def test_the_colour_switch_follows_the_system_until_the_reader_chooses_and_then_remembers(chromium, base):
    from playwright.sync_api import expect

    person = Reader(chromium, base, **DESKTOP, color_scheme="dark")
    try:
        page = person.open(SECTION)
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")  # a dark system, no choice made yet
        switch = page.get_by_title("Switch to light mode")
        expect(switch).to_be_visible()
        expect(page.get_by_title("Switch to dark mode")).to_be_hidden()
        switch.click()
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        expect(page.get_by_title("Switch to dark mode")).to_be_visible()
        page = person.open("glossary/")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")  # the choice is kept
        assert not person.errors
    finally:
        person.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_sidenotes_and_a_popup_open(chromium, base, scheme):
    person = Reader(chromium, base, **DESKTOP, color_scheme=scheme)
    try:
        page = person.open(SECTION)
        page.locator(".ed-sidenote").first.wait_for(state="visible")
        page.focus(CLAIM)
        visible_popup(person)
        page.hover("p.para " + NOTE)  # a marker and its sidenote lit up
        faults = axe_faults(page)
        assert not faults, "\n".join(faults)
    finally:
        person.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_nested_popups_open(chromium, base, scheme):
    person = Reader(chromium, base, **NARROW, color_scheme=scheme)
    try:
        page = person.open(SECTION)
        page.hover(RELATED)
        visible_popup(person).locator("a[href*='glossary/#']").first.hover()
        visible_popup(person, 2)
        faults = axe_faults(page)
        assert not faults, "\n".join(faults)
    finally:
        person.context.close()


@pytest.mark.parametrize("reader", [PHONE, {**PHONE, "color_scheme": "dark"}], indirect=True)
def test_axe_finds_no_violations_on_a_phone_with_a_sheet_open(reader):
    page = reader.open(SECTION + "#p16")
    reader.tap("#p16 a.footnote-ref")
    visible_popup(reader)
    faults = axe_faults(page)
    assert not faults, "\n".join(faults)
    reader.tap("#p16 a.claim-ref")
    visible_popup(reader)
    faults = axe_faults(page)
    assert not faults, "\n".join(faults)


# The section pages with the most notes and claims (the heaviest is "Great Discontent"), the whole essay and
# the glossary; `make bench` weighs every page.
WEIGHTS = [
    (SECTION, SECTION_BUDGET),
    (EMENDED, SECTION_BUDGET),
    ("full-text/", LONG_PAGE_BUDGET),
    ("glossary/", LONG_PAGE_BUDGET),
]


@pytest.mark.parametrize(("path", "budget"), WEIGHTS)
def test_a_page_stays_within_its_weight(reader, path, budget):
    """Everything a page loads as it opens, gzip-compressed as a server would send it, fonts included; the
    search index and worker wait until the reader turns to search."""
    sizes: dict[str, int] = {}
    reader.page.on("response", lambda r: sizes.setdefault(r.url, len(gzip.compress(r.body(), 9))))
    page = reader.open(path)
    page.evaluate("document.fonts.ready.then(() => document.fonts.status)")
    page.wait_for_load_state("networkidle")
    page_weight = sum(sizes.values())
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda item: -item[1])]
    lines.append(f"{page_weight:>8} total")
    name = path.strip("/").replace("/", "-") or "index"
    (ARTIFACTS / f"page-weight-{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not any("/pagefind/" in url or "/search/" in url for url in sizes), "search loads before any search"
    assert not any(url.endswith(("edition-search.js", "versions.js")) for url in sizes), "loaded before it is needed"
    assert page_weight < budget, "\n".join(lines)


def test_sources_open_in_place_on_the_glossary_and_the_whole_essay(reader):
    from playwright.sync_api import expect

    page = reader.open("glossary/")
    entry = page.locator("#genrikh-yagoda ~ .entry-body").first
    toggle = entry.get_by_role("button", name=re.compile(r"^Sources \(\d+\)$"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    count = int(re.search(r"\d+", toggle.inner_text()).group())
    toggle.focus()
    page.keyboard.press("Enter")
    listed = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    expect(listed).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert listed.inner_text().startswith("Sources:")
    assert page.url.endswith("/glossary/"), "the reader stays on the glossary"
    assert listed.locator("a[href^='http']").count() >= 1 and count >= 1
    page.keyboard.press("Enter")
    expect(listed).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # On the whole essay a note's sources come from its section's page.
    page = reader.open("full-text/")
    note = page.locator("li[id='fn:note-weirdest-fantasy']")
    note.get_by_role("button", name=re.compile(r"^Sources ")).click()
    expect(note.locator(".sources")).to_be_visible()
    expect(note.locator(".sources .footnote-backref")).to_have_count(0)
    assert not reader.errors


@pytest.mark.parametrize("reader", [PHONE], indirect=True)
def test_screenshots_phone(reader):
    page = reader.open(SECTION)
    reader.shot("phone-section.png")
    page.locator("#p16").scroll_into_view_if_needed()
    reader.tap("#p16 a.footnote-ref")
    visible_popup(reader)
    reader.shot("phone-note.png")
    reader.tap("#p16 a.claim-ref")
    visible_popup(reader)
    reader.shot("phone-claim.png")


@pytest.mark.parametrize("reader", [DESKTOP, WIDE, NARROW], indirect=True)
def test_screenshots_desktop(reader):
    page = reader.open(SECTION)
    width = page.viewport_size["width"]
    page.evaluate("document.getElementById('p16').scrollIntoView({ block: 'center' })")
    page.hover("#p16 a.claim-ref >> nth=0")
    visible_popup(reader)
    reader.shot(f"desktop-{width}-claim.png")
    page.mouse.move(5, 5)
    hidden_popup(reader)
    if width < 1200:
        page.hover(NOTE)
        visible_popup(reader)
        reader.shot(f"desktop-{width}-note.png")
    reader.open("")
    reader.shot(f"desktop-{width}-landing.png")
    reader.open("glossary/#janis-rudzutaks")
    reader.shot(f"desktop-{width}-glossary.png")
