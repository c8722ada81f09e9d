"""Sources cited as what they are: a book by author, title, place, publisher, year and page; a paper's
article by its headline, paper and day; a page of a reference work by its title and address."""

from __future__ import annotations

import re

from . import markup
from .dates import format_date
from .model import Source
from .pages import UNINDEXED
from .typography import typeset


def cite_source(source: Source) -> str:
    """A source as HTML, cited as what it is: Author, *Title* (Place: Publisher, Year), pages."""
    e = markup.text
    title = e(typeset(source.title))
    author = f"{e(source.author)}, " if source.author else ""
    container = e(typeset(source.container)) if source.container else ""
    year = format_date(source.date) if source.date else ""
    imprint = ", ".join(part for part in (e(source.place or ""), e(source.publisher or "")) if part)
    imprint = ": ".join(part for part in (e(source.place or ""), e(source.publisher or "")) if part)
    pages = f", {'pp.' if re.search(r'[–,-]', source.pages) else 'p.'} {e(source.pages)}" if source.pages else ""
    if source.type == "book":
        facts = ", ".join(part for part in (imprint, year) if part)
        text = f"{author}<cite>{title}</cite>" + (f" ({facts})" if facts else "") + pages
    elif source.type in ("chapter", "article"):
        facts = ", ".join(part for part in (imprint, year) if part)
        text = f"{author}“{title}”" + (f", in <cite>{container}</cite>" if container else "")
        text += (f" ({facts})" if facts else "") + pages
    elif source.type in ("press", "document"):
        text = f"{author}“{title}”" + (f", <cite>{container}</cite>" if container else "")
        text += (f", {year}" if year else "") + pages
    else:
        text = f"{author}“{title}”" + (f", <cite>{container}</cite>" if container else "")
    if source.url:
        link = source.via or ("online" if source.type not in ("reference", "web") else "")
        href = e(source.url)
        if link:
            text += f' (<a href="{href}">{e(link)}</a>)'
        else:
            text = f'<a href="{href}">{text}</a>'
    return text + "."


def sources_html(sources: tuple[Source, ...]) -> str:
    return f'<p class="sources" {UNINDEXED}>Sources: ' + " ".join(cite_source(s) for s in sources) + "</p>"
