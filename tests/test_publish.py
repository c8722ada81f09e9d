"""Publishing: the workflows pass zizmor; the built site holds together when served under its GitHub Pages
path; the timeline draws the essay's date between what Lovestone knew and what came after; the exports
anchor in the reading text; the essay's pages carry the citation data reference managers read."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import TypeAdapter

from browser import PREFIX, free_port, serve
from conftest import build_at, copy_project
from edition import publish, schema, typography
from edition.build import ROOT, read_edition
from edition.typography import reading_text

WORKFLOWS = ROOT / ".github" / "workflows"
_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_EXTERNAL = re.compile(r"https?://[^\s)<>\]\"']+")


# Workflows -------------------------------------------------------------------------------------------------


def test_workflows_have_no_medium_or_high_zizmor_findings():
    zizmor = Path(sys.executable).with_name("zizmor")
    command = [str(zizmor), "--offline", "--format", "json", "--min-severity", "medium", str(WORKFLOWS)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    findings = json.loads(result.stdout or "[]")
    summary = [f"{f.get('ident')}: {f.get('desc')}" for f in findings]
    assert not summary, f"zizmor reports: {summary}"
    assert result.returncode == 0, result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    uses = [
        (path.name, line.strip().removeprefix("- ").removeprefix("uses:").strip())
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().removeprefix("- ").startswith("uses:")
    ]
    assert uses, "no workflow uses an action"
    unpinned = [(name, ref) for name, ref in uses if not _PINNED.match(ref)]
    assert not unpinned, f"pin each action as owner/repo@<40-hex commit> # vX.Y.Z: {unpinned}"


def test_the_pages_workflow_grants_each_job_only_what_it_needs():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in workflow["jobs"]["build"]["steps"] if "actions/checkout@" in s.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False
    build_step = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("run") == "make build")
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"


# The published site, served as GitHub Pages serves a project site ------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The edition built for http://127.0.0.1:PORT/edition/ and served there, as GitHub Pages serves it."""
    target = tmp_path_factory.mktemp("published") / "project"
    site = target / "site"
    port = free_port()
    with serve(site, port) as site_url:
        project = copy_project(target)
        build_at(project, site_url)
        edition = read_edition(project)
        base = site_url.removesuffix(PREFIX)
        yield SimpleNamespace(project=project, edition=edition, site=site, site_url=site_url, base=base)


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def references(page_url: str, content_type: str, body: bytes) -> list[tuple[str, str]]:
    """(kind, address as written) of every link, asset and CSS url() of a page or stylesheet."""
    if content_type == "text/css":
        return [("css", match[1]) for match in _CSS_URL.findall(body.decode("utf-8"))]
    soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
    found = []
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")):
        found += [(tag, element[attribute]) for element in soup.find_all(tag, attrs={attribute: True})]
    for element in soup.select("[style]"):
        found += [("css", match[1]) for match in _CSS_URL.findall(element["style"])]
    for element in soup.find_all("style"):
        found += [("css", match[1]) for match in _CSS_URL.findall(element.get_text())]
    config = soup.find(id="__config")
    if config is not None:  # Material loads its search worker from here
        found.append(("script", json.loads(config.get_text())["search"]))
    return found


def allowed_external(published) -> set[str]:
    """The outside addresses the edition links to on purpose: sources and links of entries and notes, and
    links written in the hand-written pages."""
    edition = published.edition
    annotations = edition.annotations
    urls = {s.url for item in (*annotations.entries, *annotations.notes) for s in item.sources}
    urls |= {s.url for claim in annotations.claims for s in (*claim.then.sources, *claim.now.sources)}
    urls |= {edition.record.licence.url, edition.record.repository, edition.record.issues, edition.text.scans.url}
    for item in (*annotations.entries, *annotations.notes):
        for key in ("note", "after", "announced", "from_archives"):
            urls |= set(_EXTERNAL.findall(getattr(item, key, None) or ""))
    for claim in annotations.claims:
        urls |= set(_EXTERNAL.findall(claim.then.note + claim.now.note))
    for page in published.project.pages.rglob("*.md"):
        urls |= set(_EXTERNAL.findall(page.read_text(encoding="utf-8")))
    return urls


