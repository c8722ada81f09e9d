"""Safe and whole by construction: hostile annotations are refused with a message, the site gate holds
on its own, the text is pinned, and a build killed at any point leaves a whole site.

Each input case runs the real command line (`python -m edition check` or `build`) on a copy of the
project and asserts what an editor reads: the file and line, a hint, no traceback, and outputs untouched.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_project
from edition.build import ROOT, build
from edition.gate import check_page, check_site

HOST = "lovestone-edition.github.io"
NOTE = """\
- kind: note
  id: {id}
  quote: do not hesitate to declare that we are profoundly disturbed
  note: {note}
  sources:
    - type: web
      title: A source
      url: https://example.org/
"""


def run(root: Path, command: str = "check", timeout: float = 300) -> subprocess.CompletedProcess:
    environment = {**os.environ, "EDITION_ROOT": str(root), "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "edition", command],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def hashes(root: Path) -> dict[str, str]:
    found = {}
    for folder in ("site", "build/docs"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def built_root(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("safety") / "project")
    build(project)
    return project.root


@pytest.fixture
def root(built_root, tmp_path) -> Path:
    """A private copy of the built project, outputs included, to break."""
    target = tmp_path / "project"
    subprocess.run(["cp", "-a", str(built_root), str(target)], check=True)
    return target


def refused(root: Path, expected: str, command: str = "check") -> str:
    before = hashes(root)
    result = run(root, command)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert "\n  Hint: " in result.stderr
    assert hashes(root) == before, "a refused input leaves the last good output byte for byte"
    return result.stderr


def write(root: Path, name: str, text: str) -> None:
    (root / "annotations" / name).write_text(text, encoding="utf-8")


# YAML is plain data ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            NOTE.format(id="n-binary", note="!!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg=="),
            "x.yml:4: the value is given the YAML tag 'tag:yaml.org,2002:binary'.",
        ),
        (
            NOTE.format(id="n-python", note="!!python/object/apply:os.system [id]"),
            "x.yml:4: the value is given the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'.",
        ),
        (NOTE.format(id="n-local", note="!local text"), "x.yml:4: the value is given the YAML tag '!local'."),
        (
            NOTE.format(id="n-anchor", note="&a text") + NOTE.format(id="n-alias", note="*a"),
            "x.yml:4: the anchor '&a' marks a value to be repeated elsewhere.",
        ),
        (
            NOTE.format(id="n-on", note="text").replace("  note:", "  on: yes\n  note:"),
            "x.yml:4: the key 'on' is read by YAML as the value true, not as a word.",
        ),
        (
            NOTE.format(id="n-twice", note="one").replace("  sources:", "  note: two\n  sources:"),
            "x.yml:5: the key 'note' is given twice (first on line 4).",
        ),
        (
            NOTE.format(id="n-bidi", note="Stalin \u202eevil"),
            "x.yml:4: the line contains the invisible character U+202E",
        ),
        (NOTE.format(id="n-zero", note="Sta\u200blin"), "x.yml:4: the line contains the invisible character U+200B"),
        (NOTE.format(id="n-bell", note="a\x07b"), "x.yml:4: the line contains the invisible character U+0007"),
        (
            NOTE.format(id="n-quote", note="text")
            .replace("quote: do not hesitate", 'quote: "do not\\nhesitate')
            .replace("profoundly disturbed\n", 'profoundly disturbed"\n'),
            "'quote' is 'do not hesitate to declare that we are profoundly disturbed', which runs over",
        ),
    ],
)
def test_yaml_beyond_plain_data_is_refused(root, text, expected):
    write(root, "x.yml", text)
    refused(root, f"annotations/{expected}" if expected.startswith("x.yml") else expected)


def test_an_alias_bomb_is_refused_at_once(root):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    write(root, "bomb.yml", bomb)
    started = time.monotonic()
    refused(root, "annotations/bomb.yml:1: the anchor '&a' marks a value to be repeated elsewhere.")
    assert time.monotonic() - started < 30


def test_a_huge_file_is_refused_before_it_is_read(root):
    with (root / "annotations" / "huge.yml").open("w") as stream:
        stream.write("# " + "x" * 2_000_000 + "\n")
    refused(root, "annotations/huge.yml: the file is 2,000,003 bytes long; an annotation file may have at most")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda a: (a / "notes.txt").write_text("x"), "annotations/notes.txt: annotations/ holds only *.yml files"),
        (lambda a: (a / "more").mkdir(), "annotations/more: annotations/ holds no folders."),
        (lambda a: (a / "x.yml").symlink_to("/etc/passwd"), "annotations/x.yml: this is a symbolic link"),
    ],
)
def test_anything_but_a_regular_yml_file_in_annotations_is_refused_never_ignored(root, make, expected):
    make(root / "annotations")
    message = refused(root, expected)
    assert "root:" not in message, "a message never prints what a link points to"


def test_a_symbolic_link_under_docs_is_refused_and_never_published(root):
    (root / "docs" / "assets" / "secret.txt").symlink_to("/etc/hostname")
    refused(root, "docs/assets/secret.txt: this is a symbolic link", command="build")
    assert not (root / "site" / "assets" / "secret.txt").exists()


def test_fifty_problems_are_shown_and_the_rest_counted(root):
    write(
        root,
        "many.yml",
        "".join(NOTE.format(id=f"n-{i}", note="text").replace("quote: do not", "quote: do now") for i in range(60)),
    )
    message = refused(root, "… and 10 more.")
    assert message.startswith("The edition was not built: 60 problem(s) found.")


# Identity ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("id: person", "the id 'person' is an anchor the site already writes (a group heading of the glossary)"),
        ("id: p12", "the id 'p12' is an anchor the site already writes (paragraph addresses"),
        ("id: introduction", "the id 'introduction' is an anchor the site already writes (a section heading"),
        ("aliases: [the]", "the alias 'the' is one of the commonest words of English"),
        ("aliases: [I]", "the alias 'I' is a single letter"),
        ("aliases: [Thought]", "the alias 'Thought' is a word the edition emends"),
        ("related: [probe, probe]", "related names the entry itself."),
        ("summary: '   '", "'summary' is '', which is blank"),
    ],
)
def test_an_identity_that_would_collide_or_mislead_is_refused(root, entry, expected):
    base = {"id": "id: probe", "aliases": "aliases: []", "related": "related: []", "summary": "summary: A probe."}
    base[entry.split(":")[0]] = entry
    write(
        root,
        "probe.yml",
        "- kind: term\n  {id}\n  name: Probe\n  {aliases}\n  {summary}\n  {related}\n  sources:\n"
        "    - type: web\n      title: A source\n      url: https://example.org/\n".format(**base),
    )
    refused(root, expected)


def test_overlapping_emendations_are_refused(root):
    with (root / "annotations" / "emendations.yml").open("a", encoding="utf-8") as stream:
        stream.write(
            "\n- kind: emendation\n  id: em-overlap\n  sic: Thought the Gamarnik\n  corr: Though the Gamarnik\n"
            "  reason: A second reading of the same words.\n"
        )
    refused(root, "its words overlap those of emendation")


def test_a_link_that_works_on_the_whole_essay_but_not_on_the_section_page_is_refused_by_check(root):
    write(root, "x.yml", NOTE.format(id="n-link", note="See [a later paragraph](#p30)."))
    refused(root, "'#p30' (shown on essay/introduction.md), but that page has no such anchor.")


def test_a_link_to_a_missing_page_or_entry_is_refused_by_check(root):
    write(root, "x.yml", NOTE.format(id="n-link", note="See [him](glossary.md#nobody) and [that](nowhere.md)."))
    message = refused(root, "links to 'glossary.md#nobody', but that page has no such anchor.")
    assert "links to the page 'nowhere.md', which the site does not have." in message


def test_a_date_after_the_date_of_writing_outside_after_is_refused(root):
    write(root, "x.yml", NOTE.format(id="n-later", note="He was shot in 1938."))
    refused(root, "note 'n-later': 'note' names 1938, after the date of writing (1937-06-18)")


def test_a_later_date_listed_as_a_deliberate_exception_is_accepted(root):
    text = NOTE.format(id="n-later", note="As Conquest wrote in 1968, it was so.")
    text += "  later_dates:\n    - quote: Conquest wrote in 1968\n      reason: the scholar's book, not an event\n"
    write(root, "x.yml", text)
    result = run(root)
    assert result.returncode == 0, result.stderr


# The text is pinned --------------------------------------------------------------------------------------------


def source(root: Path) -> Path:
    return root / "source" / "lovestone-1937-meaning-of-the-soviet-purges.txt"


def test_a_changed_word_of_the_source_stops_every_check(root):
    path = source(root)
    path.write_text(path.read_text(encoding="utf-8").replace("I reject", "I accept", 1), encoding="utf-8")
    message = refused(root, "the transcription has changed since it was pinned")
    assert "make accept-text" in message


def test_a_deleted_paragraph_retires_its_id_and_never_shifts_the_others(root):
    path = source(root)
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    gone = next(i for i, b in enumerate(blocks) if b.startswith("It is most unfortunate"))
    path.write_text("\n\n".join(blocks[:gone] + blocks[gone + 1 :]), encoding="utf-8")
    message = refused(root, "paragraph p2 was published beginning 'It is most unfortunate that there is so'")
    assert "make accept-text" in message
    accepted = run(root, "accept-text")
    assert accepted.returncode == 0, accepted.stderr
    assert "retired p2" in accepted.stdout
    manifest = (root / "manifest" / "paragraph-ids.json").read_text(encoding="utf-8")
    assert '"p2": null' in manifest and '"p3": "We of the International Communist Opposition, we of"' in manifest


# The gate on the built site -----------------------------------------------------------------------------------


PAGE = '<html><head>{head}</head><body><article class="md-content__inner">{body}</article></body></html>'


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ("", "<script>alert(1)</script>", "a script inside the page's content"),
        ("", '<img src="x" onerror="alert(1)">', "an event-handler attribute 'onerror'"),
        ("", '<a href="javascript:alert(1)">x</a>', "a javascript: address in 'href'"),
        ("", '<a href=" JaVaScRiPt:alert(1)">x</a>', "a javascript: address in 'href'"),
        ("", '<iframe src="data:text/html,x"></iframe>', "a data: address in 'src'"),
        ("", '<form action="vbscript:x"></form>', "a vbscript: address in 'action'"),
        ("", '<img src="https://tracker.example/p.gif">', "'src' loads from another host"),
        ("", '<img srcset="a.png 1x, //tracker.example/p.gif 2x">', "'srcset' loads from another host"),
        ("", '<video poster="https://tracker.example/p.jpg"></video>', "'poster' loads from another host"),
        (
            "",
            '<p style="background: url(https://tracker.example/p.gif)">x</p>',
            "loads 'https://tracker.example/p.gif'",
        ),
        ('<link rel="stylesheet" href="https://fonts.example/css">', "", "'href' loads from another host"),
        ("<style>@import 'https://fonts.example/x.css';</style>", "", "loads 'https://fonts.example/x.css'"),
        ('<script src="https://cdn.example/x.js"></script>', "", "a script from another address"),
        ('<script src="missing.js"></script>', "", "a script that is not one of the site's own files"),
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "", "a refresh that sends"),
    ],
)
def test_the_gate_refuses_a_hand_made_hostile_page(tmp_path, head, body, expected):
    (tmp_path / "index.html").write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    problems = check_site(tmp_path, f"https://{HOST}/meaning/")
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]
    assert all(str(p).startswith("site/index.html") for p in problems)


def test_the_gate_passes_what_the_site_needs(tmp_path):
    (tmp_path / "own.js").write_text("", encoding="utf-8")
    head = (
        '<link rel="canonical" href="https://elsewhere.example/"><script src="own.js"></script>'
        '<script>var theme = 1;</script><script type="application/ld+json">{"a": "</script>"}</script>'
    )
    body = '<a href="https://example.org/source">a source</a><a href="#p1">¶1</a><p style="color: red">x</p>'
    (tmp_path / "index.html").write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    assert check_site(tmp_path, f"https://{HOST}/meaning/") == []


def test_the_gate_holds_on_a_page_alone():
    assert check_page('<p onclick="x">', "site/a.html", HOST)


# Faults leave the last good output whole -----------------------------------------------------------------------


def site_is_whole(root: Path) -> bool:
    index = root / "site" / "index.html"
    essay = root / "site" / "essay" / "introduction" / "index.html"
    return index.is_file() and essay.is_file() and "</html>" in essay.read_text(encoding="utf-8")


@pytest.mark.parametrize("after", [0.3, 1.5, 3.0, 5.0, 8.0])
def test_a_build_killed_at_any_point_leaves_a_whole_site_and_the_next_build_recovers(root, after):
    (root / "annotations" / "places.yml").write_text(
        (root / "annotations" / "places.yml").read_text(encoding="utf-8").replace("Neva", "river Neva"),
        encoding="utf-8",
    )
    environment = {**os.environ, "EDITION_ROOT": str(root), "PYTHONPATH": str(ROOT / "scripts")}
    process = subprocess.Popen(
        [sys.executable, "-m", "edition", "build"],
        cwd=root,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)  # a kill at a chosen instant is the fault under test, not a wait for the page
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert site_is_whole(root)
    assert (root / "build" / "docs" / "glossary" / "index.md").is_file()
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    assert site_is_whole(root)
    assert not list(root.glob(".aside-*")) and not list((root / "build").glob(".aside-*"))


def test_two_builds_at_once_take_turns(root):
    environment = {**os.environ, "EDITION_ROOT": str(root), "PYTHONPATH": str(ROOT / "scripts")}
    command = [sys.executable, "-m", "edition", "build"]
    first = subprocess.Popen(
        command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    second = subprocess.Popen(
        command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    outputs = [first.communicate(timeout=600), second.communicate(timeout=600)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert site_is_whole(root)


def test_an_output_that_cannot_be_written_ends_in_one_line_and_keeps_the_site(root):
    before = hashes(root)
    subprocess.run(["rm", "-rf", str(root / "build")], check=True)
    (root / "build").write_text("not a folder", encoding="utf-8")  # as a full or broken disk would refuse it
    result = run(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("The edition was not built:") and len(result.stderr.splitlines()) == 1
    assert {k: v for k, v in hashes(root).items() if k.startswith("site/")} == {
        k: v for k, v in before.items() if k.startswith("site/")
    }
