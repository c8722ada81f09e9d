"""The text's facts and the edition's own are typed once, in their records, and checked like annotations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edition.build import ROOT, Project, read_edition, text_record_path
from edition.dates import format_date, us_date
from edition.records import read_text_record

CODE = [ROOT / "scripts" / "edition", ROOT / "overrides", ROOT / "docs" / "assets"]


def literals(edition) -> list[str]:
    text = edition.text
    return [
        text.title.split('"')[0].strip(),  # "The Meaning of the Soviet"
        text.author,
        text.periodical,
        format_date(text.written),
        format_date(text.published),
        us_date(text.written),
        us_date(text.published),
        text.written,
        text.published,
        text.transcriber,
    ]


def test_no_fact_of_the_texts_record_is_typed_in_code():
    edition = read_edition(Project())
    found = []
    for folder in CODE:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".py", ".js", ".html", ".css"):
                continue
            text = path.read_text(encoding="utf-8")
            for literal in literals(edition):
                for number, line in enumerate(text.splitlines(), start=1):
                    if literal in line:
                        found.append(f"{path.relative_to(ROOT)}:{number}: '{literal}'")
    assert not found, "facts of the text belong in its record:\n" + "\n".join(found)


def test_a_bad_record_is_refused_with_its_file_and_line(tmp_path):
    record = tmp_path / "record.yml"
    text = text_record_path(Project()).read_text(encoding="utf-8")
    record.write_text(re.sub(r"^published: .*$", 'published: "1937-13-03"', text, flags=re.M), encoding="utf-8")
    parsed, problems = read_text_record(record, "source/record.yml")
    assert parsed is None
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("published:"))
    assert [p.file for p in problems] == ["source/record.yml"] and problems[0].line == line
    assert "published" in problems[0].message


@pytest.mark.parametrize("key", ["title", "author", "written"])
def test_a_record_without_a_required_fact_is_refused(tmp_path, key):
    record = tmp_path / "record.yml"
    text = text_record_path(Project()).read_text(encoding="utf-8")
    record.write_text(re.sub(rf"^{key}: .*\n", "", text, flags=re.M), encoding="utf-8")
    parsed, problems = read_text_record(record, "source/record.yml")
    assert parsed is None and any(key in p.message for p in problems)


def test_the_texts_record_names_its_transcription():
    project = Project()
    text, problems = read_text_record(text_record_path(project), "record")
    assert not problems and (project.sources / text.transcription).is_file()
    assert Path(text.transcription).suffix == ".txt"