def crawl(site_url: str, allowed: set[str]) -> tuple[dict[str, set[str]], list[str]]:
    """Fetch every page and asset reachable from site_url; return each page's ids and the faults found.
    Links to outside addresses are checked against allowed, never fetched."""
    host = urlsplit(site_url).netloc
    queue, seen, ids, anchors, problems = [site_url], {site_url}, {}, [], []
    while queue:
        url = queue.pop()
        status, content_type, body = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if content_type == "text/html":
            ids[url] = {tag["id"] for tag in BeautifulSoup(body.decode("utf-8"), "html.parser").select("[id]")}
        elif content_type != "text/css":
            continue
        for kind, written in references(url, content_type, body):
            if written.startswith(("mailto:", "data:")):
                continue
            address = urljoin(url, written.strip())
            target, fragment = urldefrag(address)
            if not address.startswith(site_url):
                if urlsplit(address).netloc == host:
                    problems.append(f"{url}: {kind} '{written}' leaves {PREFIX} ({address})")
                elif kind != "a" or urlsplit(address).scheme not in ("http", "https"):
                    problems.append(f"{url}: {kind} '{written}' loads from outside the site")
                elif address not in allowed and target not in allowed:
                    problems.append(f"{url}: link to '{address}', which is no source of an entry or note")
                continue
            if fragment:
                anchors.append((url, target, unquote(fragment)))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for source, target, fragment in anchors:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{source}: no element with id '{fragment}' on {target}")
        elif target not in ids and target in seen:
            problems.append(f"{source}: '#{fragment}' points into {target}, which is no HTML page")
    return ids, problems


@pytest.fixture(scope="module")
def crawled(published):
    return crawl(published.site_url, allowed_external(published))


def test_the_crawler_reports_broken_anchors_missing_assets_and_outside_addresses(tmp_path):
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (site / "style.css").write_text("@font-face{src:url(fonts/missing.woff2)}", encoding="utf-8")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="style.css"><script src="https://cdn.example.org/x.js"></script>'
        '<a href="page/#here">ok</a> <a href="page/#gone">anchor</a> <a href="/other/">root</a>'
        '<a href="https://example.org/source">source</a> <a href="https://example.org/elsewhere">other</a>',
        encoding="utf-8",
    )
    with serve(site) as site_url:
        ids, problems = crawl(site_url, {"https://example.org/source"})
    assert set(ids) == {site_url, site_url + "page/"}
    faults = sorted(problem.partition(": ")[2] for problem in problems)
    assert len(faults) == 5, faults
    assert any("no element with id 'gone'" in f for f in faults)
    assert any("'/other/' leaves /edition/" in f for f in faults)
    assert any("cdn.example.org" in f and "outside the site" in f for f in faults)
    assert any("example.org/elsewhere" in f for f in faults)
    assert any("missing.woff2: HTTP 404" in p for p in problems)


def test_every_link_asset_and_anchor_resolves_under_the_site_path(crawled):
    _, problems = crawled
    pages_by_fault: dict[str, list[str]] = {}
    for problem in problems:
        page, _, fault = problem.partition(": ")
        pages_by_fault.setdefault(fault, []).append(page)
    report = [f"{fault} (on {len(pages)} page(s), e.g. {pages[0]})" for fault, pages in sorted(pages_by_fault.items())]
    assert not report, "\n".join(report)


def page_url_of(name: str, site_url: str) -> str | None:
    """The address a built page is served at; None for the 404 page, which has none."""
    if name == "404.html":
        return None
    return site_url + name.removesuffix("index.html")


def essay_pages(essay) -> set[str]:
    return {"index.html", "full-text/index.html", *(f"essay/{s.slug}/index.html" for s in essay.sections)}


def test_the_crawl_reaches_every_built_page(published, crawled):
    ids, _ = crawled
    pages = {
        page_url_of(path.relative_to(published.site).as_posix(), published.site_url)
        for path in published.site.rglob("*.html")
    } - {None}
    assert pages - set(ids) == set(), "pages no link leads to"


@pytest.mark.parametrize("path", ["missing", "a/b/c/missing"])
def test_the_404_page_works_at_any_depth(published, path):
    url = f"{published.site_url}{path}"
    status, content_type, body = fetch(url)
    assert status == 404 and content_type == "text/html"
    soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
    assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in soup.find_all("script", src=True)]
    assert assets, "the 404 page has no stylesheet or script to check"
    for written in assets:
        address = urljoin(url, written)
        assert address.startswith(published.site_url), f"{written} resolves to {address}"
        assert fetch(address)[0] == 200, f"{written} resolves to {address}, which is missing"


