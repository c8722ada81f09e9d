"""Build the edition: gather and check everything first, then write, then render, then gate the site.

Two phases, as mkdocs' own build: every input is read and checked and every problem gathered; only
if there is none are the pages written, aside, and swapped in whole; the renderer builds the site
aside, Pagefind indexes it there, the gate reads it, and only a site that passes replaces the
published one. No input and no
fault ends in a traceback: each ends in a message, and the last good output stays as it was.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from . import (
    assets,
    bibliography,
    downloads,
    files,
    gate,
    markup,
    pages,
    pins,
    publish,
    register,
    releases,
    render,
    search,
    site,
    yamlfile,
)
from .load import load_annotations
from .match import place_annotations
from .model import Edition, Essay, InputError, Problem
from .parse import parse_essay
from .records import read_edition_record, read_text_record
from .references import check_references

ROOT = Path(__file__).resolve().parents[2]
MAX_PROBLEMS = 50
BUILD_OUTCOME = "The edition was not built: {count} problem(s) found."
WATCH_OUTCOME = "The edition has {count} problem(s); pages left as they were:"
_INCLUDE = "<!-- edition:"
# Folders whose files the build reads and publishes: a link there would publish what it points to.
_NO_LINKS = ("source", "annotations", "docs", "overrides", "manifest")


@dataclass(frozen=True)
class Project:
    """Where the edition's inputs and outputs live; tests point it at a copy."""

    root: Path = ROOT

    @property
    def sources(self) -> Path:
        return self.root / "source"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def source(self) -> Path:
        """The transcription the text's record names."""
        record_path = text_record_path(self)
        text, problems = read_text_record(record_path, self.name(record_path))
        if text is None:
            raise InputError(problems)
        return self.sources / text.transcription

    @property
    def pages(self) -> Path:
        """Hand-written pages and assets."""
        return self.root / "docs"

    @property
    def edition_record(self) -> Path:
        return self.root / "edition.yml"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest" / "paragraph-ids.json"

    @property
    def pin(self) -> Path:
        return self.root / "manifest" / "source.sha256"

    @property
    def releases(self) -> Path:
        return self.root / "manifest" / "releases"

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    @property
    def generated(self) -> Path:
        """The renderer's docs folder: hand-written and generated pages together, never edited by hand."""
        return self.root / "build" / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        """What is slow to make, by the hash of what it is made from: the PDF, the editors' Markdown as
        converted, the YAML files as read, the search index (EDITION_CACHE overrides)."""
        return Path(os.environ.get("EDITION_CACHE") or self.root / "build" / "cache")

    @property
    def conversions(self) -> Path:
        """The editors' Markdown as the last build converted and inspected it, for the next build to reuse."""
        return self.cache / _kept_name("markdown", markup.CONVERTER, markup.__file__)

    @property
    def parses(self) -> Path:
        """The YAML files as the last build read them, for the next build to reuse."""
        return self.cache / _kept_name("yaml", yamlfile.PARSER, yamlfile.__file__)

    @property
    def lock(self) -> Path:
        return self.root / "build" / ".lock"

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@functools.cache
def _kept_name(kind: str, release: str, module: str) -> str:
    """A kept file's name, under the hash of what made its content: the library's release and our module that
    uses it (for the Markdown, its extensions and allowlist), so that a change to either is never answered
    from an old file. Read once: the same for every build of this process."""
    made_by = release.encode("utf-8") + Path(module).read_bytes()
    return f"{kind}-{hashlib.sha256(made_by).hexdigest()[:16]}.json"


# Phase one: read and check -------------------------------------------------------------------------------


def find_links(project: Project) -> list[Problem]:
    """Symbolic links anywhere the build reads: refused, never followed."""
    problems = []
    for folder in _NO_LINKS:
        top = project.root / folder
        if top.is_symlink():
            problems.append(Problem(folder, None, "the folder is a symbolic link.", "commit the folder itself."))
            continue
        for path in sorted(top.rglob("*")) if top.is_dir() else []:
            if path.is_symlink():
                problems.append(
                    Problem(
                        project.name(path),
                        None,
                        "this is a symbolic link; the build would publish whatever it points to.",
                        "commit the file itself, or remove the link.",
                    )
                )
    return problems


