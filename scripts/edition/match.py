"""Place the annotations on the essay: mentions of entries, passage notes, emendations.

Nothing here reports: what cannot be placed comes back as Problems for the caller to show.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator

from .model import (
    Annotations,
    Claim,
    ClaimPlacement,
    Emendation,
    EmendationPlacement,
    Entry,
    Essay,
    Mention,
    Note,
    NotePlacement,
    Placements,
    Problem,
    Span,
    paragraph_number,
)
from .yamlfile import excerpt

# Quote marks and apostrophes are matched whatever their shape, so a quote copied from the reading
# text (curly) or from the source (mostly straight) finds the same words.
_POSSESSIVE = r"(?:['’]s)?"
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_SENTENCE_START = re.compile(r"(^|[.?!:]\s*[\"“]?\s*|[\"“])$")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def place_annotations(essay: Essay, annotations: Annotations) -> tuple[Placements, list[Problem]]:
    finder = QuoteFinder(essay)
    emendations, problems = place_emendations(essay, annotations.emendations, finder)
    notes, note_problems = place_notes(essay, annotations.notes, finder)
    claims, claim_problems = place_claims(essay, annotations.claims, finder)
    mentions, mention_problems = place_mentions(essay, annotations.entries, [e.span for e in emendations])
    problems += note_problems + claim_problems + mention_problems + overlapping_emendations(emendations)
    placements = Placements(
        mentions=tuple(mentions),
        notes=tuple(notes),
        emendations=tuple(emendations),
        claims=tuple(claims),
        unlisted_names=tuple(find_unlisted_names(essay, mentions)),
    )
    return placements, problems


def alias_pattern(aliases: list[str]) -> re.Pattern[str]:
    """One pattern for every alias, on word boundaries, possessive included; the longest alias that fits wins.

    The aliases are compiled as a trie ("Stalin(?:ism|ist)?"), so the cost of a match grows with the
    length of the text, not with the number of entries: a collection of essays stays fast.
    """
    return re.compile(rf"(?<![\w-])({_trie(sorted(set(aliases)))}){_POSSESSIVE}(?![\w-])")


def _trie(words: list[str]) -> str:
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy: the longer alias is tried first, and the shorter one only if the longer does not fit.
    return f"(?:{body})?" if ends_here else body


def place_mentions(
    essay: Essay, entries: tuple[Entry, ...], reserved: list[Span] = ()
) -> tuple[list[Mention], list[Problem]]:
    problems: list[Problem] = []
    owner: dict[str, Entry] = {}
    for entry in entries:
        for alias in entry.aliases:
            if alias in owner:
                first = owner[alias]
                problems.append(
                    Problem(
                        entry.file,
                        entry.line,
                        f"entry '{entry.id}': alias '{alias}' is already claimed by entry '{first.id}'"
                        f" ({first.file}:{first.line}).",
                        "an alias may belong to one entry only; give the more specific entry a longer alias.",
                    )
                )
            else:
                owner[alias] = entry
    if not owner:
        return [], problems
    pattern = alias_pattern(list(owner))
    whole_text = "\n".join(
        [essay.title, essay.byline, essay.publication_line, *(p.text for p in essay.paragraphs), *essay.back_matter]
    )
    found = {m.group(1) for m in pattern.finditer(whole_text)}
    for alias, entry in owner.items():
        if alias not in found:
            problems.append(_missing_alias(entry, alias, whole_text))

    mentions: list[Mention] = []
    blocked = defaultdict(list)
    for span in reserved:
        blocked[span.paragraph_id].append(span)
    for paragraph in essay.paragraphs:
        seen: set[str] = set()
        for match in pattern.finditer(paragraph.text):
            span = Span(paragraph.id, match.start(), match.end())
            if any(s.start < span.end and span.start < s.end for s in blocked[paragraph.id]):
                continue
            entry = owner[match.group(1)]
            mentions.append(Mention(entry.id, span, match.group(0), entry.id not in seen))
            seen.add(entry.id)
    return mentions, problems


def _missing_alias(entry: Entry, alias: str, text: str) -> Problem:
    lowered = [m.group(0) for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, re.IGNORECASE)]
    if lowered:
        hint = f"aliases are case-sensitive and whole words; the essay has '{lowered[0]}'."
    else:
        words = set(re.findall(r"[\w'’-]+", text))
        close = difflib.get_close_matches(alias, sorted(words), n=1, cutoff=0.75)
        hint = (
            f"aliases must match the essay's spelling exactly (the essay has '{close[0]}')."
            if close
            else "aliases must match the essay's spelling exactly, case included."
        )
    return Problem(entry.file, entry.line, f"entry '{entry.id}': alias '{alias}' occurs nowhere in the essay.", hint)


class QuoteFinder:
    """Finds quotes in the essay's paragraphs, folded once and indexed by their words.

    A quote is whole words: it never starts or ends inside a word, so "aids" is not found in "raids",
    and the rarest of its words leads straight to the paragraphs that can hold it."""

    def __init__(self, essay: Essay):
        self.paragraphs = [(p.id, fold(p.text)) for p in essay.paragraphs]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for index, (_, text) in enumerate(self.paragraphs):
            for word in set(_WORD.findall(text)):
                self.by_word[word].append(index)

    def occurrences(self, quote: str) -> Iterator[tuple[int, int]]:
        """(paragraph index, offset) of every occurrence of the quote as whole words."""
        words = _WORD.findall(quote)
        if words:
            candidates = self.by_word.get(min(words, key=lambda word: len(self.by_word.get(word, ()))), ())
        else:
            candidates = range(len(self.paragraphs))  # punctuation only: rare, and short
        for index in candidates:
            text = self.paragraphs[index][1]
            start = text.find(quote)
            while start != -1:
                end = start + len(quote)
                if not (_joins_word(text, start - 1, quote[0]) or _joins_word(text, end, quote[-1])):
                    yield index, start
                start = text.find(quote, start + 1)

    def find(self, quote: str, prefix: str = "", suffix: str = "") -> list[Span]:
        """Every place where quote stands in one paragraph with the given words before and after it."""
        quote, prefix, suffix = fold(quote), fold(prefix), fold(suffix)
        if not quote:
            return []
        spans = []
        for index, start in self.occurrences(quote):
            paragraph_id, text = self.paragraphs[index]
            end = start + len(quote)
            if text[:start].endswith(prefix) and text[end:].startswith(suffix):
                spans.append(Span(paragraph_id, start, end))
        return spans


def _joins_word(text: str, at: int, edge: str) -> bool:
    """Whether text[at], next to a quote's edge character, would make that edge part of a longer word."""
    return 0 <= at < len(text) and _is_word(edge) and _is_word(text[at])


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_quote(essay: Essay, quote: str, prefix: str = "", suffix: str = "") -> list[Span]:
    """Every place where quote stands in one paragraph with the given words before and after it."""
    return QuoteFinder(essay).find(quote, prefix, suffix)


