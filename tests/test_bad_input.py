"""Bad annotations stop the real command line with a message and leave the last good site as it was.

Each case copies a built project, breaks one annotation file, runs `python -m edition build` and reads
what an editor would read on the terminal.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.build import ROOT, build, read_edition
from edition.model import InputError

NOTE = """\
- kind: note
  id: {id}
  quote: {quote}
  note: A note.
  sources:
    - type: web
      title: A source
      url: https://example.org/
"""


def run_build(root: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "EDITION_ROOT": str(root),
        "PYTHONPATH": str(ROOT / "scripts"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "edition", "build"]
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, timeout=300)


def output_hashes(root: Path) -> dict[str, str]:
    """Every file the build writes, with its SHA-256."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in (root / "build" / "docs", root / "site")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def append(root: Path, name: str, text: str, encoding: str = "utf-8") -> int:
    """Add entries at the end of an annotation file; return the line where they start."""
    path = root / "annotations" / name
    data = path.read_bytes().rstrip(b"\n") + b"\n\n"
    path.write_bytes(data + text.encode(encoding))
    return data.count(b"\n") + 1


def replace(root: Path, name: str, text: str) -> None:
    (root / "annotations" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A copy of the built project, site and generated pages included."""
    root = tmp_path / "project"
    shutil.copytree(built.root, root)
    return root


def yaml_syntax_error(root: Path) -> str:
    start = append(root, "terms.yml", "- kind: term\n  id: broken\n  summary: Lenin wrote: remove Stalin.\n")
    return (
        f"annotations/terms.yml:{start + 2}: the YAML cannot be read: mapping values are not allowed in this context"
        " ('summary: Lenin wrote: remove Stalin.').\n"
        "  Hint: a value containing ': ' must be quoted"
    )


def empty_file(root: Path) -> str:
    replace(root, "emendations.yml", "")
    return "annotations/emendations.yml:1: the file has no entries: it is empty or holds only comments.\n  Hint: "


def file_not_utf8(root: Path) -> str:
    entry = "- kind: emendation\n  id: em-cafe\n  sic: x\n  corr: y\n  reason: Caf\xe9 society.\n"
    start = append(root, "emendations.yml", entry, encoding="latin-1")
    return (
        f"annotations/emendations.yml:{start + 4}: the file is not UTF-8 text: byte 0xe9 in column 14 cannot be read"
        " ('reason: Caf\N{REPLACEMENT CHARACTER} society.').\n"
        "  Hint: save the file as UTF-8"
    )


def file_not_a_list(root: Path) -> str:
    replace(root, "emendations.yml", "kind: emendation\nid: em-though\nsic: Thought\n")
    return (
        "annotations/emendations.yml:1: the file must be a list of entries,"
        " but it holds a mapping of keys and values.\n"
        "  Hint: start each entry with '- kind: ...' at the left margin"
    )


def item_not_a_mapping(root: Path) -> str:
    items = (root / "annotations" / "emendations.yml").read_text(encoding="utf-8").count("\n- kind:") + 1
    start = append(root, "emendations.yml", "- em-though\n")
    return (
        f"annotations/emendations.yml:{start}: item {items} of the list is the text 'em-though',"
        " not an entry of keys and values."
    )


def note_quote_not_found(root: Path) -> str:
    quote = "seven generals and a marshal of the Red Army fell before a firing sqad"
    start = append(root, "terms.yml", NOTE.format(id="note-misquoted", quote=quote))
    return (
        f"annotations/terms.yml:{start}: note 'note-misquoted': the quote '{quote}' is not found in the essay.\n"
        "  Hint: the nearest words in the essay are"
        " 'seven generals and a marshal of the Red Army fell before a firing squ"
    )


def note_quote_ambiguous(root: Path) -> str:
    start = append(root, "terms.yml", NOTE.format(id="note-masses", quote="the masses"))
    return (
        f"annotations/terms.yml:{start}: note 'note-masses': the quote 'the masses' occurs 2 times (¶20, ¶22).\n"
        "  Hint: add 'prefix' or 'suffix' (the words just before or after) to say which one is meant."
    )


def sic_not_unique(root: Path) -> str:
    entry = "- kind: emendation\n  id: em-masses\n  sic: the masses\n  corr: the masses\n  reason: A reason.\n"
    start = append(root, "emendations.yml", entry)
    return (
        f"annotations/emendations.yml:{start}: emendation 'em-masses': the text 'the masses' occurs 2 times"
        " (¶20, ¶22).\n"
        "  Hint: add 'prefix' or 'suffix'"
    )


@pytest.mark.parametrize(
    "break_input",
    [
        yaml_syntax_error,
        empty_file,
        file_not_utf8,
        file_not_a_list,
        item_not_a_mapping,
        note_quote_not_found,
        note_quote_ambiguous,
        sic_not_unique,
    ],
)
def test_bad_input_stops_the_build_with_one_message_and_leaves_the_site_as_it_was(built_copy, break_input):
    before = output_hashes(built_copy)
    assert "site/index.html" in before and "build/docs/glossary/index.md" in before
    expected = break_input(built_copy)
    result = run_build(built_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("The edition was not built: 1 problem(s) found.\n"), result.stderr
    assert expected in result.stderr
    assert output_hashes(built_copy) == before
    assert not list(built_copy.glob(".site-*")), "a half-built site was left behind"


def test_every_problem_in_a_file_is_reported_at_once(built_copy):
    entries = """\
- kind: term
  id: broken-one
  name: Broken one
  summry: A term.
  sources:
    - type: web
      title: A source
      url: https://example.org/

- kind: event
  id: broken-two
  name: Broken two
  start: "1937-13-01"
  summary: An event.
  sources:
    - type: web
      title: A source
      url: https://example.org/

- kind: term
  id: broken-three
  name: Broken three
  summary: A term.
  related: [josef-stalin]
  sources:
    - type: web
      title: A source
      url: https://example.org/
"""
    start = append(built_copy, "terms.yml", entries)
    before = output_hashes(built_copy)
    result = run_build(built_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("annotations/")]
    assert lines == [
        f"annotations/terms.yml:{start}: entry 'broken-one': the required key 'summary' is missing.",
        f"annotations/terms.yml:{start + 3}: entry 'broken-one': unknown key 'summry'.",
        f"annotations/terms.yml:{start + 12}: entry 'broken-two': 'start' is '1937-13-01', which has no month 13.",
        f"annotations/terms.yml:{start + 23}: entry 'broken-three': related id 'josef-stalin' names no entry.",
    ]
    assert result.stderr.startswith("The edition was not built: 4 problem(s) found.\n")
    assert output_hashes(built_copy) == before


# Safe text: what passes the checks cannot put markup on the site ---------------------------------------------------

PROBE = """\
- kind: term
  id: markup-probe
  name: 'Probe [x](javascript:alert(1)) {{: onclick="alert(1)" }} *b* `c`'
  aliases: [{alias}]
  summary: 'Ends") onmouseover="alert(2)" [y](javascript:alert(3)) {{: onclick=alert(4) }} javascript:alert(5)'
  note: |
    A [safe link](https://example.org/ "a title") and text that only looks like code: onclick=alert(6).
  sources:
    - type: web
      title: '[t](javascript:alert(7)) {{: onclick=alert(8) }} " onmouseover="alert(9)'
      url: https://example.org/a_(b)?q="onmouseover="alert(10)

- kind: emendation
  id: em-probe
  sic: Even the most obedient
  corr: 'Even [z](javascript:alert(11)) {{: onclick=alert(12) }} the most obedient'
  reason: 'A reason") onmouseover="alert(13)" [r](javascript:alert(14)) {{ onclick=alert(15) }}'
"""
_SCRIPT_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def test_text_that_passes_the_checks_never_becomes_markup_on_the_site(project):
    alias = read_edition(project).placements.unlisted_names[0]  # a name no entry claims yet
    append(project.root, "terms.yml", PROBE.format(alias=alias))
    build(project)
    pages = {
        path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in project.site.rglob("*.html")
    }
    for path, soup in pages.items():
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), f"{path}: <{element.name} {name}=...>"
                for text in value if isinstance(value, list) else [value]:
                    assert not _SCRIPT_SCHEME.match(text), f"{path}: <{element.name} {name}={text!r}>"
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text() + script.get("src", ""), path
    glossary = pages[project.site / "glossary" / "index.html"]
    heading = glossary.find(id="markup-probe")
    assert heading.get_text(strip=True).startswith("Probe [x](javascript:alert(1)) {: onclick=”alert(1)” } *b* `c`")
    sources = pages[project.site / "glossary" / "sources" / "index.html"]
    assert sources.find("a", href=re.compile(r"^https://example\.org/a_\(b\)\?q=%22onmouseover"))
    page, mention = next(
        (soup, a) for soup in pages.values() for a in soup.select("a.mention") if "markup-probe" in a["href"]
    )
    description = page.find(id=mention["aria-describedby"]).get_text()
    assert "Ends”) onmouseover=”alert(2)” [y](javascript:alert(3)) {: onclick=alert(4) }" in description
    about = pages[project.site / "about" / "index.html"]
    assert "Even [z](javascript:alert(11))" in about.get_text()


def test_a_broken_file_does_not_hide_a_misplaced_quote_in_another(project):
    notes = project.annotations / "notes-part2.yml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace(
            "quote: the new Soviet constitution", "quote: the newest Soviet constitution"
        ),
        encoding="utf-8",
    )
    with (project.annotations / "places.yml").open("a", encoding="utf-8") as places:
        places.write("- kind: persn\n  id: x\n")
    with pytest.raises(InputError) as raised:
        read_edition(project)
    messages = [str(p) for p in raised.value.problems]
    assert any("unknown kind 'persn'" in m for m in messages)
    assert any("'the newest Soviet constitution' is not found" in m and "(¶22)" in m for m in messages)
