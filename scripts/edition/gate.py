"""The last check: read every page of the built site and refuse it if anything live or foreign is there.

It holds whatever happened before it (a check bypassed, a renderer's surprise): no script inside a
page's content and none loaded from anywhere but the site's own files, no event-handler attribute,
no javascript:, data: or vbscript: address, and nothing (src, srcset, poster, a stylesheet, a
font, a CSS url()) fetched from another host. It reads the site and writes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .model import Problem

_LIVE_SCHEMES = ("javascript", "data", "vbscript")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "background", "xlink:href", "cite")
_LOADS = ("src", "poster", "data", "background")
_LOADING_LINKS = {"stylesheet", "preload", "prefetch", "icon", "modulepreload", "manifest", "apple-touch-icon"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)|@import\s+['\"]([^'\"]+)", re.IGNORECASE)
# Where the renderer puts a page's own content: editors' words only ever land inside it.
_CONTENT = ("article",)
_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=True)


def check_site(site: Path, site_url: str, name: str = "site") -> list[Problem]:
    problems = []
    own_host = urlsplit(site_url).netloc
    for path in sorted(site.rglob("*.html")):
        page = f"{name}/{path.relative_to(site).as_posix()}"
        html = path.read_text(encoding="utf-8", errors="replace")
        problems += check_page(html, page, own_host, _Files(site, urlsplit(site_url).path, path))
    for path in sorted(site.rglob("*.css")):
        page = f"{name}/{path.relative_to(site).as_posix()}"
        problems += _check_css(path.read_text(encoding="utf-8", errors="replace"), page, own_host, "the style sheet")
    return problems


class _Files:
    """The site's own files, to tell a script of the site from one that merely has a local-looking address."""

    def __init__(self, site: Path, base_path: str, page: Path):
        self.site, self.base_path, self.page = site.resolve(), base_path, page

    def has(self, address: str) -> bool:
        if address.startswith("/"):
            if not address.startswith(self.base_path):
                return False
            target = self.site / address[len(self.base_path) :]
        else:
            target = self.page.parent / address
        target = target.resolve()
        return target.is_file() and target.is_relative_to(self.site)


def check_page(html: str, page: str, own_host: str, own_files: _Files | None = None) -> list[Problem]:
    """Every fault of one page, each naming the element. The page is parsed by libxml2's HTML parser and its
    tree walked as lxml gives it: a BeautifulSoup tree on top of the same parser costs ten times as much."""
    root = etree.fromstring(html.encode("utf-8"), _PARSER) if html.strip() else None
    problems = []

    def refuse(element, why: str) -> None:
        shown = etree.tostring(element, encoding="unicode", method="html", with_tail=False)[:100].replace("\n", " ")
        problems.append(
            Problem(page, element.sourceline, f"{why}: {shown}", "the site was not published; see the element above.")
        )

    for element in root.iter(etree.Element) if root is not None else ():
        name = element.tag.lower()
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on"):
                refuse(element, f"an event-handler attribute '{attribute}'")
            elif attribute.lower() in _URL_ATTRIBUTES or attribute.lower() == "srcset":
                for url in _urls(attribute, value):
                    scheme = urlsplit(url.strip()).scheme.lower()
                    if scheme in _LIVE_SCHEMES:
                        refuse(element, f"a {scheme}: address in '{attribute}'")
                    elif _loads(element, attribute) and _foreign(url, own_host):
                        refuse(element, f"'{attribute}' loads from another host")
            elif attribute.lower() == "style":
                problems += _check_css(value, page, own_host, f"the style of <{name}>", element.sourceline)
        if name == "script":
            _check_script(element, refuse, own_files)
        elif name == "style":
            problems += _check_css("".join(element.itertext()), page, own_host, "a <style> element", element.sourceline)
        elif name in ("iframe", "object", "embed", "frame", "base"):
            refuse(element, f"a <{name}> element")
        elif name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            refuse(element, "a refresh that sends the reader elsewhere")
    return problems


def _check_script(element, refuse, own_files: _Files | None) -> None:
    kind = (element.get("type") or "").lower()
    if kind in ("application/json", "application/ld+json"):
        return  # data, never run
    source = element.get("src")
    if source is None:
        if any(parent.tag.lower() in _CONTENT for parent in element.iterancestors()):
            refuse(element, "a script inside the page's content")
        return
    parts = urlsplit(source)
    if parts.scheme or parts.netloc:
        refuse(element, "a script from another address")
    elif own_files is not None and not own_files.has(parts.path):
        refuse(element, "a script that is not one of the site's own files")


def _urls(attribute: str, value: str) -> list[str]:
    if attribute.lower() == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value]


def _loads(element, attribute: str) -> bool:
    if attribute.lower() in _LOADS or attribute.lower() == "srcset":
        return True
    if element.tag.lower() == "link" and attribute.lower() == "href":
        return bool(_LOADING_LINKS & set((element.get("rel") or "").lower().split()))
    return False


def _foreign(url: str, own_host: str) -> bool:
    host = urlsplit(urljoin("https://site.invalid/", url.strip())).netloc
    return host not in ("site.invalid", own_host)


def _check_css(css: str, page: str, own_host: str, where: str, line: int | None = None) -> list[Problem]:
    problems = []
    for match in _CSS_URL.finditer(css):
        url = match.group(1) or match.group(2)
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("javascript", "vbscript") or _foreign(url, own_host) and scheme != "data":
            problems.append(
                Problem(
                    page,
                    line,
                    f"{where} loads '{url[:80]}' from another host.",
                    "the edition fetches nothing from another host: vendor the file into docs/assets/.",
                )
            )
    return problems
