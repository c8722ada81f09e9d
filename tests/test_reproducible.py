"""The same input builds the same site, byte for byte, so a deploy changes exactly what the input changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from edition import markup, yamlfile
from edition.build import ROOT, Project, check
from edition.model import InputError

SOURCE_DATE_EPOCH = "1751500800"  # 3 July 2025, 00:00 UTC
SITE_URL = "http://127.0.0.1:8765/edition/"


def build_copy(target: Path, hash_seed: str, cache: Path) -> Project:
    """Build a private copy as `make build` does, in a fresh interpreter with its own string hashing."""
    project = copy_project(target)
    environment = {
        **os.environ,
        "EDITION_CACHE": str(cache),
        "EDITION_ROOT": str(project.root),
        "PYTHONPATH": str(ROOT / "scripts"),
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "SITE_URL": SITE_URL,
        # Different seeds change the order of sets and dicts of strings, so order leaking into output shows.
        "PYTHONHASHSEED": hash_seed,
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "edition", "build"], env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
    return project


def read_site(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def first_difference(a: bytes, b: bytes, context: int = 40) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, at - context)
    return f"byte {at}: {a[start : at + context]!r} vs {b[start : at + context]!r}"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Project, Project]:
    """The first build converts every editor's Markdown; the second takes all of it from the cache the first
    left. The PDF comes from the suite's cache in both (typesetting it is not what is compared here)."""
    base = tmp_path_factory.mktemp("reproducible")
    cache = base / "cache"
    cache.mkdir()
    for typeset in Path(os.environ["EDITION_CACHE"]).glob("*.pdf"):
        shutil.copy(typeset, cache)
    first = build_copy(base / "first", "1", cache)
    assert json.loads(first.conversions.read_text(encoding="utf-8")), "the first build kept no conversions"
    return first, build_copy(base / "second", "2", cache)


def test_two_builds_of_the_same_input_are_byte_identical(two_builds):
    first, second = (read_site(project.site) for project in two_builds)
    assert first, "the build wrote no site"
    only = sorted(set(first) ^ set(second))
    differing = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    details = "\n".join(f"  {name}: {first_difference(first[name], second[name])}" for name in differing)
    assert not only and not differing, (
        f"{len(differing)} file(s) differ between two builds of the same input:\n{details}\nin one build only: {only}"
    )


def test_the_build_dates_come_from_source_date_epoch(two_builds):
    site = two_builds[0].site
    assert "<lastmod>2025-07-03</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") == int(SOURCE_DATE_EPOCH), "the gzip header's time is the build's"


def cache_with_an_older_file(monkeypatch, tmp_path, kind: str) -> Path:
    """A private cache holding a kept file of this kind that another release of its library made."""
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    older = tmp_path / "cache" / f"{kind}-0123456789abcdef.json"
    older.parent.mkdir()
    older.write_text("{}", encoding="utf-8")
    return older


def count_conversions(monkeypatch) -> list[str]:
    """The texts Python-Markdown converts from now on, this process's memo emptied first."""
    markup._converted.cache_clear()
    converted: list[str] = []
    real = markup._MARKDOWN.convert
    monkeypatch.setattr(markup._MARKDOWN, "convert", lambda text: converted.append(text) or real(text))
    return converted


def test_a_rebuild_converts_only_the_markdown_an_editor_changed(project, monkeypatch, tmp_path):
    older = cache_with_an_older_file(monkeypatch, tmp_path, "markdown")
    check(project)
    assert list(older.parent.glob("markdown-*.json")) == [project.conversions], "only the current one is kept"
    notes = project.annotations / "notes-part1.yml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("On the morning of 11 June 1937", "On the morning of 11 June", 1),
        encoding="utf-8",
    )
    converted = count_conversions(monkeypatch)
    check(project)
    # the note, and its first sentence (what a popup shows): nothing else is converted again
    assert converted and all(text.startswith("On the morning of 11 June *Pravda* announced") for text in converted)


@pytest.mark.parametrize(
    "kept",
    ["not JSON {", "[1, 2]", '{"converted": {"*a*": 3}, "inspected": {"<p><em>a</em></p>": [["x"], [[1, 2]]]}}', None],
)
def test_an_unreadable_markdown_cache_only_costs_time(project, monkeypatch, tmp_path, kept):
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    project.conversions.parent.mkdir(parents=True)
    if kept is None:
        project.conversions.mkdir()  # not even a file
    else:
        project.conversions.write_text(kept, encoding="utf-8")
    converted = count_conversions(monkeypatch)
    assert "no problems" in check(project)
    assert len(converted) > 100, "every note converted afresh"
    assert markup.check_markdown("*a*").refused == (), "nothing of the wrong shape is taken"
    if kept is not None:
        assert json.loads(project.conversions.read_text(encoding="utf-8")), "the cache is written anew"


def count_parses(monkeypatch) -> list[str]:
    """The YAML files parsed from now on (by the names messages give them), this process's memo emptied first."""
    yamlfile._parses.cache_clear()
    parsed: list[str] = []
    real = yamlfile.parse_yaml
    monkeypatch.setattr(yamlfile, "parse_yaml", lambda text, name: parsed.append(name) or real(text, name))
    return parsed


def test_a_rebuild_parses_only_the_yaml_file_an_editor_changed(project, monkeypatch, tmp_path):
    older = cache_with_an_older_file(monkeypatch, tmp_path, "yaml")
    parsed = count_parses(monkeypatch)
    check(project)
    assert "annotations/places.yml" in parsed and len(parsed) > 10, "a first build reads every file"
    assert list(older.parent.glob("yaml-*.json")) == [project.parses], "only the current one is kept"
    places = project.annotations / "places.yml"
    places.write_text(places.read_text(encoding="utf-8").replace("City on the Neva", "The city on the Neva"), "utf-8")
    parsed = count_parses(monkeypatch)
    check(project)
    assert parsed == ["annotations/places.yml"]


def test_a_problem_in_a_file_read_from_the_cache_names_the_same_line(project, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    with (project.annotations / "places.yml").open("a", encoding="utf-8") as places:
        places.write("- kind: persn\n  id: x\n")
    reported = []
    for _ in range(2):  # parsed, then from the cache the first left
        parsed = count_parses(monkeypatch)
        with pytest.raises(InputError) as raised:
            check(project)
        reported.append([str(problem) for problem in raised.value.problems])
    assert parsed == [], "the second time nothing is parsed"
    assert reported[0] == reported[1]
    assert any(message.startswith("annotations/places.yml:") and "persn" in message for message in reported[1])


@pytest.mark.parametrize(
    "entry",
    [["m", 1, [[1, 2, "a key that is a number"]]], ["q", 1, []], ["m", "one", []], {"m": 1}, ["l", 1, 7]],
)
def test_an_unreadable_yaml_cache_only_costs_time(project, monkeypatch, tmp_path, entry):
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))
    files = sorted(project.annotations.glob("*.yml"))
    kept = {hashlib.sha256(path.read_bytes()).hexdigest(): entry for path in files}
    project.parses.parent.mkdir(parents=True)
    project.parses.write_text(json.dumps(kept), encoding="utf-8")
    parsed = count_parses(monkeypatch)
    assert "no problems" in check(project)
    assert len(parsed) >= len(files), "every file of the wrong shape read afresh"
    assert json.loads(project.parses.read_text(encoding="utf-8")) != kept, "the cache is written anew"
