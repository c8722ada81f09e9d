"""The text is pinned: its checksum, and each paragraph id with the words its paragraph begins with.

Once published, an address never changes meaning. A changed transcription, or a paragraph that no
longer begins with its recorded words, stops every check and build until an editor accepts the change
(`make accept-text`), which keeps every published id on its paragraph and retires, never reuses, the
id of a paragraph that is gone.
"""

from __future__ import annotations

import difflib
import hashlib

from .model import Essay, Problem, paragraph_number

FIRST_WORDS = 8
ACCEPT = "make accept-text"


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    return " ".join(text.split()[:count])


def published_ids(manifest: dict[str, str | None]) -> list[str]:
    """The ids of paragraphs still in the text, in order; a retired id maps to None."""
    return [pid for pid, words in manifest.items() if words is not None]


def check_pins(
    source: bytes, source_name: str, pin: str, manifest: dict[str, str | None], essay: Essay, manifest_name: str
) -> list[Problem]:
    problems = []
    actual = checksum(source)
    if actual != pin:
        problems.append(
            Problem(
                source_name,
                None,
                f"the transcription has changed since it was pinned (SHA-256 {actual[:12]}…, pinned {pin[:12]}…).",
                f"the source is the witness and is never edited: undo the change. To accept a deliberate"
                f" correction after review, run `{ACCEPT}`, which updates the pin and the paragraph manifest.",
            )
        )
    by_id = {p.id: p for p in essay.paragraphs}
    for pid, words in manifest.items():
        if words is None:
            continue
        paragraph = by_id.get(pid)
        now = first_words(paragraph.text) if paragraph else None
        if now != words:
            shown = f"begins '{now}'" if now else "is gone"
            problems.append(
                Problem(
                    manifest_name,
                    None,
                    f"paragraph {pid} was published beginning '{words}', but it now {shown}.",
                    f"a published address must keep its meaning. If the text was deliberately corrected, run"
                    f" `{ACCEPT}` after review: ids stay on their paragraphs and a removed one is retired.",
                )
            )
    return problems


def reconcile(manifest: dict[str, str | None], paragraphs: list[str]) -> dict[str, str | None]:
    """A new manifest for the text's paragraphs (their texts in order): every paragraph that is still there
    keeps its id, a paragraph that is gone keeps its id as retired (None), a new one takes a new number."""
    old = [(pid, words) for pid, words in manifest.items() if words is not None]
    new_words = [first_words(text) for text in paragraphs]
    matcher = difflib.SequenceMatcher(a=[w for _, w in old], b=new_words, autojunk=False)
    kept: dict[int, str] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            kept[block.b + offset] = old[block.a + offset][0]
    taken = [paragraph_number(pid) for pid in manifest]
    next_number = max(taken, default=0) + 1
    result: dict[str, str | None] = {pid: None for pid, words in manifest.items() if words is None}
    ids = []
    for index, words in enumerate(new_words):
        pid = kept.get(index)
        if pid is None:
            pid = f"p{next_number}"
            next_number += 1
        ids.append((pid, words))
    kept_ids = {pid for pid, _ in ids}
    for pid, _ in old:
        if pid not in kept_ids:
            result[pid] = None
    ordered = dict(ids)
    ordered.update({pid: None for pid in result})
    return ordered
