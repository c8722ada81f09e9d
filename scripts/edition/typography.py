"""Typography and escaping of plain text for the pages: curly quotes and spaced dashes, never a change of words."""

from __future__ import annotations

import re

from .model import TextRecord


def quoted_title(text: TextRecord) -> str:
    """The title in quotation marks, its own quotation marks turned to single ones: “On the ‘Left’ Danger”."""
    return "“" + typeset(text.title).replace("“", "‘").replace("”", "’") + "”"


def typeset(text: str, before: str = " ", after: str = " ") -> str:
    """Curly quotes and spaced em dashes; never a change of words. before/after: the neighbouring characters."""
    out = []
    for i, char in enumerate(text):
        previous = text[i - 1] if i else before
        following = text[i + 1] if i + 1 < len(text) else after
        if char == '"':
            out.append("“" if previous.isspace() or previous in "([—–" else "”")
        elif char == "'":
            out.append("‘" if previous.isspace() or previous in "([—–“" else "’")
        elif char == "—":
            out.append(("" if previous.isspace() else " ") + "—" + ("" if following.isspace() else " "))
        else:
            out.append(char)
    return "".join(out)


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
