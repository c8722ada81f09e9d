"""The edition's own stylesheets as the site serves them: minified, which saves a reader about a third of their
weight (docs/assets keeps the readable sources). The scripts are served as written: no minifier in Python
understands their template literals, and a wrong one would change what they say. Pure: bytes in, bytes out."""

from __future__ import annotations

import rcssmin


def published(name: str, data: bytes) -> bytes:
    """A hand-written file of docs/ as it is published: stylesheets minified, the rest as it is."""
    return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") if name.endswith(".css") else data
