"""Time the edition's build and weigh its pages: `make bench`.

Prints one table: the generator on the essay; the full build against a plain `mkdocs build` of the same
pages; the generator's stages on synthetic collections of 1x to 16x the essay, with peak memory and the
growth per doubling; the pages' weight at load; and, if Lighthouse is at hand, its mobile scores.
Timings are medians of wall-clock time, with the CPU time beside them; goals and growth are judged on
the CPU time, which other work on a shared machine inflates far less. Nothing here asserts, it only
measures (tests/test_bench.py checks the helpers).
Every timed run starts with the generator's memo caches empty, as a fresh `make build` does. What the
build keeps in its cache on disk, the PDF (by the hash of its print HTML, typeset by WeasyPrint), the
editors' Markdown as converted and the search index, is made in the first run on the essay only, as in a
fresh clone's first build; the collections make the PDF's print HTML but not the PDF, and convert all
their Markdown.

Lighthouse 12 is installed with npm on first use into $BENCH_CACHE (default ~/.cache/edition-bench), never
into the repository; CHROME_PATH names the browser (default /usr/bin/chromium); BENCH_LIGHTHOUSE=0 skips it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import gzip
import http.server
import json
import math
import mimetypes
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from edition import parse, pdf, pins
from edition.build import (
    ROOT,
    Project,
    accept_text,
    build,
    check_site_links,
    keep_work,
    read_edition,
    render_pages,
    reserved_anchors,
    text_record_path,
)
from edition.load import load_annotations
from edition.match import find_quote, place_annotations
from edition.model import Annotations, Edition, Essay, InputError, Placements, TextRecord
from edition.records import read_edition_record, read_text_record
from edition.references import check_references

RUNS = 5
SCALES = (1, 2, 4, 8, 16)
ESSAYS_PER_SCALE = 7  # 16x: 112 essays, 1,008 entries, 2,576 claims
# Each essay has its share of the real edition's annotations (61 entries, 51 notes, 164 claims, 6
# emendations), so that 1x holds about as many as the real edition: 7 essays, 63 entries, 49 notes,
# 161 claims, 7 emendations.
ENTRIES_PER_ESSAY = 9
NOTES_PER_ESSAY = 7
CLAIMS_PER_ESSAY = 23
EMENDATIONS_PER_ESSAY = 1
MARKDOWN_KEYS = ("note", "after", "announced", "from_archives")  # the editor-written Markdown of an item
SCALE_BUDGET = 3.0  # seconds of repeats per stage and size before settling for fewer runs
SCALING_RUNS = 3
RUN_CAP = 20.0  # a stage predicted to take longer than this for one run is not run at that size or above
# How much slower a stage runs under tracemalloc.
TRACE_COST = {"parse": 5, "load": 5, "match": 2, "check": 5, "render": 7.5}
TRACE_CAP = 8.0  # memory is traced only while a traced run is predicted to take less than this
SOURCE_DATE_EPOCH = "1751500800"
GOALS = {
    "generator share": 0.10,
    "build ratio": 1.5,
    "growth": 2.1,
    "page weight": 160_000,  # the heaviest page of the essay: a section or the whole essay
    "section weight": 125_000,  # the heaviest section page
    "whole weight": 170_000,  # the whole essay, and the glossary
    "third-party hosts": 0,
}
PLACEHOLDER_PDF = b"%PDF-1.7\n% not typeset: make bench leaves WeasyPrint out of the collections\n%%EOF\n"
LIGHTHOUSE_DIR = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "edition-bench")) / "lighthouse"


# Timing ----------------------------------------------------------------------------------------------


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)  # wall clock
    cpu: list[float] = field(default_factory=list)  # CPU time of this process and the processes it waited for

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def __str__(self) -> str:
        low, high = format_seconds(min(self.seconds)), format_seconds(max(self.seconds))
        cpu = format_seconds(self.cpu_median)
        return f"{format_seconds(self.median)} (n={len(self.seconds)}, {low}–{high}), CPU {cpu}"


def cpu_seconds() -> float:
    """CPU time used so far, user and system, by this process and by the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def format_bytes(size: float) -> str:
    return f"{size / 1000:.1f} KB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def time_runs(
    action: Callable[[], object],
    runs: int = RUNS,
    budget: float | None = None,
    least: int = 3,
    before: Callable[[], object] | None = None,
) -> Timing:
    """Run action `runs` times, or fewer (never under `least`) once `budget` seconds are spent; `before`
    runs untimed ahead of each run.

    The cyclic garbage collector is paused while the action runs and collects between runs, as `timeit`
    does: a full collection costs time in proportion to everything alive, so it would blur the growth
    of the work itself."""
    timing = Timing()
    for _ in range(runs):
        if before is not None:
            before()
        gc.collect()
        gc.disable()
        try:
            started, cpu = time.perf_counter(), cpu_seconds()
            action()
            timing.seconds.append(time.perf_counter() - started)
            timing.cpu.append(cpu_seconds() - cpu)
        finally:
            gc.enable()
        if budget is not None and len(timing.seconds) >= least and sum(timing.seconds) > budget:
            break
    return timing


