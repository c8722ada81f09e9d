"""Parse the transcription into an Essay: front matter, sections of paragraphs, back matter.

Everything here is derived from the source text by rule, so the same source always gives the same
sections, paragraphs and paragraph ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Essay, InputError, Join, Paragraph, Problem, Section, paragraph_number

# The transcription cuts ten paragraphs in two at page or column breaks (see the editorial page).
OPENING_TITLE = "Introduction"
OPENING_SLUG = "introduction"

_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"])
_DATELINE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}\.$"
)
_SENTENCE_END = re.compile(r"[.?!:][\"”’')\]]*$")


@dataclass(frozen=True)
class Block:
    text: str
    line: int  # 1-based line of the source where the block starts


def split_blocks(source: str) -> list[Block]:
    """Blocks of text separated by blank lines, each with its first line number."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append(Block(" ".join(current), start))
            current = []
    if current:
        blocks.append(Block(" ".join(current), start))
    return blocks


def is_heading(text: str) -> bool:
    """A printed section heading: a short title-case line ending in a full stop."""
    words = text.rstrip(".").split()
    if not text.endswith(".") or not 1 <= len(words) <= 10:
        return False
    return all(w[0].isupper() or w in _SMALL_WORDS for w in words)


def ends_mid_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is None


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower().replace("'", "")).strip("-")


def _join(first: str, second: str) -> tuple[str, bool]:
    """Rejoin a paragraph cut at a break; a word hyphenated across the break is made whole."""
    if re.search(r"[a-z]-$", first):
        return first[:-1] + second, True
    return f"{first} {second}", False


def _edge_words(text: str, count: int, end: bool) -> str:
    words = text.split()
    return " ".join(words[-count:] if end else words[:count])


def parse_essay(
    source: str, source_name: str = "source", expected_joins: int | None = None, ids: list[str] | None = None
) -> Essay:
    """The essay in sections and paragraphs. ids: the paragraphs' published ids in order (the manifest's,
    retired ones left out); without them, or if their count no longer fits, paragraphs are p1, p2, ..."""
    blocks = split_blocks(source)
    if len(blocks) < 4:
        raise InputError([Problem(source_name, None, "the source has too few blocks to be the essay.")])
    title, byline, publication = (b.text for b in blocks[:3])
    body = blocks[3:]
    dateline_at = next((i for i, b in enumerate(body) if _DATELINE.match(b.text)), None)
    if dateline_at is None:
        raise InputError(
            [
                Problem(
                    source_name,
                    None,
                    "no dateline found after the body.",
                    "the body ends with the date of writing on a line of its own, e.g. 'May 1, 1919.'",
                )
            ]
        )
    back_matter = body[dateline_at:]
    body = body[:dateline_at]

    # Group blocks into sections, rejoining blocks cut in mid-sentence.
    sections: list[tuple[Block | None, list[tuple[str, int]]]] = [(None, [])]
    joins: list[tuple[int, Block, Block, bool]] = []  # (paragraph index, first, second, dehyphenated)
    pending: tuple[str, int, Block] | None = None  # text so far, first line, last block
    paragraph_count = 0
    for block in body:
        if pending is not None:
            text, line, last = pending
            joined, dehyphenated = _join(text, block.text)
            joins.append((paragraph_count, last, block, dehyphenated))
            pending = None
            block_text, block_line = joined, line
        elif is_heading(block.text):
            sections.append((block, []))
            continue
        else:
            block_text, block_line = block.text, block.line
        if ends_mid_sentence(block_text):
            pending = (block_text, block_line, block)
            continue
        paragraph_count += 1
        sections[-1][1].append((block_text, block_line))
    problems = []
    if pending is not None:
        problems.append(Problem(source_name, pending[1], "the body ends in mid-sentence."))
    if expected_joins is not None and len(joins) != expected_joins:
        found = "; ".join(f"line {second.line}" for _, _, second, _ in joins)
        problems.append(
            Problem(
                source_name,
                None,
                f"expected {expected_joins} paragraphs cut in mid-sentence, found {len(joins)} ({found}).",
                "a block that does not end with . ? ! or : is joined to the next; check the source's"
                " blank lines, or change 'joins' in the text's record if the source was deliberately revised.",
            )
        )
    if problems:
        raise InputError(problems)

    total = sum(len(paragraphs) for _, paragraphs in sections)
    assigned = ids if ids is not None and len(ids) == total else [f"p{n}" for n in range(1, total + 1)]
    built: list[Section] = []
    index = 0
    for heading, paragraphs in sections:
        items = []
        for text, line in paragraphs:
            pid = assigned[index]
            index += 1
            items.append(Paragraph(id=pid, number=paragraph_number(pid), text=text, line=line))
        title_text = heading.text.rstrip(".") if heading else OPENING_TITLE
        built.append(
            Section(
                slug=slugify(title_text) if heading else OPENING_SLUG,
                title=title_text,
                printed_heading=heading.text if heading else None,
                paragraphs=tuple(items),
            )
        )
    join_records = tuple(
        Join(
            paragraph_id=assigned[index],
            line=second.line,
            first_ends=_edge_words(first.text, 4, end=True),
            second_starts=_edge_words(second.text, 4, end=False),
            dehyphenated=dehyphenated,
        )
        for index, first, second, dehyphenated in joins
    )
    return Essay(
        title=title,
        byline=byline,
        publication_line=publication,
        sections=tuple(built),
        dateline=back_matter[0].text,
        back_matter=tuple(b.text for b in back_matter[1:]),
        joins=join_records,
    )
