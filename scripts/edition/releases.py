"""Releases of the edition and what changed between them, paragraph by paragraph.

Each release keeps a manifest (manifest/releases/VERSION.json): a hash of every paragraph's text and of
every note and claim, with the paragraph it stands on. A citation made from an older release names
its version in the address (?v=1.0.0); the build publishes, for every earlier release, which paragraphs
have changed since and how (changes.json), and the page tells a reader who arrives by such a link.
"""

from __future__ import annotations

import hashlib
import json

from . import markup
from .dates import format_date
from .model import Edition

CHANGES_FILE = "changes.json"


def _hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def release_manifest(edition: Edition) -> dict:
    """The hashes a release is recorded by."""
    return {
        "version": edition.record.version,
        "released": edition.record.released,
        "paragraphs": {p.id: _hash(p.text) for p in edition.essay.paragraphs},
        "notes": {
            p.note.id: {"paragraph": p.span.paragraph_id, "sha256": _hash(p.note.note + "\n\n" + (p.note.after or ""))}
            for p in edition.placements.notes
        },
        "claims": {
            p.claim.id: {
                "paragraph": p.span.paragraph_id,
                "sha256": _hash(
                    " ".join((p.claim.claim, p.claim.then.note, p.claim.now.note, p.claim.now.verdict or ""))
                ),
            }
            for p in edition.placements.claims
        },
    }


def changes_since(earlier: dict, current: dict) -> dict[str, dict]:
    """For each paragraph that changed since the earlier release: text changed, notes and claims added,
    revised, removed (by id)."""
    changed: dict[str, dict] = {}

    def mark(pid: str, key: str, value) -> None:
        entry = changed.setdefault(pid, {"text": False, "notes": {}, "claims": {}})
        if key == "text":
            entry["text"] = True
        else:
            kind, ident = key
            entry[kind].setdefault(value, []).append(ident)

    for pid, digest in current["paragraphs"].items():
        if earlier["paragraphs"].get(pid) != digest:
            mark(pid, "text", None)
    for kind in ("notes", "claims"):
        before, now = earlier.get(kind, {}), current[kind]
        for ident, item in now.items():
            if ident not in before:
                mark(item["paragraph"], (kind, ident), "added")
            elif before[ident]["sha256"] != item["sha256"]:
                mark(item["paragraph"], (kind, ident), "revised")
        for ident, item in before.items():
            if ident not in now:
                mark(item["paragraph"], (kind, ident), "removed")
    return changed


def changes_file(edition: Edition, manifests: list[dict]) -> bytes:
    current = release_manifest(edition)
    data = {
        "current": current["version"],
        "released": current["released"],
        "since": {
            m["version"]: {"released": m["released"], "paragraphs": changes_since(m, current)}
            for m in manifests
            if m["version"] != current["version"]
        },
    }
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def render_versions_page(edition: Edition, manifests: list[dict], changelog: str) -> str:
    """The releases, newest first, with what changed in each and, per paragraph, since each earlier one."""
    record = edition.record
    current = release_manifest(edition)
    lines = [
        "---",
        'title: "Versions and changes"',
        'description: "Every release of the edition, what changed in each, and how old citations learn of it."',
        "---",
        "",
        "# Versions and changes",
        "",
        f"This is version **{markup.text(record.version)}**, released {format_date(record.released)}. Each"
        " release records a hash of every paragraph’s text and of every note and claim. A link copied with"
        " “Copy link” or “Cite” carries the version it was made from (`?v=…`); a reader who follows it to a"
        " paragraph whose text, notes or claims have changed since is told so on arrival, with what changed.",
        "",
    ]
    for manifest in manifests:
        if manifest["version"] == current["version"]:
            continue
        changed = changes_since(manifest, current)
        text = sum(1 for c in changed.values() if c["text"])
        counts = {
            (kind, how): sum(len(c[kind].get(how, [])) for c in changed.values())
            for kind in ("notes", "claims")
            for how in ("added", "revised", "removed")
        }
        said = ", ".join(f"{n} {kind} {how}" for (kind, how), n in counts.items() if n)
        lines.append(
            f"- Since {manifest['version']} ({format_date(manifest['released'])}): {len(changed)} paragraphs"
            f" changed: {text} in their text, and {said or 'no notes or claims'}."
        )
    body = changelog.split("\n", 1)[1].strip() if changelog.startswith("# ") else changelog.strip()
    lines += ["", "## Changelog", "", body.replace("\n## ", "\n### "), ""]
    return "\n".join(lines)