def empty_caches() -> None:
    """Empty every memo cache of the generator's modules (the rendered Markdown, above all), so that a
    timed run does the work a fresh `make build` does rather than reuse the last run's."""
    for name, module in list(sys.modules.items()):
        if name == "edition" or name.startswith("edition."):
            for value in list(vars(module).values()):
                if not isinstance(value, type) and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@contextlib.contextmanager
def replaced(module: object, name: str, function: Callable) -> Iterator[None]:
    real = getattr(module, name)
    setattr(module, name, function)
    try:
        yield
    finally:
        setattr(module, name, real)


def without_typesetting() -> contextlib.AbstractContextManager[None]:
    """The PDF export with WeasyPrint's typesetting left out: its print HTML is still made, and a placeholder
    stands for the PDF. WeasyPrint takes half a minute on the essay alone; on a collection, many minutes."""
    return replaced(pdf, "pdf_document", lambda html, base_url: PLACEHOLDER_PDF)


def stopwatch(function: Callable, seconds: list[float]) -> Callable:
    """The function, adding the time each call takes to `seconds`."""

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - started)

    return timed


def growth_between(points: list[tuple[int, float]]) -> tuple[float, float]:
    """For (size, value) pairs, sizes doubling: the mean growth per doubling, and the worst single doubling."""
    if len(points) < 2 or points[0][1] <= 0:
        return float("nan"), float("nan")
    (first_size, first), (last_size, last) = points[0], points[-1]
    mean = (last / first) ** (1 / math.log2(last_size / first_size))
    steps = [(b / a) ** (1 / math.log2(t / s)) for (s, a), (t, b) in zip(points, points[1:]) if a > 0]
    return mean, max(steps)


# The machine -----------------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = " ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{model}; {os.cpu_count()} cores; Python {platform.python_version()} ({sys.implementation.name}); "
        f"load average {load}"
    )


# Projects --------------------------------------------------------------------------------------------


def copy_project(target: Path) -> Project:
    """A private copy of the project's inputs, made as the tests make theirs (tests/conftest.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from conftest import copy_project as copy
    finally:
        sys.path.pop(0)
    return copy(target)


def renderer_environment(site_url: str) -> dict[str, str]:
    return {**os.environ, "SITE_URL": site_url, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}


def plain_render(project: Project, site: Path, environment: dict[str, str]) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=project.root, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr}")


# Synthetic collections -------------------------------------------------------------------------------
#
# Variant i of the essay permutes the letters of its prose (case kept) and gives the aliases of its own
# entries a suffix unique to i, so every quote and alias stays unique in the collection while joins,
# sentence ends and capitals parse as in the real essay; headings keep their words and gain the suffix.


def variant_code(index: int) -> str:
    """Three lowercase letters, different for every index below 26**3, sorting as the indexes do."""
    digits = []
    for _ in range(3):
        index, digit = divmod(index, 26)
        digits.append(string.ascii_lowercase[digit])
    return "".join(reversed(digits))


def variant_cipher(index: int) -> dict[int, str]:
    letters = list(string.ascii_lowercase)
    shuffled = letters[:]
    random.Random(index).shuffle(shuffled)
    table = dict(zip(letters, shuffled))
    table |= {a.upper(): b.upper() for a, b in table.items()}
    return str.maketrans(table)


@dataclass(frozen=True)
class Variant:
    index: int
    aliases: tuple[str, ...]  # the real essay's spelling

    @property
    def code(self) -> str:
        return variant_code(self.index)

    def cipher(self, text: str) -> str:
        return text.translate(variant_cipher(self.index))

    def renamed(self, text: str) -> tuple[str, list[int]]:
        """The text ciphered, with the variant's suffix after each of its aliases (across line breaks too);
        and the offsets, in the text given, where a suffix went in."""
        ciphered = self.cipher(text)
        if not self.aliases:
            return ciphered, []
        ordered = sorted({self.cipher(a) for a in self.aliases}, key=lambda a: (-len(a), a))
        alternation = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in ordered)
        ends = [m.end() for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", ciphered)]
        pieces = [ciphered[a:b] for a, b in zip([0, *ends], [*ends, len(ciphered)])]
        return self.code.join(pieces), ends

    def transform(self, text: str) -> str:
        return self.renamed(text)[0]

    def marked(self, item: dict) -> dict:
        """The item with the variant's code at the end of each Markdown text (a claim's then and now too):
        no two variants share one, so the cache of rendered Markdown helps a collection no more than the
        real edition, whose texts are all different."""
        item = dict(item)
        for key in MARKDOWN_KEYS:
            if isinstance(item.get(key), str):
                item[key] = f"{item[key].rstrip()} ({self.code})"
        for key in ("then", "now"):
            if isinstance(item.get(key), dict):
                item[key] = self.marked(item[key])
        return item

    def quote(self, paragraph: str, start: int, end: int, prefix: int, suffix: int) -> tuple[str, str, str]:
        """The quote at paragraph[start:end] with `prefix` and `suffix` characters around it, as this variant
        has them: cut from the transformed paragraph, so that an alias cut at their edges is renamed too."""
        text, ends = self.renamed(paragraph)

        def moved(offset: int) -> int:
            return offset + len(self.code) * sum(1 for e in ends if e <= offset)

        return (
            text[moved(start - prefix) : moved(start)],
            text[moved(start) : moved(end)],
            text[moved(end) : moved(end + suffix)],
        )


def split_source(source: str) -> tuple[list[str], list[str], list[str]]:
    """The source's lines: front matter, body, and dateline with back matter."""
    blocks = parse.split_blocks(source)
    body_start = blocks[3].line
    dateline = next(b.line for b in blocks[3:] if parse._DATELINE.match(b.text))
    lines = source.splitlines()
    return lines[: body_start - 1], lines[body_start - 1 : dateline - 1], lines[dateline - 1 :]


