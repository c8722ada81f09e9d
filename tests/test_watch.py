"""`make serve` regenerates the pages when an editor saves an annotation, and keeps them when it is broken."""

import threading
import time

from edition.build import watch


def wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_saving_an_annotation_regenerates_the_pages_and_a_broken_one_leaves_them(project, capsys):
    glossary = project.generated / "glossary.md"
    places = project.annotations / "places.yml"
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(project, 0.05, stop), daemon=True)
    watcher.start()
    try:
        assert wait_for(glossary.exists), "the first pass writes the pages"
        places.write_text(
            places.read_text(encoding="utf-8").replace("City on the Neva", "The city on the Neva"), encoding="utf-8"
        )
        assert wait_for(lambda: "The city on the Neva" in glossary.read_text(encoding="utf-8"))
        before = glossary.read_bytes()
        places.write_text(places.read_text(encoding="utf-8") + "- kind: plaec\n", encoding="utf-8")
        assert wait_for(lambda: "unknown kind 'plaec'" in capsys.readouterr().out)
        assert glossary.read_bytes() == before, "a broken annotation must leave the last good pages"
    finally:
        stop.set()
        watcher.join(5)
