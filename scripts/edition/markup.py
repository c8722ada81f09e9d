"""Editors' Markdown to safe HTML: rendered by the site's own Markdown, then cleaned by an allowlist.

Safety is guaranteed on what is produced, not by patterns on what is typed: whatever an editor
writes, only the elements, attributes and URL schemes listed here reach a page (nh3, the binding to
Rust's ammonia sanitizer). What the sanitizer would remove is also reported, so that an editor is
told, with file and line, instead of finding the words silently gone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3
from bs4 import BeautifulSoup

from .pages import address

# The Markdown the site itself is written in (mkdocs.yml's markdown_extensions; a test keeps them equal).
EXTENSIONS = ("admonition", "attr_list", "footnotes", "smarty", "tables", "toc")

ALLOWED_TAGS = frozenset({"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "sup", "sub", "q"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"https", "http"})
# A link to a page of the site, written as the page's Markdown path from the docs folder: glossary.md#joseph-stalin.
SITE_LINK = re.compile(r"^(?P<page>(?:[a-z0-9-]+/)*[a-z0-9-]+\.md)?(?:#(?P<anchor>[A-Za-z0-9_:-]+))?$")
_NAMES = {"img": "an image", "script": "a script", "iframe": "an embedded page", "style": "a style sheet"}


@dataclass(frozen=True)
class SiteLink:
    """A link from editors' text to a page of the site, checked once the pages are known."""

    page: str | None  # None: the page the text is shown on
    anchor: str | None


@dataclass(frozen=True)
class Rendered:
    html: str
    refused: tuple[str, ...]  # what the allowlist removed, said for an editor
    site_links: tuple[SiteLink, ...]


_MARKDOWN = markdown.Markdown(extensions=list(EXTENSIONS))


def render_markdown(text: str, page: str = "index.md", inline: bool = False, keep_links: bool = False) -> Rendered:
    """The editor's Markdown as clean HTML for a page at `page` (a path in the docs folder); keep_links
    leaves links to site pages as written (page.md#id), for an export to make them its own."""
    return _render(text, None if keep_links else page, inline)


def check_markdown(text: str) -> Rendered:
    """What the allowlist would remove from an editor's Markdown, and its links to pages of the site."""
    refused, site_links = _inspected(_raw(text))
    return Rendered("", tuple(refused), tuple(SiteLink(page, anchor) for page, anchor in site_links))


def _raw(text: str) -> str:
    """The text as the site's Markdown renders it, before the allowlist. Leading and trailing blank space is
    dropped here, for the check and the pages alike: a YAML block's final newline never makes a field's text
    a second one to render."""
    return _converted(text.strip())


# What a conversion depends on besides this module: the same text and Python-Markdown release give the same HTML.
CONVERTER = f"Python-Markdown {markdown.__version__}"


class _Kept:
    """A pure function's results, each made once: in this process, or by an earlier build with the same
    CONVERTER and this same module (the build keeps them in its cache, so an unchanged note is neither
    converted nor inspected again). Its values are JSON data, as the cache holds them.

    What comes from the cache is only ever the input to the allowlist, which every page's HTML passes."""

    def __init__(self, make: Callable[[str], Any], valid: Callable[[Any], bool]) -> None:
        self.make, self.valid = make, valid
        self.earlier: dict[str, Any] = {}
        self.made: dict[str, Any] = {}

    def __call__(self, key: str) -> Any:
        if key not in self.made:
            self.made[key] = self.earlier[key] if key in self.earlier else self.make(key)
        return self.made[key]

    def reuse(self, earlier: object) -> None:
        """Take what an earlier build made, leaving out anything not of the right shape."""
        if isinstance(earlier, dict):
            self.earlier.update((key, value) for key, value in earlier.items() if self.valid(value))

    def cache_clear(self) -> None:
        """Forget every result, as functools' memos do (make bench starts each run from nothing)."""
        self.earlier.clear()
        self.made.clear()


def _convert(text: str) -> str:
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text)


def _inspect_as_data(raw: str) -> list:
    refused, site_links = inspect(raw)
    return [refused, [[link.page, link.anchor] for link in site_links]]


def _is_inspection(value: object) -> bool:
    def optional_text(item: object) -> bool:
        return item is None or isinstance(item, str)

    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], list)
        and all(isinstance(item, str) for item in value[0])
        and isinstance(value[1], list)
        and all(isinstance(link, list) and len(link) == 2 and all(map(optional_text, link)) for link in value[1])
    )


_converted = _Kept(_convert, lambda html: isinstance(html, str))
_inspected = _Kept(_inspect_as_data, _is_inspection)


def reuse_conversions(earlier: object) -> None:
    """What an earlier build with this CONVERTER and module made (conversions_made's data, read back), to be taken
    instead of made again; whatever is not of the right shape is made anew."""
    if isinstance(earlier, dict):
        _converted.reuse(earlier.get("converted"))
        _inspected.reuse(earlier.get("inspected"))


def conversions_made() -> dict[str, dict[str, Any]]:
    """Every text converted and every conversion inspected in this process (or taken from an earlier build)."""
    return {"converted": dict(_converted.made), "inspected": dict(_inspected.made)}


@lru_cache(maxsize=4096)
def _render(text: str, page: str | None, inline: bool) -> Rendered:
    raw = _raw(text)
    clean = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=lambda tag, name, value: _filter_attribute(tag, name, value, page),
        link_rel="noopener",
        strip_comments=True,
    )
    if inline:
        clean = re.sub(r"^<p>(.*)</p>$", r"\1", clean.strip(), flags=re.DOTALL)
    return Rendered(clean, (), ())


def inspect(raw: str) -> tuple[list[str], list[SiteLink]]:
    """What in rendered HTML the allowlist would remove, and the links to pages of the site."""
    refused: list[str] = []
    site_links: list[SiteLink] = []
    for element in BeautifulSoup(raw, "html.parser").find_all(True):
        if element.name in ("html", "body"):
            continue
        if element.name not in ALLOWED_TAGS:
            refused.append(f"{_NAMES.get(element.name, f'the HTML element <{element.name}>')}")
            continue
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name not in ALLOWED_ATTRIBUTES.get(element.name, set()):
                refused.append(f'the HTML attribute {name}="{value[:40]}"')
            elif name == "href":
                link = _site_link(value)
                if link is not None:
                    site_links.append(link)
                elif urlsplit(value).scheme.lower() not in URL_SCHEMES or not urlsplit(value).netloc:
                    refused.append(f"a link to '{value[:60]}'")
    return refused, site_links


def _site_link(href: str) -> SiteLink | None:
    if href == "#":
        return SiteLink(None, None)
    match = SITE_LINK.match(href)
    if not match or not href:
        return None
    return SiteLink(match.group("page"), match.group("anchor"))


def _filter_attribute(tag: str, name: str, value: str, page: str | None) -> str | None:
    if name != "href":
        return value
    link = _site_link(value)
    if link is not None and page is None:
        return value
    if link is not None:
        return address(page, link.page) + (f"#{link.anchor}" if link.anchor else "") if link.page else value
    parts = urlsplit(value)
    return value if parts.scheme.lower() in URL_SCHEMES and parts.netloc else None


def text(value: str) -> str:
    """Plain text for HTML: nothing an editor types becomes markup."""
    return html.escape(value, quote=True)


def editor_html(markdown_text: str, page: str) -> str:
    """An editor's Markdown field as clean HTML for a page."""
    return render_markdown(markdown_text, page).html