def variant_body(body: list[str], variant: Variant) -> str:
    """The body as variant `variant`: its own opening heading, headings made unique, aliases renamed."""
    code = variant.code.capitalize()
    out = [f"Variant Essay {code}.", ""] if variant.index else []  # the first opens with the Introduction
    block: list[str] = []
    for line in [*body, ""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            text = " ".join(part.strip() for part in block)
            if parse.is_heading(text):
                out += [*block[:-1], block[-1].rstrip()[:-1] + f" {code}.", ""]
            else:
                out += [variant.transform("\n".join(block)), ""]
            block = []
    return "\n".join(out)


@dataclass
class Collection:
    essays: int
    source: str
    expected_joins: int
    annotation_files: dict[str, list[dict]]


def read_raw_annotations(folder: Path) -> list[dict]:
    items = []
    for path in sorted(folder.glob("*.yml")):
        items += yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return items


def make_collection(essays: int, source: str, raw: list[dict]) -> Collection:
    """`essays` variants of the essay, each with its own entries, notes, claims and emendations, taken in turn."""
    essay = parse.parse_essay(source)
    paragraphs = {p.id: p.text for p in essay.paragraphs}
    paragraph_text = "\n".join(paragraphs.values())
    anchored = {"note": NOTES_PER_ESSAY, "claim": CLAIMS_PER_ESSAY, "emendation": EMENDATIONS_PER_ESSAY}
    real_entries = [i for i in raw if i["kind"] not in anchored]
    by_kind = {kind: [i for i in raw if i["kind"] == kind] for kind in anchored}
    head, body, tail = split_source(source)
    bodies, files = [], {}
    for index in range(essays):
        picked = _in_turn(real_entries, index, ENTRIES_PER_ESSAY)
        # Aliases found only in the front or back matter would occur nowhere in a variant's body.
        aliases = {e["id"]: [a for a in e.get("aliases", []) if _occurs(a, paragraph_text)] for e in picked}
        variant = Variant(index, tuple(a for names in aliases.values() for a in names))
        ids = {e["id"]: f"{e['id']}-{variant.code}" for e in picked}
        entries = []
        for entry in picked:
            item = variant.marked(dict(entry, id=ids[entry["id"]], name=variant.transform(entry["name"])))
            item["aliases"] = [variant.transform(a) for a in aliases[entry["id"]]]
            item["related"] = [ids[r] for r in entry.get("related", []) if r in ids]
            entries.append(item)
        placed = {
            kind: [_anchored_item(i, variant, essay, paragraphs, ids) for i in _in_turn(by_kind[kind], index, count)]
            for kind, count in anchored.items()
        }
        files[f"essay-{variant.code}-entries.yml"] = entries
        files[f"essay-{variant.code}-notes.yml"] = placed["note"] + placed["emendation"]
        files[f"essay-{variant.code}-claims.yml"] = placed["claim"]
        bodies.append(variant_body(body, variant))
    text = "\n".join(head) + "\n\n" + "\n\n".join(bodies) + "\n\n" + "\n".join(tail) + "\n"
    return Collection(essays, text, len(essay.joins) * essays, files)


def _anchored_item(raw: dict, variant: Variant, essay: Essay, paragraphs: dict[str, str], ids: dict) -> dict:
    """A note, claim or emendation of the real edition, anchored on the same words of the variant."""
    item = variant.marked(dict(raw, id=f"{raw['id']}-{variant.code}"))
    key = "sic" if item["kind"] == "emendation" else "quote"
    prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
    (span,) = find_quote(essay, item[key], prefix, suffix)
    text = paragraphs[span.paragraph_id]
    item["prefix"], item[key], item["suffix"] = variant.quote(text, span.start, span.end, len(prefix), len(suffix))
    if "related" in item:
        item["related"] = [ids[r] for r in item["related"] if r in ids]
    return item


def _in_turn(items: list, index: int, count: int) -> list:
    return [items[(index * count + k) % len(items)] for k in range(count)]


def _occurs(alias: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text) is not None


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Write long text as editors do, in block scalars, and never an anchor or alias (the loader refuses them)."""

    def ignore_aliases(self, data) -> bool:
        return True


_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None),
)


def read_text(project: Project) -> tuple[TextRecord, bytes]:
    """The text's record and its transcription, as the build finds them."""
    record_path = text_record_path(project)
    text, problems = read_text_record(record_path, project.name(record_path))
    if text is None:
        raise InputError(problems)
    return text, (project.sources / text.transcription).read_bytes()


def write_collection(collection: Collection, root: Path, real: Project | None = None) -> Project:
    """A project folder holding the collection's text, pinned, beside the real text's record; its annotations;
    and the real project's edition record, hand-written pages, theme overrides and mkdocs.yml."""
    if root.exists():
        shutil.rmtree(root)
    real, project = real or Project(ROOT), Project(root)
    project.annotations.mkdir(parents=True)
    project.sources.mkdir()
    record_path = text_record_path(real)
    record, count = re.subn(
        r"(?m)^joins: *\d+ *$", f"joins: {collection.expected_joins}", record_path.read_text("utf-8")
    )
    if count != 1:
        raise ValueError(f"{real.name(record_path)}: expected one line 'joins: N', found {count}.")
    (project.sources / record_path.name).write_text(record, encoding="utf-8")
    text, _ = read_text(real)
    (project.sources / text.transcription).write_text(collection.source, encoding="utf-8")
    project.manifest.parent.mkdir()
    accept_text(project)
    for name, items in collection.annotation_files.items():
        dumped = yaml.dump(items, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
        (project.annotations / name).write_text(dumped, encoding="utf-8")
    shutil.copytree(real.pages, project.pages)
    shutil.copytree(real.root / "overrides", project.root / "overrides")
    shutil.copy(real.edition_record, project.edition_record)
    shutil.copy(real.root / "mkdocs.yml", project.root / "mkdocs.yml")
    return project


@dataclass
class StageResult:
    timing: Timing | None = None  # None: not run, the predicted time being over RUN_CAP
    peak: int | None = None  # bytes allocated above the stage's starting point at its highest; None: not traced
    predicted: float = 0.0


def place_by_essay(essay: Essay, annotations: Annotations, sections_per_essay: int) -> Placements:
    """The placements place_annotations gives on a collection, found one essay at a time.

    Each variant's aliases and quotes occur in it alone, so this is the same result; the later stages
    use it so that they can be timed at sizes where the whole-collection matcher is too slow to run.
    """
    mentions, notes, emendations, claims, unlisted = [], [], [], [], set()
    for first in range(0, len(essay.sections), sections_per_essay):
        tag = f"essay-{variant_code(first // sections_per_essay)}-"
        part = dataclasses.replace(essay, sections=essay.sections[first : first + sections_per_essay], joins=())
        own = Annotations(
            entries=tuple(e for e in annotations.entries if tag in e.file),
            notes=tuple(n for n in annotations.notes if tag in n.file),
            emendations=tuple(e for e in annotations.emendations if tag in e.file),
            claims=tuple(c for c in annotations.claims if tag in c.file),
        )
        placements, problems = place_annotations(part, own)
        if problems:
            raise InputError(problems)
        mentions += placements.mentions
        notes += placements.notes
        emendations += placements.emendations
        claims += placements.claims
        unlisted |= set(placements.unlisted_names)
    return Placements(
        mentions=tuple(mentions),
        notes=tuple(dataclasses.replace(n, number=i) for i, n in enumerate(notes, start=1)),
        emendations=tuple(emendations),
        claims=tuple(dataclasses.replace(c, number=i) for i, c in enumerate(claims, start=1)),
        unlisted_names=tuple(sorted(unlisted)),
    )


# Each stage as the build runs it (edition.build.gather_edition, then render_pages), raising what it finds:
# a synthetic collection has no problem, so any is a fault of the bench.


def parse_pinned(project: Project) -> Callable[[], Essay]:
    """The parse stage: the text parsed with its published ids, and checked against its pins."""
    text, data = read_text(project)
    name = project.name(project.sources / text.transcription)
    manifest = json.loads(project.manifest.read_text(encoding="utf-8"))
    pin = project.pin.read_text(encoding="utf-8").split()[0]

    def stage() -> Essay:
        essay = parse.parse_essay(data.decode("utf-8"), name, text.joins, ids=pins.published_ids(manifest))
        _raise(pins.check_pins(data, name, pin, manifest, essay, project.name(project.manifest)))
        return essay

    return stage


def load_valid(project: Project) -> tuple[Annotations, set[str]]:
    annotations, problems, refused = load_annotations(project.annotations, project.root)
    _raise(problems)
    return annotations, refused


def check_edition(edition: Edition, project: Project, refused: set[str]) -> None:
    """The checks across items: ids, related entries, aliases, hindsight, and editors' links to the site."""
    reserved = reserved_anchors(project, edition.essay)
    _raise(check_references(edition.annotations, edition.text.written, reserved, refused))
    _raise(check_site_links(edition))


def render_valid(edition: Edition, project: Project, url: str) -> dict[str, bytes]:
    files, problems = render_pages(edition, project, url)
    _raise(problems)
    return files


def generate(project: Project, url: str) -> dict[str, bytes]:
    """The generator as the build runs it: read, render, and keep the Markdown converted and the YAML read for
    the next run."""
    files = render_valid(read_edition(project), project, url)
    keep_work(project)
    return files


def fresh(edition: Edition) -> Edition:
    """The edition with new essay and placements objects, so nothing they computed lazily is kept between runs."""
    essay, placements = dataclasses.replace(edition.essay), dataclasses.replace(edition.placements)
    return dataclasses.replace(edition, essay=essay, placements=placements)


def _raise(problems: list) -> None:
    if problems:
        raise InputError(problems)


class Scaling:
    """Times each stage at each size, skipping a stage once one run of it is predicted to take over RUN_CAP
    seconds, and tracing its memory only while a traced run is predicted to stay under TRACE_CAP seconds."""

    stages = ("parse", "load", "match", "check", "render")

    def __init__(self, site_url: str = "http://127.0.0.1:8000/"):
        self.site_url = site_url
        self.results: dict[int, dict[str, StageResult]] = {}

    def predict(self, stage: str) -> float:
        """One run at the next size: the last wall-clock time, grown as the stage's CPU time has grown so far
        (at least 2x)."""
        timed = [(scale, r[stage].timing) for scale, r in self.results.items() if stage in r and r[stage].timing]
        if not timed:
            return 0.0
        mean = growth_between([(s, t.cpu_median) for s, t in timed])[0] if len(timed) > 1 else 2.0
        return timed[-1][1].median * max(2.0, mean)

    def run(self, scale: int, collection: Collection, project: Project) -> str:
        """Time each stage on the collection; a stage's first run gives the next stage its input."""
        results: dict[str, StageResult] = {}
        self.results[scale] = results
        essay = self._measure("parse", parse_pinned(project), results)
        annotations, refused = self._measure("load", partial(load_valid, project), results)
        placements = place_by_essay(essay, annotations, len(essay.sections) // collection.essays)
        whole = self._measure("match", lambda: place_annotations(dataclasses.replace(essay), annotations), results)
        if whole is not None and whole != (placements, []):
            raise AssertionError(f"the synthetic collection is not valid at {scale}x: {whole[1][:3]}")
        text, _ = read_text(project)
        record, problems = read_edition_record(project.edition_record, project.name(project.edition_record))
        _raise(problems)
        edition = Edition(text, record, essay, annotations, placements)
        self._measure("check", lambda: check_edition(fresh(edition), project, refused), results)
        self._measure("render", lambda: render_valid(fresh(edition), project, self.site_url), results)
        return (
            f"{len(essay.paragraphs)} paragraphs, {len(annotations.entries)} entries, "
            f"{len(placements.mentions)} mentions, {len(placements.notes)} notes, {len(placements.claims)} claims"
        )

    def _measure(self, stage: str, action: Callable[[], object], results: dict[str, StageResult]):
        """Time the stage unless it is predicted too slow (then run it once, untimed, only if its output is
        needed), trace its memory if that is cheap enough, and return its output. Every run starts with the
        generator's caches empty."""
        result = results[stage] = StageResult(predicted=self.predict(stage))
        skipped = any(r[stage].timing is None for s, r in self.results.items() if r is not results and stage in r)
        if skipped or result.predicted > RUN_CAP:
            return action() if stage in ("parse", "load") else None
        outcome: list = []
        least = 3 if result.predicted < 1 else 2
        result.timing = time_runs(
            lambda: outcome.append(action()), SCALING_RUNS, SCALE_BUDGET, least, before=empty_caches
        )
        if result.timing.median * TRACE_COST[stage] <= TRACE_CAP:
            empty_caches()
            gc.collect()
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            action()
            result.peak = tracemalloc.get_traced_memory()[1] - base
            tracemalloc.stop()
        return outcome[0]

    def growth(self, stage: str) -> tuple[float, float, float, float | None, str]:
        """Growth per doubling of CPU time (mean and worst step), of wall-clock time (mean) and of memory,
        over the sizes measured."""
        timings = [(s, r[stage].timing) for s, r in self.results.items() if r[stage].timing]
        traced = [(s, float(r[stage].peak)) for s, r in self.results.items() if r[stage].peak]
        mean, worst = growth_between([(s, t.cpu_median) for s, t in timings])
        wall = growth_between([(s, t.median) for s, t in timings])[0]
        memory = growth_between(traced)[0] if len(traced) > 1 else None
        return mean, worst, wall, memory, f"{timings[0][0]}x–{timings[-1][0]}x"


# Page weight -----------------------------------------------------------------------------------------

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
_PRECOMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".gz", ".br")
# Pagefind writes its index, filters and WebAssembly gzip-compressed.
_PRECOMPRESSED += (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")
_LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon", "preconnect"}


def transfer_size(path: Path) -> int:
    """What a server would send: gzip (level 6) for text, the file itself for already-compressed formats."""
    data = path.read_bytes()
    if path.suffix.lower() in _PRECOMPRESSED:
        return len(data)
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def css_references(css: str) -> list[str]:
    """The addresses a stylesheet loads: url() and @import, but only the first source of each @font-face."""
    font_blocks = list(_FONT_FACE.finditer(css))
    refs = []
    for block in font_blocks:
        first = next((m for m in _CSS_URL.finditer(block.group(1)) if m.group(2)), None)
        if first:
            refs.append(first.group(2).strip())
    outside = _FONT_FACE.sub("", css)
    for match in _CSS_URL.finditer(outside):
        refs.append((match.group(2) or match.group(4)).strip())
    return [r for r in refs if not r.startswith(("data:", "#"))]


def html_references(html: str) -> list[str]:
    """The addresses a page loads as it opens: styles, scripts, icons, images, media; not links to follow."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    refs = []
    for tag in soup.find_all("link", href=True):
        if _LOADING_RELS & {r.lower() for r in tag.get("rel", [])}:
            refs.append(tag["href"])
    for name, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"), ("embed", "src"), ("object", "data")):
        refs += [tag[attribute] for tag in soup.find_all(name) if tag.get(attribute)]
    for tag in soup.find_all(["audio", "video", "source", "track"]):
        refs += [tag[a] for a in ("src", "poster") if tag.get(a)]
    for tag in soup.find_all(["img", "source"], srcset=True):
        refs.append(tag["srcset"].split(",")[0].split()[0])
    config = soup.find("script", id="__config")
    if config and soup.find("form", attrs={"name": "search"}):  # Material starts its search worker as the page loads
        refs.append(json.loads(config.get_text()).get("search") or "#")
    for tag in soup.find_all("style"):
        refs += css_references(tag.get_text())
    for tag in soup.find_all(style=True):
        refs += css_references(tag["style"])
    return [r.strip() for r in refs if not r.strip().startswith(("data:", "#", "javascript:"))]


@dataclass
class PageWeight:
    page: str
    total: int = 0
    files: dict[str, int] = field(default_factory=dict)  # site path -> bytes on the wire
    third_party: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)


def page_weight(site: Path, page: str, site_url: str) -> PageWeight:
    """The page's HTML and everything it loads as it opens, followed through stylesheets, as gzip bytes."""
    base = urlsplit(site_url)
    weight = PageWeight(page)
    pending = [urljoin(site_url, page)]
    while pending:
        url = pending.pop()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", ""):
            continue
        if parts.netloc != base.netloc or not parts.path.startswith(base.path):
            weight.third_party.add(parts.netloc)
            continue
        relative = parts.path[len(base.path) :]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        if relative in weight.files:
            continue
        path = site / relative
        if not path.is_file():
            weight.missing.append(relative)
            continue
        weight.files[relative] = transfer_size(path)
        if path.suffix == ".html":
            refs = html_references(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            refs = css_references(path.read_text(encoding="utf-8"))
        else:
            refs = []
        pending += [urljoin(url, ref) for ref in refs]
    weight.total = sum(weight.files.values())
    return weight


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


# Lighthouse ------------------------------------------------------------------------------------------


def serve(site: Path, prefix: str, port: int) -> http.server.ThreadingHTTPServer:
    """Serve the site on 127.0.0.1 as GitHub Pages serves a project: under `prefix`, text gzipped,
    404.html with status 404 for what is missing, nothing outside the prefix (so no robots.txt)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = urlsplit(self.path).path
            if not path.startswith(prefix):
                self.send_error(404)
                return
            file = site / path[len(prefix) :]
            if file.is_dir() and not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            file = file / "index.html" if file.is_dir() else file
            status = 200 if file.is_file() else 404
            file = file if status == 200 else site / "404.html"
            data = file.read_bytes()
            self.send_response(status)
            self.send_header("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")
            if file.suffix.lower() not in _PRECOMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def find_lighthouse() -> tuple[Path | None, str]:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.is_file():
        return binary, ""
    npm = shutil.which("npm")
    if not npm:
        return None, "npm not found"
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", "lighthouse@12"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        return None, "npm install lighthouse@12 took over 240 s"
    if result.returncode != 0 or not binary.is_file():
        return None, "npm install lighthouse@12 failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]
    return binary, " (installed into " + str(LIGHTHOUSE_DIR) + ")"


@dataclass
class LighthouseRun:
    scores: dict[str, int]
    metrics: dict[str, str]
    failing: list[str]  # audits that cost points outside performance


def run_lighthouse(binary: Path, url: str, chrome: str, out: Path) -> LighthouseRun:
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        "--max-wait-for-load=20000",
    ]
    environment = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(command, env=environment, capture_output=True, text=True, timeout=90, check=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    metrics = {
        short: audits[name].get("displayValue", "?").replace("\xa0", " ")
        for short, name in (
            ("FCP", "first-contentful-paint"),
            ("LCP", "largest-contentful-paint"),
            ("TBT", "total-blocking-time"),
            ("CLS", "cumulative-layout-shift"),
        )
    }
    failing = [
        ref["id"]
        for name, category in report["categories"].items()
        if name != "performance"
        for ref in category["auditRefs"]
        if ref.get("weight") and (audits[ref["id"]].get("score") or 0) < 1 and audits[ref["id"]]["score"] is not None
    ]
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    return LighthouseRun(scores, metrics, failing)


# The report ------------------------------------------------------------------------------------------

LABEL = 52
VALUE = 46


def row(what: str, value: str = "", goal: str = "") -> None:
    print(f"  {what:<{LABEL}} {value:<{VALUE}} {goal}".rstrip(), flush=True)


def heading(title: str) -> None:
    print(f"\n{title}", flush=True)


def goal_text(value: float, goal: float, shown: str) -> str:
    return f"goal ≤ {shown}: {'ok' if value <= goal else 'OVER'}"


def bench_generator(project: Project, url: str) -> tuple[Timing, Timing]:
    """The generator with nothing cached (the PDF typeset, all Markdown converted) and on an unchanged edition."""
    heading("a. Generator on the essay (read_edition + render_pages, nothing written)")
    typesetting: list[float] = []
    with replaced(pdf, "pdf_document", stopwatch(pdf.pdf_document, typesetting)):
        first = time_runs(lambda: generate(project, url), runs=1)
    generator = time_runs(lambda: generate(project, url), before=empty_caches)
    gather = time_runs(lambda: read_edition(project), before=empty_caches)
    editions: list[Edition] = []

    def gathered() -> None:  # render_pages as the build runs it: after read_edition, its caches warm
        empty_caches()
        editions.append(read_edition(project))

    render = time_runs(lambda: render_valid(editions[-1], project, url), before=gathered)
    first_run = f"{format_seconds(first.median)}, CPU {format_seconds(first.cpu_median)}"
    row("first run: nothing cached, the PDF typeset", first_run, "a fresh clone's first build")
    row("  of which WeasyPrint typesetting the PDF", format_seconds(sum(typesetting)))
    row("generator, the PDF and the Markdown from the cache", str(generator), "an unchanged edition rebuilt")
    row("  read_edition: parse, load, check, match", str(gather))
    row("  render_pages, after read_edition", str(render))
    return first, generator


def bench_build(project: Project, first: Timing, generator: Timing, work: Path, summary: list[str]) -> None:
    heading("b. Full build (what it caches from its cache) vs plain `mkdocs build --strict` of the same pages")
    full = time_runs(lambda: build(project), before=empty_caches)
    plain = time_runs(lambda: plain_render(project, work / "plain-site", dict(os.environ)))
    cli_env = {**os.environ, "EDITION_ROOT": str(project.root), "PYTHONPATH": str(ROOT / "scripts")}
    command = [sys.executable, "-m", "edition", "build"]
    cli = time_runs(lambda: subprocess.run(command, env=cli_env, capture_output=True, check=True), runs=3)
    row("full build: edition.build.build(), in process", str(full))
    row("plain render: python -m mkdocs build --strict", str(plain))
    row("`python -m edition build`, start-up included", str(cli))

    def against_plain(timing: Timing) -> tuple[float, float]:
        return timing.cpu_median / plain.cpu_median, timing.median / plain.median

    for label, timing in (("generator, cache used (a)", generator), ("generator, nothing cached (a)", first)):
        cpu, wall = against_plain(timing)
        row(
            f"{label} / plain render, CPU",
            f"{cpu:.0%} (wall clock {wall:.0%})",
            goal_text(cpu, GOALS["generator share"], "10%"),
        )
    cpu, wall = against_plain(full)
    row(
        "full build / plain render, CPU",
        f"{cpu:.2f}x (wall clock {wall:.2f}x)",
        goal_text(cpu, GOALS["build ratio"], "1.5x"),
    )
    summary += [
        f"generator = {against_plain(generator)[0]:.0%} of the render's CPU time with the cache,"
        f" {against_plain(first)[0]:.0%} with nothing cached (goal ≤ 10%)",
        f"build = {cpu:.2f}x the render (≤ 1.5x)",
    ]


def bench_weight(site: Path, site_url: str, summary: list[str]) -> None:
    heading("d. Page weight at load: the HTML and everything it loads, gzip -6 (woff2 and images as they are)")
    weights = {w.page.removesuffix("index.html"): w for w in (page_weight(site, p, site_url) for p in site_pages(site))}
    sections = sorted((p for p in weights if p.startswith("essay/")), key=lambda p: weights[p].total)
    essay_pages = [weights[p] for p in [*sections, "full-text/"] if p in weights]
    notes = {p: "" for p in weights if p.count("/") <= 1 and p != "404.html"}
    if sections:
        notes |= {sections[0]: ", lightest section", sections[-1]: ", heaviest section"}
    for page in sorted(notes, key=lambda p: weights[p].total):
        weight = weights[page]
        row(page or "landing page", f"{format_bytes(weight.total)} in {len(weight.files)} files{notes[page]}")
    heaviest = max(essay_pages, key=lambda w: w.total)
    checked = [
        ("heaviest essay page", heaviest, GOALS["page weight"]),
        ("heaviest section page", weights[sections[-1]] if sections else None, GOALS["section weight"]),
        ("whole essay", weights.get("full-text/"), GOALS["whole weight"]),
        ("glossary", weights.get("glossary/"), GOALS["whole weight"]),
    ]
    for label, weight, limit in checked:
        if weight is None:
            row(f"{label}: none in the site", "", f"goal ≤ {format_bytes(limit)}: MISSING")
            continue
        shown = format_bytes(weight.total)
        goal = goal_text(weight.total, limit, format_bytes(limit))
        row(label, f"{shown}: {weight.page.removesuffix('index.html')}", goal)
        summary.append(f"{label} {shown} (≤ {format_bytes(limit)})")
    parts = sorted(heaviest.files.items(), key=lambda kv: -kv[1])
    row(f"the heaviest essay page's largest files ({heaviest.page.removesuffix('index.html')})")
    for name, size in parts[:6]:
        row(f"  {name}", format_bytes(size))
    index = site / "pagefind"
    if index.is_dir():
        files = [path for path in index.rglob("*") if path.is_file()]
        row(
            "search index and its scripts (not counted; fetched in parts as a reader searches)",
            f"{format_bytes(sum(transfer_size(path) for path in files))} in {len(files)} files",
        )
    missing = sorted({m for w in weights.values() for m in w.missing})
    if missing:
        row("referenced but missing", ", ".join(missing))
    hosts = sorted(set().union(*(w.third_party for w in weights.values())))
    row(
        "third-party hosts loaded (all pages)",
        f"{len(hosts)} {' '.join(hosts)}".strip(),
        "goal 0: " + ("ok" if not hosts else "OVER"),
    )
    summary.append(f"{len(hosts)} third-party hosts")


def bench_scaling(real: Project, work: Path, url: str, summary: list[str]) -> None:
    """real: the bench's copy of the project, so that every collection is made from the same inputs."""
    heading(
        "c. Generator stages on synthetic collections, each run from empty caches, the PDF not typeset"
        " (peak memory above the stage's start, tracemalloc)"
    )
    raw = read_raw_annotations(real.annotations)
    _, data = read_text(real)
    scaling = Scaling(url)
    for scale in SCALES:
        collection = make_collection(ESSAYS_PER_SCALE * scale, data.decode("utf-8"), raw)
        synthetic = write_collection(collection, work / f"scale-{scale}", real)
        counts = scaling.run(scale, collection, synthetic)
        row(f"{scale}x: {collection.essays} essays", counts)
        for name, result in scaling.results[scale].items():
            if result.timing is None:
                row(f"  {name}", f"not run: one run predicted ≥ {format_seconds(result.predicted)}")
                continue
            peak = f"peak {format_bytes(result.peak)}" if result.peak is not None else "(not traced: too slow)"
            row(f"  {name}", str(result.timing), peak)
        shutil.rmtree(synthetic.root)
    worst = ("", 0.0)
    for name in Scaling.stages:
        mean, step, wall, memory, sizes = scaling.growth(name)
        memory_text = f", memory {memory:.2f}x" if memory else ""
        row(
            f"growth per doubling, {name} ({sizes})",
            f"CPU {mean:.2f}x (worst {step:.2f}x), wall {wall:.2f}x{memory_text}",
            goal_text(mean, GOALS["growth"], f"{GOALS['growth']}x"),
        )
        if mean > worst[1]:
            worst = (name, mean)
    summary.append(f"worst growth {worst[1]:.2f}x per doubling, {worst[0]} (≤ {GOALS['growth']}x)")


def bench_lighthouse(site: Path, site_url: str, work: Path, summary: list[str]) -> None:
    heading("e. Lighthouse 12, mobile: performance / accessibility / best practices / SEO (gzip, 127.0.0.1)")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if os.environ.get("BENCH_LIGHTHOUSE", "1") == "0":
        row("skipped: BENCH_LIGHTHOUSE=0")
        return
    if not Path(chrome).is_file():
        row(f"skipped: no Chromium at {chrome} (set CHROME_PATH)")
        return
    binary, note = find_lighthouse()
    if binary is None:
        row(f"skipped: {note}")
        return
    parts = urlsplit(site_url)
    server = serve(site, parts.path, parts.port)
    try:
        pages = (
            ("landing page", ""),
            ("section page", "essay/introduction/"),
            ("whole essay", "full-text/"),
            ("glossary", "glossary/"),
        )
        for label, page in pages:
            started = time.perf_counter()
            try:
                run = run_lighthouse(binary, site_url + page, chrome, work / "lighthouse.json")
            except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                row(f"{label}: skipped", f"Lighthouse failed: {str(error).splitlines()[0][:70]}")
                continue
            scores = " / ".join(str(v) for v in run.scores.values())
            metrics = ", ".join(f"{k} {v}" for k, v in run.metrics.items())
            row(f"{label} ({parts.path}{page})", scores, f"{time.perf_counter() - started:.0f} s{note}")
            row("  metrics", metrics)
            if run.failing:
                row("  audits losing points", ", ".join(run.failing))
            summary.append(f"Lighthouse {label} {scores.replace(' ', '')}")
    finally:
        server.shutdown()


def main() -> int:
    started = time.perf_counter()
    print(f"Machine: {machine()}")
    print(
        f"Timings: median (n runs, min–max); the essay's stages up to {RUNS} runs, the scaling stages up to "
        f"{SCALING_RUNS}.",
        flush=True,
    )
    summary: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="edition-bench-"))
    site_url = f"http://127.0.0.1:{free_port()}/edition/"
    os.environ.update(renderer_environment(site_url))
    os.environ["EDITION_CACHE"] = str(work / "cache")  # the PDF typeset anew, never taken from the project's cache
    try:
        project = copy_project(work / "essay")
        first, generator = bench_generator(project, site_url)
        bench_build(project, first, generator, work, summary)
        with without_typesetting():
            bench_scaling(project, work, site_url, summary)
        bench_weight(project.site, site_url, summary)
        bench_lighthouse(project.site, site_url, work, summary)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nBench took {time.perf_counter() - started:.0f} s.")
    print("Summary: " + "; ".join(summary) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