def text_record_path(project: Project) -> Path:
    records = sorted(project.sources.glob("*.yml"))
    return records[0] if records else project.sources / "record.yml"


def read_manifest(project: Project) -> tuple[dict[str, str | None], str, list[Problem]]:
    try:
        manifest = json.loads(project.manifest.read_text(encoding="utf-8"))
        pin = project.pin.read_text(encoding="utf-8").split()[0]
        return manifest, pin, []
    except (OSError, ValueError, IndexError) as error:
        return {}, "", [Problem("manifest", None, f"the text's pins cannot be read ({error}).", pins.ACCEPT)]


def gather_edition(project: Project) -> tuple[Edition | None, list[Problem]]:
    """Parse, load and match: the edition and every problem in its input, all at once."""
    problems = find_links(project)
    if problems:
        return None, problems  # nothing behind a link is read
    record_path = text_record_path(project)
    text, record_problems = read_text_record(record_path, project.name(record_path))
    record, edition_problems = read_edition_record(project.edition_record, project.name(project.edition_record))
    problems += record_problems + edition_problems
    essay = source = None
    manifest, pin, manifest_problems = read_manifest(project)
    problems += manifest_problems
    if text is not None:
        source_path = project.sources / text.transcription
        source_name = project.name(source_path)
        try:
            source = source_path.read_bytes()
            essay = parse_essay(source.decode("utf-8"), source_name, text.joins, pins.published_ids(manifest))
        except InputError as error:
            problems += error.problems
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(source_name, None, f"the transcription cannot be read ({error})."))
        if essay is not None and manifest:
            problems += pins.check_pins(source, source_name, pin, manifest, essay, project.name(project.manifest))
    annotations, load_problems, refused = load_annotations(project.annotations, project.root)
    problems += load_problems
    written = text.written if text else "9999"
    problems += check_references(annotations, written, reserved_anchors(project, essay), refused)
    if essay is None or text is None or record is None:
        return None, problems
    placements, match_problems = place_annotations(essay, annotations)
    problems += match_problems
    edition = Edition(text, record, essay, annotations, placements)
    problems += check_site_links(edition)
    return (None if problems else edition), problems


