"""The bench's helpers measure what they claim: valid synthetic collections, the bytes a page loads, growth.

No timings are asserted here; `make bench` reports them.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

import bench
from edition import markup, parse
from edition.build import ROOT, Project, gather_edition
from edition.load import load_annotations
from edition.match import place_annotations
from edition.model import Edition
from edition.records import read_edition_record

SOURCE = bench.read_text(Project(ROOT))[1].decode("utf-8")


@pytest.fixture(scope="module")
def two_essays(tmp_path_factory):
    collection = bench.make_collection(2, SOURCE, bench.read_raw_annotations(ROOT / "annotations"))
    project = bench.write_collection(collection, tmp_path_factory.mktemp("bench") / "collection")
    essay = parse.parse_essay(collection.source, "source", collection.expected_joins)
    annotations, problems, _ = load_annotations(project.annotations, project.root)
    assert problems == []
    return collection, essay, annotations, project


def test_a_synthetic_collection_parses_into_whole_essays(two_essays, essay):
    collection, synthetic, _, _ = two_essays
    assert len(synthetic.sections) == 2 * len(essay.sections)
    assert len(synthetic.paragraphs) == 2 * len(essay.paragraphs)
    assert len({s.slug for s in synthetic.sections}) == len(synthetic.sections), "section pages would collide"


def test_every_synthetic_annotation_is_placed_without_a_problem(two_essays):
    collection, essay, annotations, _ = two_essays
    placements, problems = place_annotations(essay, annotations)
    assert problems == []
    assert len(annotations.entries) == 2 * bench.ENTRIES_PER_ESSAY
    assert len(placements.notes) == 2 * bench.NOTES_PER_ESSAY
    assert len(placements.claims) == 2 * bench.CLAIMS_PER_ESSAY
    assert len(placements.emendations) == 2 * bench.EMENDATIONS_PER_ESSAY
    assert {m.entry_id for m in placements.mentions}, "no entry is mentioned"


def test_a_synthetic_collection_is_an_edition_the_build_accepts(two_essays):
    """Record, pins, annotations, reserved ids, aliases, hindsight, placements and links: every check
    gather_edition makes."""
    collection, _, _, project = two_essays
    edition, problems = gather_edition(project)
    assert [str(p) for p in problems] == []
    assert len(edition.essay.sections) == collection.essays * len(parse.parse_essay(SOURCE).sections)


def test_a_synthetic_collection_renders_without_a_problem(two_essays, tmp_path, monkeypatch):
    collection, essay, annotations, project = two_essays
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    placements = bench.place_by_essay(essay, annotations, len(essay.sections) // collection.essays)
    text, _ = bench.read_text(project)
    record, problems = read_edition_record(project.edition_record, "edition.yml")
    assert problems == []
    with bench.without_typesetting():
        files = bench.render_valid(Edition(text, record, essay, annotations, placements), project, "http://x/e/")
    assert sum(f.startswith("essay/") for f in files) == len(essay.sections)
    assert bench.PLACEHOLDER_PDF in files.values(), "the collection's PDF is not typeset"


def test_no_editor_text_repeats_across_variants(two_essays):
    """Else the cache of rendered Markdown would make a large collection look cheaper than it is."""
    _, _, annotations, _ = two_essays
    texts = [e.note for e in annotations.entries if e.note] + [n.note for n in annotations.notes]
    texts += [c.then.note for c in annotations.claims] + [c.now.note for c in annotations.claims]
    assert len(texts) == len(set(texts))


def test_placing_essay_by_essay_gives_what_the_whole_collection_gives(two_essays):
    collection, essay, annotations, _ = two_essays
    sections_per_essay = len(essay.sections) // collection.essays
    assert bench.place_by_essay(essay, annotations, sections_per_essay) == place_annotations(essay, annotations)[0]


def test_variant_codes_are_distinct_and_sort_in_order():
    codes = [bench.variant_code(i) for i in range(1000)]
    assert codes == sorted(set(codes))


def test_a_variant_quote_is_cut_from_its_renamed_paragraph():
    variant = bench.Variant(3, ("Red Army",))
    text = "the Red Army fell"
    prefix, quote, suffix = variant.quote(text, 8, 12, 4, 5)  # "Red ", "Army", " fell": the alias cut in two
    renamed = variant.transform(text)
    assert prefix + quote + suffix in renamed
    assert quote.endswith(variant.code), "an alias cut at the quote's edge keeps its suffix"


def test_css_references_take_the_first_source_of_a_font_and_skip_inline_data():
    css = """
    @import "print.css";
    @font-face { font-family: X; src: url(fonts/x.woff2) format("woff2"), url('fonts/x.woff') format("woff"); }
    .a { background: url("data:image/svg+xml;utf8,<svg/>"); }
    .b { background: url(img/b.png); }
    """
    assert bench.css_references(css) == ["fonts/x.woff2", "print.css", "img/b.png"]


def test_html_references_are_what_loads_not_what_links():
    html = """<html><head><link rel="stylesheet" href="a.css"><link rel="canonical" href="https://example.org/">
    <script id="__config" type="application/json">{"search": "w/search.js"}</script></head>
    <body><form name="search"></form>
    <a href="https://en.wikipedia.org/">source</a><img src="i.png"><script src="s.js"></script></body></html>"""
    assert sorted(bench.html_references(html)) == ["a.css", "i.png", "s.js", "w/search.js"]


def test_material_search_worker_is_not_counted_without_its_search_box():
    html = """<html><head><script src="assets/edition-search.js"></script>
    <script id="__config" type="application/json">{"search": "w/search.js"}</script></head><body></body></html>"""
    assert bench.html_references(html) == ["assets/edition-search.js"]


def test_page_weight_follows_stylesheets_and_names_foreign_hosts(tmp_path):
    site = tmp_path / "site"
    (site / "essay").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "essay" / "index.html").write_text(
        '<link rel="stylesheet" href="../assets/a.css"><script src="https://cdn.example.com/x.js"></script>'
        '<img src="../assets/gone.png">'
    )
    (site / "assets" / "a.css").write_text("@font-face { src: url(f.woff2) }")
    (site / "assets" / "f.woff2").write_bytes(b"\0" * 1000)
    weight = bench.page_weight(site, "essay/index.html", "http://127.0.0.1:1/edition/")
    assert set(weight.files) == {"essay/index.html", "assets/a.css", "assets/f.woff2"}
    assert weight.files["assets/f.woff2"] == 1000, "woff2 is sent as it is"
    html = (site / "essay" / "index.html").read_bytes()
    assert weight.files["essay/index.html"] == len(gzip.compress(html, compresslevel=6, mtime=0))
    assert weight.total == sum(weight.files.values())
    assert weight.third_party == {"cdn.example.com"}
    assert weight.missing == ["assets/gone.png"]


def test_growth_per_doubling_tells_linear_from_quadratic():
    assert bench.growth_between([(1, 1.0), (2, 2.0), (4, 4.0)]) == (2.0, 2.0)
    mean, worst = bench.growth_between([(1, 1.0), (2, 4.0), (8, 64.0)])
    assert mean == pytest.approx(4.0) and worst == pytest.approx(4.0)


def test_repeats_stop_at_the_budget_but_not_below_the_least():
    assert len(bench.time_runs(lambda: None, runs=5).seconds) == 5
    assert len(bench.time_runs(lambda: None, runs=5, budget=0.0, least=2).seconds) == 2


def test_cpu_time_counts_the_child_processes_waited_for():
    busy = "import time\nwhile time.process_time() < 0.2: pass"
    timing = bench.time_runs(lambda: subprocess.run([sys.executable, "-c", busy], check=True), runs=1)
    assert timing.cpu[0] >= 0.2, "a plain render's CPU time is spent in mkdocs, a child process"


def test_every_timed_run_starts_with_the_rendered_markdown_forgotten():
    cached = []
    bench.time_runs(
        lambda: cached.append(len(markup.conversions_made()["converted"])) or markup.render_markdown("*a*"),
        runs=3,
        before=bench.empty_caches,
    )
    assert cached == [0, 0, 0]


def test_the_local_server_serves_the_project_path_gzipped_and_nothing_else(tmp_path):
    (tmp_path / "index.html").write_text("<p>home</p>" * 50)
    (tmp_path / "404.html").write_text("missing")
    port = bench.free_port()
    server = bench.serve(tmp_path, "/edition/", port)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/edition/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (tmp_path / "index.html").read_bytes()
        for path in ("/robots.txt", "/edition/nowhere/"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
            assert error.value.code == 404
    finally:
        server.shutdown()
