"""Lay marks (emendations, mentions, note anchors) over a paragraph's text as a properly nested tree.

The exports (TEI, EPUB, print) each turn the same tree into their own markup. Pure functions: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    """A stretch [start, end) of the text to wrap, or a point (start == end) to insert."""

    start: int
    end: int
    kind: str  # the exporter's own word: "emendation", "mention", "note-end", ...
    value: object = None
    atomic: bool = False  # nothing may start or end strictly inside it: points there move to its edges

    @property
    def is_point(self) -> bool:
        return self.start == self.end


@dataclass
class Node:
    """A mark with what it holds: strings of text and nested nodes, in order. The root has no mark."""

    mark: Mark | None
    children: list[str | Node] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def nest(text: str, marks: Iterable[Mark]) -> tuple[Node, list[Mark]]:
    """The text as a tree of marks, and the marks that could not be nested (a stretch crossing another's edge).

    Of two stretches with the same start the longer is outside; a point at the start or end of a stretch
    stays outside it (a note marker after a mention follows the mention)."""
    marks = list(marks)
    atomic = [m for m in marks if m.atomic and not m.is_point]
    placed, left_out = [], []
    for mark in marks:
        if not mark.atomic and any(_crosses(mark, wrapper) for wrapper in atomic):
            left_out.append(mark)  # an emendation is never split for a mention or a note's stretch
            continue
        if mark.is_point:
            for wrapper in atomic:
                if wrapper.start < mark.start < wrapper.end:
                    position = wrapper.end if mark.kind.endswith("end") else wrapper.start
                    mark = Mark(position, position, mark.kind, mark.value)
        placed.append(mark)
    placed.sort(key=lambda m: (m.start, 0 if m.is_point else 1, -m.end, 0 if m.atomic else 1))
    root = Node(None)
    stack: list[tuple[Node, int]] = [(root, len(text))]
    position = 0

    def emit(upto: int) -> None:
        nonlocal position
        if upto > position:
            stack[-1][0].children.append(text[position:upto])
            position = upto

    for mark in placed:
        while len(stack) > 1 and stack[-1][1] <= mark.start:
            emit(stack[-1][1])
            stack.pop()
        if mark.end > stack[-1][1]:
            left_out.append(mark)
            continue
        emit(mark.start)
        node = Node(mark)
        stack[-1][0].children.append(node)
        if not mark.is_point:
            stack.append((node, mark.end))
    while stack:
        emit(stack[-1][1])
        stack.pop()
    return root, left_out


def _crosses(a: Mark, b: Mark) -> bool:
    """Whether two stretches overlap without one holding the other."""
    if a.is_point or b.is_point:
        return False
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end
