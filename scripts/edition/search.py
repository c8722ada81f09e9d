"""Index the rendered site for search: one Pagefind record per passage, written into site/pagefind/.

The generator marked each passage of the pages (a paragraph, a note, a glossary entry, a claim) as an
element with an id and data-pagefind-body, its result's title in data-pagefind-meta; a marked element
without an id continues the passage before it (an entry's facts and body follow its heading). This reads
the rendered pages, as Pagefind's own indexer would, cuts out those passages as they were rendered and
gives each to Pagefind's indexer as a page of its own, its address (page/#id) in the url metadata. A reader's query then
loads only the passages it finds, and each result is one passage, ranked on its own.

It reads the site and adds only the index; it never changes a page. The index is kept in the build's
cache under the hash of its records and of the indexer, so an edit that changes no passage (a style, a
template, a hand-written page) reuses it, byte for byte what Pagefind would write again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import lxml.html

from . import files
from .model import Problem

OUTPUT = "pagefind"
LANGUAGE = "en"
# Pagefind writes its own search interfaces beside the index; the edition's search box uses its API alone.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*")
INDEXER = [sys.executable, "-m", "pagefind", "--silent"]
KEPT_INDEXES = 3  # the indexes of the last few sets of passages, e.g. before and after an edit undone


@dataclass(frozen=True)
class Passage:
    url: str  # relative to the site's root, as Pagefind gives it back: /essay/introduction/#p1
    kind: str  # paragraph, note, entry or claim, as the generator marked it
    html: str  # the passage's rendered elements


def page_url(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return "/" if folder == "." else f"/{folder}/"


def cut_passages(html: str, url: str) -> tuple[list[Passage], list[str]]:
    """The passages of one rendered page, and what is wrong with its marks."""
    passages: list[tuple[str, str, list[str]]] = []
    problems = []
    for element in lxml.html.document_fromstring(html).iterfind(".//*[@data-pagefind-body]"):
        ident = element.get("id")
        if any(parent.get("data-pagefind-body") is not None for parent in element.iterancestors()):
            problems.append(f"{url}: a marked passage inside another: <{element.tag} id='{ident}'>")
            continue
        text = lxml.html.tostring(element, encoding="unicode", with_tail=False)
        if ident and element.get("data-passage"):
            passages.append((ident, element.get("data-passage"), [text]))
        elif ident:
            problems.append(f"{url}: the marked <{element.tag} id='{ident}'> does not say what passage it is")
        elif passages:
            passages[-1][2].append(text)
        else:
            problems.append(f"{url}: a marked <{element.tag}> that no passage precedes")
    return [Passage(f"{url}#{ident}", kind, "\n".join(parts)) for ident, kind, parts in passages], problems


def record(passage: Passage) -> str:
    """The passage as a page for Pagefind: its address is the passage's, given as the result's url.

    No filters: Pagefind 1.5 writes a filter's values in a different order on every run, and the site must
    build byte for byte the same from the same input."""
    address = passage.url.replace("&", "&amp;").replace('"', "&quot;")
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><body>'
        f'<div data-pagefind-meta="url:{address}"><div data-pagefind-meta="kind:{passage.kind}">'
        f"{passage.html}</div></div></body></html>"
    )


def site_passages(site: Path) -> tuple[list[Passage], list[str]]:
    passages, problems = [], []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        found, wrong = cut_passages(html, page_url(site, page))
        passages += found
        problems += wrong
    return passages, problems


def _write_index(records: list[str], output: Path) -> subprocess.CompletedProcess:
    """Pagefind's indexer over the records, each written as a page of its own in a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="edition-search-") as scratch:
        for number, text in enumerate(records):
            (Path(scratch) / f"{number:05}.html").write_text(text, encoding="utf-8")
        command = [*INDEXER, "--site", scratch, "--output-path", str(output)]
        return subprocess.run(command, capture_output=True, text=True)


def index_key(records: list[str]) -> str:
    """What the index is made from: the records, in order, and the indexer that makes it."""
    digest = hashlib.sha256(f"pagefind {version('pagefind_bin')} {' '.join(INDEXER[1:])} {UNUSED}".encode())
    for text in records:
        digest.update(b"\0" + text.encode("utf-8"))
    return digest.hexdigest()


def index_site(site: Path, cache: Path) -> list[Problem]:
    """Write site/pagefind/, from the cache if these passages were indexed before; every problem as data,
    nothing written over a page."""
    passages, wrong = site_passages(site)
    problems = [Problem("search index", None, message) for message in wrong]
    if not passages:
        problems.append(Problem("search index", None, "no page has a passage marked for search."))
    if problems:
        return problems
    records = [record(passage) for passage in passages]
    kept = cache / f"search-{index_key(records)}"
    if not kept.is_dir():
        made = files.aside(kept)
        result = _write_index(records, made)
        if result.returncode != 0:
            files.remove(made)
            detail = (result.stderr or result.stdout).strip()[-2000:]
            return [Problem("search index", None, f"Pagefind could not write the index:\n{detail}")]
        for pattern in UNUSED:
            for path in made.glob(pattern):
                path.unlink()
        files.remove(files.exchange(made, kept) or made)  # another build may have kept the same index meanwhile
        _forget_older(cache)
    os.utime(kept)  # last used: what _forget_older keeps
    shutil.copytree(kept, site / OUTPUT, copy_function=_link_or_copy)
    return []


def _link_or_copy(source: str, target: str) -> None:
    """The kept file, linked rather than copied where the cache and the site share a file system (a third
    of a second for 330 files otherwise). Nothing writes into a built site's files, and removing the site
    only unlinks them."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _forget_older(cache: Path) -> None:
    indexes = sorted(cache.glob("search-*"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in indexes[KEPT_INDEXES:]:
        files.remove(old)