def _quote_problem(
    item: Note | Emendation | Claim, what: str, quote: str, spans: list[Span], essay: Essay
) -> Problem | None:
    noun = {Note: "note", Claim: "claim"}.get(type(item), "emendation")
    label = f"{noun} '{item.id}'"
    if len(spans) == 1:
        return None
    if not spans:
        nearest = _nearest(essay, quote)
        hint = f"the nearest words in the essay are '{nearest[1]}' (¶{nearest[0]})." if nearest else None
        return Problem(item.file, item.line, f"{label}: the {what} '{excerpt(quote)}' is not found in the essay.", hint)
    where = ", ".join(f"¶{paragraph_number(s.paragraph_id)}" for s in spans)
    return Problem(
        item.file,
        item.line,
        f"{label}: the {what} '{excerpt(quote)}' occurs {len(spans)} times ({where}).",
        "add 'prefix' or 'suffix' (the words just before or after) to say which one is meant.",
    )


def _nearest(essay: Essay, quote: str) -> tuple[int, str] | None:
    best: tuple[float, int, str] | None = None
    folded = fold(quote)
    for paragraph in essay.paragraphs:
        text = fold(paragraph.text)
        matcher = difflib.SequenceMatcher(None, text, folded, autojunk=False)
        block = matcher.find_longest_match(0, len(text), 0, len(folded))
        if block.size == 0:
            continue
        start = max(0, block.a - block.b)
        end = min(len(text), start + len(quote))
        while start > 0 and text[start - 1].isalnum():  # widen to whole words
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        candidate = paragraph.text[start:end]
        ratio = difflib.SequenceMatcher(None, fold(candidate), folded).ratio()
        if best is None or ratio > best[0]:
            best = (ratio, paragraph.number, candidate)
    return (best[1], best[2]) if best and best[0] > 0.6 else None


