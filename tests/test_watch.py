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
    glossary = project.generated / "glossary" / "index.md"
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
        good = places.read_text(encoding="utf-8")
        places.write_text(good + "- kind: plaec\n", encoding="utf-8")
        assert wait_for(lambda: "unknown kind 'plaec'" in glossary.read_text(encoding="utf-8")), "the page says why"
        shown = glossary.read_text(encoding="utf-8")
        assert "this page is the last good one" in shown and "The city on the Neva" in shown
        assert "unknown kind 'plaec'" in capsys.readouterr().out
        places.write_text(good.replace("The city on the Neva", "The city on the river Neva"), encoding="utf-8")
        assert wait_for(lambda: "The city on the river Neva" in glossary.read_text(encoding="utf-8"))
        assert "edition-problems" not in glossary.read_text(encoding="utf-8"), "a fixed file clears the banner"
    finally:
        stop.set()
        watcher.join(5)
