"""The README's annotation example is a valid entry that the real edition accepts."""

import re
from pathlib import Path

from edition.build import read_edition

README = Path(__file__).parents[1] / "README.md"


def test_the_readme_example_entry_builds(project):
    example = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    (project.annotations / "example.yml").write_text(example, encoding="utf-8")
    edition = read_edition(project)
    mentions = [m for m in edition.placements.mentions if m.entry_id == "soviet-union"]
    assert mentions and all(m.text == "Soviet Union" for m in mentions)


def test_the_readme_shows_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "make serve" in text and "make test" in text
