"""Typography and escaping of plain text for the pages: curly quotes and spaced dashes, never a change of words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Paragraph, Placements, TextRecord


def quoted_title(text: TextRecord) -> str:
    """The title in quotation marks, its own quotation marks turned to single ones: “On the ‘Left’ Danger”."""
    return "“" + typeset(text.title).replace("“", "‘").replace("”", "’") + "”"


_TYPESET_CHARS = "\"'—"  # all that typeset ever changes
_TYPESET = re.compile(f"[{_TYPESET_CHARS}]")


def typeset(text: str, before: str = " ", after: str = " ") -> str:
    """Curly quotes and spaced em dashes; never a change of words. before/after: the neighbouring characters."""

    def one(match: re.Match) -> str:
        i, char = match.start(), match.group()
        previous = text[i - 1] if i else before
        if char == '"':
            return "“" if previous.isspace() or previous in "([—–" else "”"
        if char == "'":
            return "‘" if previous.isspace() or previous in "([—–“" else "’"
        following = text[i + 1] if i + 1 < len(text) else after
        return ("" if previous.isspace() else " ") + "—" + ("" if following.isspace() else " ")

    return _TYPESET.sub(one, text)


def escape(text: str) -> str:
    """Make plain text safe to place in Markdown: no markup, no HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}#|])", r"\\\1", text)


def plain(text: str) -> str:
    return escape(typeset(text))


def attribute(text: str) -> str:
    """Text for a quoted attribute or link title: typeset, so no straight double quote remains, with every
    character Markdown would act on (a brace that ends an attribute list, brackets, emphasis) as an entity."""
    escaped = typeset(text).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return escaped.translate({ord(c): f"&#{ord(c)};" for c in "{}[]*_`\\"})


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class ReadingText:
    """A paragraph as the reader sees it (emended, typeset), with where each source offset lands in it."""

    text: str
    starts: tuple[int, ...]  # len(source) + 1 entries: reading offset of a span starting at that source offset
    ends: tuple[int, ...]  # the same for a span ending there

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end]


def reading_text(paragraph: Paragraph, placements: Placements) -> ReadingText:
    """The words of the page, as render_paragraph sets them: emendations applied, quotes and dashes typeset."""
    emendations = placements.in_paragraph(paragraph.id).emendations
    return _reading_text(paragraph.text, tuple((p.span.start, p.span.end, p.emendation.corr) for p in emendations))


# Every quotation and mention of a paragraph asks for its reading text: made once per paragraph and reading.
@lru_cache(maxsize=1024)
def _reading_text(source: str, emendations: tuple[tuple[int, int, str], ...]) -> ReadingText:
    emended = {start: (end, corr) for start, end, corr in emendations}
    pieces: list[str] = []
    length = 0
    starts = [0] * (len(source) + 1)
    ends = [0] * (len(source) + 1)
    i = 0
    while i < len(source):
        if i in emended:
            end, corr = emended[i]
            before = length
            pieces.append(typeset(corr))
            length += len(pieces[-1])
            for k in range(i, end):  # a span touching the emended words takes all of them
                starts[k] = before
                ends[k + 1] = length
            ends[i] = before
            i = end
            continue
        starts[i] = ends[i] = length
        char = source[i]
        if char in _TYPESET_CHARS:
            previous = source[i - 1] if i else " "
            following = source[i + 1] if i + 1 < len(source) else " "
            char = typeset(char, previous, following)
        pieces.append(char)
        length += len(char)
        i += 1
    starts[len(source)] = ends[len(source)] = length
    return ReadingText("".join(pieces), tuple(starts), tuple(ends))
