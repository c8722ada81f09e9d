"""Build the edition: gather and check everything first, then write the pages, then run the renderer.

Nothing is written unless every input is valid; the pages are written all at once and put back as
they were if the renderer fails, and the site is built aside and swapped in only on success.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import publish, render
from .load import load_annotations
from .match import place_annotations
from .model import Annotations, Essay, InputError, Placements, Problem
from .parse import parse_essay

ROOT = Path(__file__).resolve().parents[2]
SOURCE_NAME = "lovestone-1937-meaning-of-the-soviet-purges.txt"
_INCLUDE = "<!-- edition:"


@dataclass(frozen=True)
class Project:
    """Where the edition's inputs and outputs live; tests point it at a copy."""

    root: Path = ROOT

    @property
    def source(self) -> Path:
        return self.root / "source" / SOURCE_NAME

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def pages(self) -> Path:
        """Hand-written pages and assets."""
        return self.root / "docs"

    @property
    def generated(self) -> Path:
        """The renderer's docs folder: hand-written and generated pages together, never edited by hand."""
        return self.root / "build" / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"


@dataclass(frozen=True)
class Edition:
    essay: Essay
    annotations: Annotations
    placements: Placements


def read_essay(project: Project) -> Essay:
    return parse_essay(project.source.read_text(encoding="utf-8"), f"source/{SOURCE_NAME}")


def paragraph_manifest(essay: Essay, words: int = 8) -> dict[str, str]:
    """Each paragraph id with the paragraph's first words: the record that an id never changes meaning."""
    return {p.id: " ".join(p.text.split()[:words]) for p in essay.paragraphs}


def read_edition(project: Project) -> Edition:
    """Parse, load and match: every problem in the input is raised together."""
    problems: list[Problem] = []
    essay = read_essay(project)
    try:
        annotations = load_annotations(project.annotations, project.root)
    except InputError as error:
        problems += error.problems
        annotations = error.partial  # the valid entries: their quotes and aliases are checked all the same
    if annotations is not None:
        placements, match_problems = place_annotations(essay, annotations)
        problems += match_problems
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    return Edition(essay, annotations, placements)


def render_pages(edition: Edition, project: Project) -> dict[str, bytes]:
    """Every file of the renderer's docs folder, by relative path."""
    essay, annotations, placements = edition.essay, edition.annotations, edition.placements
    entries = {e.id: e for e in annotations.entries}
    pages = {
        "index.md": render.render_landing(essay, annotations, placements),
        render.FULL_TEXT: render.render_full_text(essay, placements, entries),
        render.GLOSSARY: render.render_glossary(essay, annotations, placements),
        publish.TIMELINE: publish.render_timeline(essay, annotations, placements),
    }
    for section in essay.sections:
        pages[render.section_page(section)] = render.render_section(essay, section, placements, entries)
    includes = {
        "joins": render.render_joins_table(essay),
        "emendations": render.render_emendations_table(essay, placements),
        "headings": render.render_headings_list(essay),
        "counts": f"In all: {render.render_counts(essay, annotations, placements)}.",
    }
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    problems = []
    for path in sorted(project.pages.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(project.pages).as_posix()
        if name in files:
            problems.append(Problem(f"docs/{name}", None, "a hand-written page has the path of a generated page."))
        if path.suffix == ".md":
            text, include_problems = _expand_includes(path.read_text(encoding="utf-8"), f"docs/{name}", includes)
            problems += include_problems
            files[name] = text.encode("utf-8")
        else:
            files[name] = path.read_bytes()
    if problems:
        raise InputError(problems)
    return files


def _expand_includes(text: str, name: str, includes: dict[str, str]) -> tuple[str, list[Problem]]:
    lines, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(_INCLUDE):
            key = line.strip().removeprefix(_INCLUDE).removesuffix("-->").strip()
            if key in includes:
                lines.append(includes[key])
                continue
            problems.append(Problem(name, number, f"unknown include '{key}'.", f"known: {', '.join(includes)}."))
        lines.append(line)
    return "\n".join(lines) + "\n", problems


def write_tree(files: dict[str, bytes], target: Path) -> None:
    """Make target hold exactly these files, writing only what changed (a live server keeps watching it)."""
    target.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = target / name
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    wanted = {target / name for name in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def read_tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def run_renderer(project: Project, site: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project.root, env=environment, capture_output=True, text=True)


def build(project: Project, render_site: bool = True) -> str:
    """Build the edition and return a one-line summary; raise InputError with every problem."""
    started = time.perf_counter()
    edition = read_edition(project)
    files = render_pages(edition, project)
    generated_in = time.perf_counter() - started
    previous = read_tree(project.generated)
    write_tree(files, project.generated)
    summary = render.render_counts(edition.essay, edition.annotations, edition.placements)
    if not render_site:
        return f"Generated {summary} in {generated_in:.2f} s."
    project.site.parent.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=".site-", dir=project.root))
    try:
        result = run_renderer(project, aside)
        if result.returncode != 0:
            write_tree(previous, project.generated)
            detail = "\n".join(line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line)
            raise InputError(
                [Problem("mkdocs build --strict", None, "the renderer failed:\n" + (detail or result.stderr))]
            )
        try:
            publish.postprocess_site(aside, publish.built_site_url(aside), edition)
        except InputError:
            write_tree(previous, project.generated)
            raise
        if project.site.exists():
            shutil.rmtree(project.site)
        aside.replace(project.site)
    finally:
        if aside.exists():
            shutil.rmtree(aside)
    return f"Built {summary} in {time.perf_counter() - started:.2f} s (generator {generated_in:.2f} s)."


def check(project: Project) -> str:
    started = time.perf_counter()
    edition = read_edition(project)
    render_pages(edition, project)
    summary = render.render_counts(edition.essay, edition.annotations, edition.placements)
    return f"Checked {summary}: no problems ({time.perf_counter() - started:.2f} s)."


def watch(project: Project, interval: float = 0.5, stop: threading.Event | None = None) -> None:
    """Regenerate the pages whenever the source, an annotation or a hand-written page changes, until stopped."""
    stop = stop or threading.Event()
    watched = [project.source, project.annotations, project.pages]

    def stamp() -> tuple:
        paths = [p for folder in watched for p in ([folder] if folder.is_file() else folder.rglob("*"))]
        return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in paths if p.exists()))

    last = None
    while not stop.is_set():
        current = stamp()
        if current != last:
            last = current
            try:
                print(build(project, render_site=False), flush=True)
            except InputError as error:
                print(f"The edition has {len(error.problems)} problem(s); pages left as they were:", flush=True)
                print(str(error), flush=True)
        stop.wait(interval)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "build"
    project = Project(Path(os.environ.get("EDITION_ROOT", ROOT)))
    try:
        if command == "build":
            print(build(project))
        elif command == "generate":
            print(build(project, render_site=False))
        elif command == "check":
            print(check(project))
        elif command == "watch":
            watch(project)
        elif command == "manifest":
            import json

            print(json.dumps(paragraph_manifest(read_essay(project)), indent=2, ensure_ascii=False))
        elif command == "schema":
            import json

            from .schema import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        else:
            print(
                f"unknown command '{command}'; use build, generate, check, watch, manifest or schema", file=sys.stderr
            )
            return 2
    except InputError as error:
        print(f"The edition was not built: {len(error.problems)} problem(s) found.", file=sys.stderr)
        print(str(error), file=sys.stderr)
        return 1
    return 0