def test_nothing_is_served_outside_the_site_path(published):
    assert fetch(f"{published.base}/index.html")[0] == 404


# Timeline ----------------------------------------------------------------------------------------------------


def _last_day(value: str) -> date:
    year, month, day = ([int(p) for p in value.split("-")] + [0, 0])[:3]
    if not month:
        return date(year, 12, 31)
    if not day:
        next_month = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)
    return date(year, month, day)


def test_partial_dates_stand_at_the_end_of_their_month_or_year():
    dates = ["1937", "1937-07-03", "1937-06", "1936-08-25", "1937-06-18", "1936"]
    assert sorted(dates, key=publish.timeline_key) == [
        "1936-08-25",
        "1936",
        "1937-06-18",
        "1937-06",
        "1937-07-03",
        "1937",
    ]


def test_the_timeline_is_in_order_with_the_essay_date_as_its_dividing_line(published):
    soup = BeautifulSoup((published.site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    sequence = soup.select("td[data-date], h2#lovestone-writes")
    divider = soup.find("h2", id="lovestone-writes")
    assert divider is not None and "Lovestone writes" in divider.get_text() and "18 June 1937" in divider.get_text()
    cut = sequence.index(divider)
    before = [_last_day(td["data-date"]) for td in sequence[:cut]]
    after = [_last_day(td["data-date"]) for td in sequence[cut + 1 :]]
    written = date(1937, 6, 18)
    assert before and after
    assert before == sorted(before) and after == sorted(after)
    assert all(day <= written for day in before), "a row above the line happened after 18 June 1937"
    assert all(day > written for day in after), "a row below the line happened by 18 June 1937"
    rows = {td.find_parent("tr").get_text(" ", strip=True) for td in sequence if td is not divider}
    assert any("Vladimir Lenin dies" in row for row in rows)
    assert any("Leon Trotsky is assassinated" in row for row in rows)
    assert any("Mikhail Tomsky takes his own life" in row for row in rows)
    assert any("Trial of the Sixteen (first Moscow trial) opens in Moscow" in row for row in rows)
    assert not any(re.search(r"\b(begins|ends)\b", row) for row in rows if "Lenin's Testament" in row)
    published_row = soup.select_one("td.essay-date")
    assert published_row["data-date"] == "1937-07-03" and published_row.find_parent("tbody") is not None


def test_each_timeline_row_leads_to_its_entry_and_to_the_paragraphs_naming_it(published):
    soup = BeautifulSoup((published.site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for cell in soup.select("td[data-date]:not(.essay-date)"):
        row = cell.find_parent("tr")
        links = [a["href"] for a in row.find_all("a")]
        assert any(h.startswith("../glossary/#") for h in links), row.get_text(" ", strip=True)
    lenin = next(td.find_parent("tr") for td in soup.select('td[data-date="1924-01-21"]'))
    assert "../essay/self-indicting-accusers/#p16" in [a["href"] for a in lenin.find_all("a")]


# Exports ----------------------------------------------------------------------------------------------------------


def _reading_texts_on_pages(published) -> dict[str, str]:
    """Each paragraph's words as the page shows them, without its number and note markers."""
    texts = {}
    for section in published.edition.essay.sections:
        soup = BeautifulSoup((published.site / "essay" / section.slug / "index.html").read_text("utf-8"), "html.parser")
        for paragraph in soup.select("p.para"):
            for marker in paragraph.select("a.pnum, sup, a.claim-ref"):
                marker.decompose()
            texts[paragraph["id"]] = paragraph.get_text().strip()
    return texts


def test_every_annotation_quotes_the_reading_text_of_its_paragraph(published):
    collection = json.loads((published.site / publish.ANNOTATIONS_FILE).read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    placements = published.edition.placements
    placed = len(placements.mentions) + len(placements.notes) + len(placements.claims)
    assert collection["total"] == len(items) == placed
    paragraphs = {p.id: p for p in published.edition.essay.paragraphs}
    on_pages = _reading_texts_on_pages(published)
    for item in items:
        target = item["target"]
        page, paragraph_id = target["source"].split("#")
        section = published.edition.essay.section_of(paragraph_id)
        assert page == f"{published.site_url}essay/{section.slug}/"
        selector = target["selector"]
        assert selector["type"] == "TextQuoteSelector" and selector["exact"]
        quoted = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
        reading = reading_text(paragraphs[paragraph_id], placements).text
        assert quoted in reading, item["id"]
        assert quoted in on_pages[paragraph_id], f"{item['id']}: not the words the page shows"
        assert len(selector.get("prefix", "")) <= publish.CONTEXT_CHARS
    motivations = {item["motivation"] for item in items}
    assert motivations <= {"identifying", "linking", "commenting", "assessing"}
    reviews = [body["value"] for item in items if item["motivation"] == "assessing" for body in item["body"]]
    assert sum(1 for r in reviews if isinstance(r, dict) and r["@type"] == "ClaimReview") == len(placements.claims)
    notes = [item for item in items if item["motivation"] == "commenting"]
    assert len(notes) == len(placements.notes)
    assert all(n["body"]["type"] == "TextualBody" and n["body"]["format"] == "text/markdown" for n in notes)
    glossary = BeautifulSoup((published.site / "glossary" / "index.html").read_text("utf-8"), "html.parser")
    for item in items:
        if item["motivation"] in ("identifying", "linking"):
            page, entry_id = item["body"]["id"].split("#")
            assert page == f"{published.site_url}glossary/" and glossary.find(id=entry_id) is not None
    assert "Non-commercial reproduction permitted." in collection["copyrightNotice"]
    assert "Tim Davenport" in collection["creditText"] and "1000 Flowers Publishing" in collection["creditText"]


def test_a_quote_keeps_the_emended_and_typeset_words():
    from edition.model import Emendation, EmendationPlacement, Paragraph, Placements, Span

    paragraph = Paragraph("p1", 1, 'Thought the "purge"—so it seems', 1)
    emendation = Emendation("e", "Thought", "Though", "slip", "f", 1)
    placements = Placements(emendations=(EmendationPlacement(emendation, Span("p1", 0, 7)),))
    reading = reading_text(paragraph, placements)
    assert reading.text == "Though the “purge” — so it seems"
    assert publish.text_quote_selector(reading, 13, 18, chars=5) == {
        "type": "TextQuoteSelector",
        "exact": "purge",
        "prefix": "the “",
        "suffix": "” — s",
    }
    assert publish.text_quote_selector(reading, 0, 3)["exact"] == "Though"


def test_entries_json_has_every_entry_in_the_annotation_format_with_its_mentions(published):
    data = json.loads((published.site / publish.ENTRIES_FILE).read_text(encoding="utf-8"))
    assert data["schema"] == f"{published.site_url}schema.json"
    assert json.loads((published.site / "schema.json").read_text(encoding="utf-8"))["$defs"]
    assert data["license"] == "Non-commercial reproduction permitted."
    assert "Tim Davenport" in data["credit"]
    entries = {e.id: e for e in published.edition.annotations.entries}
    assert [record["id"] for record in data["entries"]] == sorted(entries)
    adapter = TypeAdapter(schema.Annotation)
    for record in data["entries"]:
        fields = {k: v for k, v in record.items() if k not in ("url", "mentions", "file", "line")}
        adapter.validate_python(fields)
        assert record["url"] == f"{published.site_url}glossary/#{record['id']}"
        named_in = {m.span.paragraph_id for m in published.edition.placements.mentions if m.entry_id == record["id"]}
        assert {url.split("#")[1] for url in record["mentions"]} == named_in
        assert all(url.startswith(f"{published.site_url}essay/") for url in record["mentions"])
    lenin = next(r for r in data["entries"] if r["id"] == "vladimir-lenin")
    assert lenin["born"] == "1870-04-22" and lenin["died"] == "1924-01-21" and lenin["sources"]


# Page metadata -----------------------------------------------------------------------------------------------


def _page(published, path: str) -> BeautifulSoup:
    return BeautifulSoup((published.site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def test_an_essay_page_carries_the_highwire_tags_zotero_reads(published):
    soup = _page(published, "essay/self-indicting-accusers")
    url = f"{published.site_url}essay/self-indicting-accusers/"
    expected = {
        "citation_title": "The Meaning of the Soviet “Purges”",
        "citation_author": "Lovestone, Jay",
        "citation_publication_date": "1937/07/03",
        "citation_journal_title": "Workers Age",
        "citation_volume": "6",
        "citation_issue": "27",
        "citation_firstpage": "5",
        "citation_lastpage": "6",
        "citation_public_url": url,
        "citation_fulltext_html_url": url,
    }
    assert {name: _meta(soup, name) for name in expected} == {name: [value] for name, value in expected.items()}
    assert [link["href"] for link in soup.find_all("link", rel="canonical")] == [url]
    assert len(_meta(soup, "description")) == 1


def test_an_essay_page_describes_itself_as_an_article_in_json_ld(published):
    for path in ("", "full-text", "essay/introduction"):
        soup = (
            _page(published, path)
            if path
            else BeautifulSoup((published.site / "index.html").read_text(), "html.parser")
        )
        scripts = [
            s for s in soup.find_all("script", type="application/ld+json") if "edition-claims" not in s.get("class", [])
        ]
        assert len(scripts) == 1, path
        article = json.loads(scripts[0].string)
        assert article["@type"] == "Article"
        assert article["author"] == {"@type": "Person", "name": "Jay Lovestone"}
        assert article["datePublished"] == "1937-07-03" and article["dateCreated"] == "1937-06-18"
        issue = article["isPartOf"]
        assert (issue["@type"], issue["issueNumber"]) == ("PublicationIssue", "27")
        assert issue["isPartOf"]["volumeNumber"] == "6"
        assert issue["isPartOf"]["isPartOf"] == {"@type": "Periodical", "name": "Workers Age"}
        assert "Tim Davenport" in article["creditText"]
        assert article["workExample"]["version"] == published.edition.record.version
        assert article["url"] == f"{published.site_url}{path + '/' if path else ''}"


def test_every_claim_is_a_claim_review_on_the_register_once(published):
    placements = published.edition.placements
    register = _page(published, "claims")
    (data,) = register.select("script.edition-claims")
    reviews = json.loads(data.string)
    assert {r["url"].rsplit("#", 1)[1] for r in reviews} == {p.claim.id for p in placements.claims}
    assert all(r["@type"] == "ClaimReview" and r["itemReviewed"]["author"]["name"] == "Jay Lovestone" for r in reviews)
    assert len(reviews) == len(placements.claims)
    appearances = {r["itemReviewed"]["appearance"]["url"].rsplit("/#", 1)[1] for r in reviews}
    assert appearances == {p.span.paragraph_id for p in placements.claims}
    for path in published.site.rglob("*.html"):
        if path.parent.name != "claims":
            assert not BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("script.edition-claims")


def test_every_page_has_open_graph_tags_and_only_essay_pages_cite_the_essay(published):
    for path in published.site.rglob("*.html"):
        name = path.relative_to(published.site).as_posix()
        if name == "404.html":
            continue  # no page of the edition: an address that leads nowhere
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=re.compile("^og:"))}
        assert {"og:title", "og:description", "og:type", "og:site_name"} <= set(og), name
        assert len(_meta(soup, "description")) == 1, name
        is_essay = name in essay_pages(published.edition.essay)
        assert bool(_meta(soup, "citation_title")) == is_essay, name
        assert og["og:type"] == ("article" if is_essay else "website"), name
        assert og["og:url"] == page_url_of(name, published.site_url), name
    glossary = _page(published, "glossary")
    assert glossary.find("meta", property="og:title")["content"] == "People, bodies, events and terms"


def test_a_plain_mkdocs_build_after_the_generator_gives_the_published_site(published, tmp_path):
    """The renderer only lays out what the generator wrote: `mkdocs build` (as `mkdocs serve` and
    `mkdocs gh-deploy` run it) publishes the same bytes as `make build`."""
    other = tmp_path / "site"
    environment = {**os.environ, "SITE_URL": published.site_url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(other)]
    subprocess.run(command, cwd=published.project.root, env=environment, check=True, capture_output=True)
    # The search index is the one step after the renderer: it only adds files made from the rendered pages.
    mine = {
        p.relative_to(published.site).as_posix(): p.read_bytes()
        for p in published.site.rglob("*")
        if p.is_file() and not p.relative_to(published.site).as_posix().startswith("pagefind/")
    }
    theirs = {p.relative_to(other).as_posix(): p.read_bytes() for p in other.rglob("*") if p.is_file()}
    assert sorted(mine) == sorted(theirs)
    differing = [name for name in mine if mine[name] != theirs[name] and not name.startswith("sitemap.xml")]
    assert differing == []


def test_the_site_name_is_the_short_title_of_the_texts_record(published):
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(text for text in lines if text.startswith("site_name:"))
    assert yaml.safe_load(line)["site_name"] == typography.typeset(published.edition.text.short_title)


def test_the_default_address_is_the_one_in_mkdocs_yml():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'site_url: !ENV [SITE_URL, "{publish.DEFAULT_SITE_URL}"]' in text