def reserved_anchors(project: Project, essay: Essay | None) -> dict[str, str]:
    """Anchors the site writes itself, with what writes them: an annotation may not take one as its id."""
    reserved = {kind: "a group heading of the glossary" for kind in render.KIND_HEADINGS}
    reserved.update({key: "a heading of the bibliography" for key in bibliography.BIBLIOGRAPHY_GROUPS})
    reserved.update({key: "a heading of the claims page" for key in register.CLAIM_HEADINGS})
    for section in essay.sections if essay else ():
        reserved[section.slug] = "a section heading of the whole essay"
    for path in sorted(project.pages.rglob("*.md")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("#"):
                reserved[slugify(line.lstrip("#").strip(), "-")] = f"a heading of {project.name(path)}"
    return reserved


def check_site_links(edition: Edition) -> list[Problem]:
    """Every link from editors' text to a page of the site leads to a page and an anchor that exist,
    on every page the text is shown on: `make check` says so with the annotation's file and line."""
    anchors = site.page_anchors(edition)
    problems = []
    for item, key, value, shown_on in site.editor_texts(edition):
        for link in markup.check_markdown(value).site_links:
            targets = [link.page] if link.page else shown_on
            for page in targets:
                if page not in anchors:
                    problems.append(
                        Problem(
                            item.file,
                            item.line,
                            f"'{item.id}': '{key}' links to the page '{page}', which the site does not have.",
                            f"link to one of: {', '.join(sorted(anchors))}.",
                        )
                    )
                elif link.anchor and link.anchor not in anchors[page]:
                    where = f"'{page}#{link.anchor}'" if link.page else f"'#{link.anchor}' (shown on {page})"
                    problems.append(
                        Problem(
                            item.file,
                            item.line,
                            f"'{item.id}': '{key}' links to {where}, but that page has no such anchor.",
                            "link to a paragraph as essay/SECTION.md#p17 or to an entry as glossary.md#ENTRY-ID,"
                            " so the link works on every page the note is shown on.",
                        )
                    )
    return problems


def read_releases(project: Project) -> tuple[list[dict], list[Problem]]:
    """The recorded releases, oldest first."""
    manifests, problems = [], []
    for path in sorted(project.releases.glob("*.json")) if project.releases.is_dir() else []:
        try:
            manifests.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            problems.append(Problem(project.name(path), None, f"the release manifest cannot be read ({error})."))
    manifests.sort(key=lambda m: tuple(int(part) for part in m["version"].split(".")))
    return manifests, problems


def release(project: Project) -> str:
    """Record the current version's manifest: what later citations of this release are compared with."""
    edition = read_edition(project)
    manifest = releases.release_manifest(edition)
    path = project.releases / f"{manifest['version']}.json"
    project.releases.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return f"Recorded release {manifest['version']} in {project.name(path)}."


def render_pages(
    edition: Edition, project: Project, site_url: str, preview: bool = False, exports: bool = True
) -> tuple[dict[str, bytes], list[Problem]]:
    """Every file of the renderer's docs folder, by relative path, and what is wrong with the hand-written ones."""
    output = {path: text.encode("utf-8") for path, text in site.render_site_pages(edition, site_url).items()}
    output.update(publish.exports(edition, site_url))
    if exports:
        output.update(downloads.export_files(edition, project.pages / "assets", project.cache, fresh_pdf=not preview))
    manifests, release_problems = read_releases(project)
    problems_before = release_problems
    output[releases.CHANGES_FILE] = releases.changes_file(edition, manifests)
    changelog = project.changelog.read_text(encoding="utf-8") if project.changelog.is_file() else ""
    versions = releases.render_versions_page(edition, manifests, changelog)
    output[pages.VERSIONS] = site.with_metadata(edition, pages.VERSIONS, versions, site_url).encode("utf-8")
    page = downloads.render_downloads_page(edition, {name: len(data) for name, data in output.items()})
    output[pages.DOWNLOADS] = site.with_metadata(edition, pages.DOWNLOADS, page, site_url).encode("utf-8")
    output = {pages.docs_file(path): data for path, data in output.items()}
    problems = []
    for path in sorted(project.pages.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(project.pages).as_posix()
        if name in output:
            problems.append(Problem(f"docs/{name}", None, "a hand-written page has the path of a generated page."))
        if path.suffix == ".md":
            includes = site.includes(edition, name)
            text, include_problems = _expand_includes(path.read_text(encoding="utf-8"), f"docs/{name}", includes)
            problems += include_problems
            output[name] = site.with_metadata(edition, name, text, site_url).encode("utf-8")
        else:
            output[name] = assets.published(name, path.read_bytes())
    return output, problems_before + problems


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


def site_url() -> str:
    """The address the site is built for: SITE_URL, as mkdocs.yml reads it, else the edition's default."""
    return os.environ.get("SITE_URL") or publish.DEFAULT_SITE_URL


def read_edition(project: Project) -> Edition:
    """The edition, or InputError with every problem in its input."""
    markup.reuse_conversions(read_kept(project.conversions))
    yamlfile.reuse_parses(read_kept(project.parses))
    edition, problems = gather_edition(project)
    if edition is None or problems:
        raise InputError(problems)
    return edition


def read_essay(project: Project) -> Essay:
    """The parsed text alone, with its published ids."""
    record_path = text_record_path(project)
    text, problems = read_text_record(record_path, project.name(record_path))
    if text is None:
        raise InputError(problems)
    manifest, _, _ = read_manifest(project)
    source = project.sources / text.transcription
    ids = pins.published_ids(manifest)
    return parse_essay(source.read_text(encoding="utf-8"), project.name(source), text.joins, ids)


def read_kept(path: Path) -> object:
    """What the last build kept, as JSON data; nothing if there is no such file or it cannot be read
    (a cache only ever saves time: whatever is not in it is made again)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def keep_work(project: Project) -> None:
    """This build's Markdown conversions and YAML parses, each file written in one step, for the next build,
    in place of those an older library or module made; a cache that cannot be written is only time lost."""
    for kept, made in ((project.conversions, markup.conversions_made()), (project.parses, yamlfile.parses_made())):
        data = json.dumps(made, ensure_ascii=False, sort_keys=True).encode("utf-8")
        with contextlib.suppress(OSError):
            files.write_atomically(kept, data)
            for older in project.cache.glob(f"{kept.name.split('-')[0]}-*.json"):
                if older != kept:
                    older.unlink()


def prepare(project: Project, preview: bool = False) -> tuple[Edition, dict[str, bytes]]:
    """Phase one whole: the edition and every generated file, or InputError with every problem."""
    try:
        edition = read_edition(project)
        output, problems = render_pages(edition, project, site_url(), preview)
    finally:  # what was converted and read holds whatever else is wrong: the editor's next try reuses it
        keep_work(project)
    if problems:
        raise InputError(problems)
    return edition, output


# Phase two: write, render, gate ----------------------------------------------------------------------------


RENDERERS = {
    # Each lays the generated pages out into the folder EDITION_SITE names (mkdocs.yml reads it).
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    "zensical": [sys.executable, "-m", "zensical", "build", "--strict"],
}


def renderer() -> str:
    """The renderer the site is laid out with: EDITION_RENDERER, mkdocs unless it says zensical."""
    return os.environ.get("EDITION_RENDERER", "mkdocs")


def run_renderer(project: Project, site: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDITION_SITE": str(site)}
    command = RENDERERS.get(renderer())
    if command is None:
        raise InputError(
            [
                Problem(
                    "EDITION_RENDERER", None, f"unknown renderer '{renderer()}'.", f"use one of {', '.join(RENDERERS)}."
                )
            ]
        )
    return subprocess.run(command, cwd=project.root, env=environment, capture_output=True, text=True)


def build(project: Project, render_site: bool = True) -> str:
    """Build the edition and return a one-line summary; raise InputError with every problem."""
    started = time.perf_counter()
    with files.locked(project.lock):
        files.recover(project.generated)
        files.recover(project.site)
        edition, output = prepare(project, preview=not render_site)
        generated_in = time.perf_counter() - started
        summary = render.render_counts(edition)
        if not render_site:
            files.update_tree(output, project.generated)
            return f"Generated {summary} in {generated_in:.2f} s."
        docs = files.aside(project.generated)
        files.write_files(output, docs)
        previous_docs = files.exchange(docs, project.generated)
        site = files.aside(project.site)
        try:
            result = run_renderer(project, site)
            problems = _renderer_problems(result)
            if not problems:
                problems = search.index_site(site, project.cache)
            if not problems:
                problems = gate.check_site(site, site_url(), project.name(project.site))
            if problems:
                if previous_docs is not None:
                    files.exchange(previous_docs, project.generated)  # the last good pages, back as they were
                raise InputError(problems)
            previous_site = files.exchange(site, project.site)
            site = previous_site  # what is removed below: the old site, or nothing
        finally:
            for leftover in (site, previous_docs):
                if leftover is not None and leftover.exists():
                    files.remove(leftover)
    return f"Built {summary} in {time.perf_counter() - started:.2f} s (generator {generated_in:.2f} s)."


def _renderer_problems(result: subprocess.CompletedProcess) -> list[Problem]:
    if result.returncode == 0:
        return []
    detail = "\n".join(line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line)
    return [Problem(f"{renderer()} build --strict", None, "the renderer failed:\n" + (detail or result.stderr[-2000:]))]


def check(project: Project) -> str:
    """Everything `build` refuses, without typesetting the exports: what an editor runs on save."""
    started = time.perf_counter()
    try:
        edition = read_edition(project)
        _, problems = render_pages(edition, project, site_url(), exports=False)
    finally:
        keep_work(project)
    if problems:
        raise InputError(problems)
    return f"Checked {render.render_counts(edition)}: no problems ({time.perf_counter() - started:.2f} s)."


def accept_text(project: Project) -> str:
    """After review of a deliberate correction of the transcription: pin it, keeping every published id."""
    manifest, _, _ = read_manifest(project)
    record_path = text_record_path(project)
    text, problems = read_text_record(record_path, project.name(record_path))
    if text is None:
        raise InputError(problems)
    source = (project.sources / text.transcription).read_bytes()
    essay = parse_essay(source.decode("utf-8"), text.transcription, text.joins)
    updated = pins.reconcile(manifest, [p.text for p in essay.paragraphs])
    retired = [pid for pid, words in updated.items() if words is None and manifest.get(pid) is not None]
    project.manifest.write_text(json.dumps(updated, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    project.pin.write_text(f"{pins.checksum(source)}  {project.name(project.sources / text.transcription)}\n")
    return f"Pinned the transcription; {len(essay.paragraphs)} paragraphs" + (
        f", retired {', '.join(retired)}." if retired else "."
    )


# The live preview ------------------------------------------------------------------------------------------


def watch(project: Project, interval: float = 0.5, stop: threading.Event | None = None, say=print) -> None:
    """Regenerate the pages whenever an input changes, until stopped; never stop on an error.

    A refused input leaves the last good pages in place with a banner naming every problem, so the
    browser shows what is wrong instead of silently stale pages; the next good save clears it."""
    stop = stop or threading.Event()
    last = None
    good: dict[str, bytes] = files.read_tree(project.generated)
    while not stop.is_set():
        try:
            current = _stamp(project)
            if current != last:
                last = current
                say(build(project, render_site=False), flush=True)
                good = files.read_tree(project.generated)
        except InputError as error:
            say(report(error.problems, WATCH_OUTCOME), flush=True)
            _show_problems(project, good, error.problems)
        except Exception as error:  # noqa: BLE001 - the preview must outlive any fault and say what it was
            problem = Problem("the build", None, f"an unexpected error: {type(error).__name__}: {error}")
            say(report([problem], WATCH_OUTCOME), flush=True)
            say("".join(traceback.format_exception_only(error)).strip(), flush=True)
            with contextlib.suppress(Exception):  # the banner is best effort; the loop goes on
                _show_problems(project, good, [problem])
        stop.wait(interval)


def _stamp(project: Project) -> tuple:
    watched = [project.sources, project.annotations, project.pages, project.edition_record, project.manifest]
    paths = [p for folder in watched for p in ([folder] if not folder.is_dir() else folder.rglob("*"))]
    return tuple(sorted((str(p), p.lstat().st_mtime_ns) for p in paths if p.exists() or p.is_symlink()))


def _show_problems(project: Project, good: dict[str, bytes], problems: list[Problem]) -> None:
    files.update_tree(site.with_problem_banner(good, [str(p) for p in problems[:MAX_PROBLEMS]]), project.generated)


# The command line ------------------------------------------------------------------------------------------


def report(problems: list[Problem], outcome: str) -> str:
    shown = problems[:MAX_PROBLEMS]
    lines = [outcome.format(count=len(problems)), *map(str, shown)]
    if len(problems) > MAX_PROBLEMS:
        lines.append(f"… and {len(problems) - MAX_PROBLEMS} more.")
    return "\n".join(lines)


COMMANDS = ("build", "generate", "check", "watch", "accept-text", "release", "schema")


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
        elif command == "accept-text":
            print(accept_text(project))
        elif command == "release":
            print(release(project))
        elif command == "schema":
            from .schema import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        else:
            print(f"unknown command '{command}'; use {', '.join(COMMANDS)}", file=sys.stderr)
            return 2
    except InputError as error:
        print(report(error.problems, BUILD_OUTCOME), file=sys.stderr)
        return 1
    except files.Busy as error:
        print(f"The edition was not built: {error}.", file=sys.stderr)
        return 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(
            f"The edition was not built: {error.strerror or error}{where}; the last good site is unchanged.",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a fault is reported in a line, never as a traceback
        print(
            f"The edition was not built: an unexpected error ({type(error).__name__}: {error});"
            " the last good site is unchanged.",
            file=sys.stderr,
        )
        return 1
    return 0
