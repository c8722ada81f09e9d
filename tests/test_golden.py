"""Golden files: a tiny text with an entry of each main kind, a note, a claim and an emendation, and
the Markdown pages and exports the generator makes from it, compared with the committed expected files.

`make goldens` rewrites tests/golden/expected/ from tests/golden/in/; review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edition import publish, site
from edition.build import Project, read_edition

GOLDEN = Path(__file__).parent / "golden"
SITE_URL = "https://example.org/edition/"
REWRITE = os.environ.get("REWRITE_GOLDENS") == "1"


def generated() -> dict[str, bytes]:
    edition = read_edition(Project(GOLDEN / "in"))
    files = {path: text.encode("utf-8") for path, text in site.render_site_pages(edition, SITE_URL).items()}
    files.update(publish.exports(edition, SITE_URL))
    files.pop(publish.SCHEMA_FILE)  # the format's own schema is tested against its committed copy elsewhere
    return files


FILES = generated()


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_generated_file_is_the_golden_one(name):
    expected = GOLDEN / "expected" / name
    if REWRITE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(FILES[name])
    assert expected.is_file(), f"no golden file for {name}: run make goldens and review it"
    assert FILES[name].decode("utf-8") == expected.read_text(encoding="utf-8")


def test_every_golden_file_is_still_generated():
    committed = {p.relative_to(GOLDEN / "expected").as_posix() for p in (GOLDEN / "expected").rglob("*") if p.is_file()}
    assert committed == set(FILES)