def anchor_by_quote(
    essay: Essay, items: tuple[Note, ...] | tuple[Claim, ...], finder: QuoteFinder
) -> tuple[list[tuple[Note | Claim, Span]], list[Problem]]:
    """Each item on its quoted words, in the order of the essay; what cannot be found comes back as problems."""
    problems = []
    placed = []
    for item in items:
        spans = finder.find(item.quote, item.prefix, item.suffix)
        problem = _quote_problem(item, "quote", item.quote, spans, essay)
        if problem:
            problems.append(problem)
        else:
            placed.append((item, spans[0]))
    order = {p.id: i for i, p in enumerate(essay.paragraphs)}
    placed.sort(key=lambda pair: (order[pair[1].paragraph_id], pair[1].end, pair[1].start))
    return placed, problems


def place_notes(
    essay: Essay, notes: tuple[Note, ...], finder: QuoteFinder | None = None
) -> tuple[list[NotePlacement], list[Problem]]:
    placed, problems = anchor_by_quote(essay, notes, finder or QuoteFinder(essay))
    for (first, a), (second, b) in zip(placed, placed[1:], strict=False):
        if a.paragraph_id == b.paragraph_id and b.start < a.end:
            problems.append(
                Problem(
                    second.file,
                    second.line,
                    f"note '{second.id}': its quote overlaps the quote of note '{first.id}'"
                    f" ({first.file}:{first.line}).",
                    "shorten one of the quotes so that each note marks its own words.",
                )
            )
    return [NotePlacement(note, span, number) for number, (note, span) in enumerate(placed, start=1)], problems


def place_claims(
    essay: Essay, claims: tuple[Claim, ...], finder: QuoteFinder | None = None
) -> tuple[list[ClaimPlacement], list[Problem]]:
    """Claims are anchored as notes are; they may overlap notes, names and each other."""
    placed, problems = anchor_by_quote(essay, claims, finder or QuoteFinder(essay))
    return [ClaimPlacement(claim, span, number) for number, (claim, span) in enumerate(placed, start=1)], problems


def overlapping_emendations(placed: list[EmendationPlacement]) -> list[Problem]:
    problems = []
    ordered = sorted(placed, key=lambda p: (p.span.paragraph_id, p.span.start))
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.span.paragraph_id == second.span.paragraph_id and second.span.start < first.span.end:
            em = second.emendation
            problems.append(
                Problem(
                    em.file,
                    em.line,
                    f"emendation '{em.id}': its words overlap those of emendation '{first.emendation.id}'"
                    f" ({first.emendation.file}:{first.emendation.line}).",
                    "emend each word once: join the two into one emendation, or narrow one of them.",
                )
            )
    return problems


def place_emendations(
    essay: Essay, emendations: tuple[Emendation, ...], finder: QuoteFinder | None = None
) -> tuple[list[EmendationPlacement], list[Problem]]:
    finder = finder or QuoteFinder(essay)
    problems = []
    placed = []
    for emendation in emendations:
        spans = finder.find(emendation.sic, emendation.prefix, emendation.suffix)
        problem = _quote_problem(emendation, "text", emendation.sic, spans, essay)
        if problem:
            problems.append(problem)
        else:
            placed.append(EmendationPlacement(emendation, spans[0]))
    return placed, problems


def find_unlisted_names(essay: Essay, mentions: list[Mention]) -> list[str]:
    """Capitalised words inside sentences that no entry covers: candidates for new entries."""
    covered = defaultdict(list)
    for mention in mentions:
        covered[mention.span.paragraph_id].append(mention.span)
    names = set()
    for paragraph in essay.paragraphs:
        for match in _CAPITALISED.finditer(paragraph.text):
            word = re.sub(r"['’]s$", "", match.group(0))
            if word == "I" or _SENTENCE_START.search(paragraph.text, max(0, match.start() - 8), match.start()):
                continue
            if any(s.start <= match.start() < s.end for s in covered[paragraph.id]):
                continue
            names.add(word)
    return sorted(names)
