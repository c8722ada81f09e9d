"""Editor-written Markdown for the exports: rendered as the site renders it, then held to an allowlist.

The same rendering and allowlist as the site's pages (markup.py), so an export can never carry more than
the pages do. Pure functions: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree, html

from . import markup


def markdown_html(text: str) -> str:
    """The Markdown as the site renders it, held to the site's allowlist (markup.py), links as written."""
    return markup.render_markdown(text, keep_links=True).html


def markdown_blocks(text: str, link: Callable[[str], str] = str) -> list[html.HtmlElement]:
    """The sanitized HTML as parsed elements, each block (a <p>, a list) one item; link rewrites each href."""
    holder = html.fragment_fromstring(markdown_html(text) or "<p></p>", create_parent="div")
    for anchor in holder.iter("a"):
        if anchor.get("href"):
            anchor.set("href", link(anchor.get("href")))
    if holder.text and holder.text.strip():  # loose text outside a block: give it one
        paragraph = html.Element("p")
        paragraph.text, holder.text = holder.text, None
        holder.insert(0, paragraph)
    return list(holder)


def markdown_xhtml(text: str, link: Callable[[str], str] = str) -> str:
    """The sanitized HTML serialised as XML, to sit inside an XHTML document (EPUB) as it is."""
    return "".join(etree.tostring(block, method="xml", encoding="unicode") for block in markdown_blocks(text, link))


def site_link(href: str, glossary: str) -> str:
    """A link written for the site ("glossary.md#x", "../glossary.md#x") as the export's own address
    of that entry (glossary + "x"); any other address is kept."""
    page, _, fragment = href.rpartition("#")
    if page.rsplit("/", 1)[-1] == "glossary.md" and fragment:
        return glossary + fragment
    return href
