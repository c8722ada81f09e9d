"""Shared fixtures: the real essay, a tiny fixture essay, and one real build of the site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.build import ROOT, Project, build, read_essay

FIXTURES = Path(__file__).parent / "fixtures"
# Every copy of the project typesets the same PDF: share the build's cache of it across the suite's builds.
os.environ.setdefault("EDITION_CACHE", str(ROOT / "build" / "cache"))


@pytest.fixture(scope="session")
def essay():
    return read_essay(Project())


def copy_project(target: Path) -> Project:
    """A private copy of the project's inputs, so a test may break or rebuild it freely."""
    for name in ("source", "annotations", "docs", "overrides", "manifest"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("mkdocs.yml", "edition.yml"):
        shutil.copy(ROOT / name, target / name)
    return Project(target)


def build_at(project: Project, site_url: str) -> str:
    """Build the project for the given address, as `SITE_URL=... make build` does."""
    previous = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = site_url
    try:
        return build(project)
    finally:
        if previous is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = previous


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """The edition built once, as `make build` does, under the GitHub Pages project path."""
    target = tmp_path_factory.mktemp("built") / "project"
    project = copy_project(target)
    build_at(project, "http://127.0.0.1:8765/edition/")
    return project


@pytest.fixture(scope="session")
def page(built):
    """Read a built page with BeautifulSoup: page("essay/introduction/")."""

    def read(path: str) -> BeautifulSoup:
        file = built.site / path / "index.html" if not path.endswith(".html") else built.site / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    return read
