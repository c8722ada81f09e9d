"""Writing outputs so that no fault loses the last good one: folders built aside and swapped in whole.

On Linux the swap is one renameat2(RENAME_EXCHANGE) call, so at every instant the published folder
is either the old one or the new one, never a mix or nothing. Where that call is missing, the old
folder is renamed aside first and put back by the next build if a kill came between the two renames.
Leftovers of a killed build carry a recognisable prefix and are removed by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

ASIDE = ".aside-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)


def exchange(new: Path, target: Path) -> Path | None:
    """Put the folder `new` at `target` in one step; return where the old target now is (None if none)."""
    if not target.exists():
        os.replace(new, target)
        return None
    if _renameat2 is not None:
        result = _renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE)
        if result == 0:
            return new  # the old folder now stands where the new one was
        if ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(target))
    old = target.with_name(f"{ASIDE}old-{target.name}")
    os.replace(target, old)
    os.replace(new, target)
    return old


def aside(target: Path) -> Path:
    """A fresh folder beside target, on the same file system, for building the next version in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{ASIDE}{target.name}-", dir=target.parent))


def recover(target: Path) -> None:
    """Undo what a killed build left beside target: put a lost folder back, remove half-built ones."""
    old = target.with_name(f"{ASIDE}old-{target.name}")
    if old.exists() and not target.exists():
        os.replace(old, target)
    for leftover in target.parent.glob(f"{ASIDE}*{target.name}*"):
        remove(leftover)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Write every file into an empty folder."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_atomically(path: Path, data: bytes) -> None:
    """Write one file so that a reader finds the old contents or the new, never a part. The part written
    so far has a name no reader of the folder takes for the file (not even by its suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{ASIDE}{os.getpid()}-{path.name}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def update_tree(files: dict[str, bytes], target: Path) -> None:
    """Make target hold exactly these files, rewriting only what changed, each file replaced in one step.

    For the live preview, whose server watches the folder itself and would lose it if it were swapped."""
    target.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = target / name
        if path.is_file() and path.read_bytes() == data:
            continue
        write_atomically(path, data)
    wanted = {target / name for name in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def read_tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


class Busy(Exception):
    """Another build holds the lock and did not finish in time."""


@contextlib.contextmanager
def locked(lock_file: Path, wait: float = 600, said=print) -> Iterator[None]:
    """One build at a time: a second one waits for the first, saying so, then goes on."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            said("Another build of the edition is running; waiting for it to finish.")
            _wait_for(handle, wait)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wait_for(handle, wait: float) -> None:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        fcntl.flock(handle, fcntl.LOCK_EX)
        return

    def give_up(*_):
        raise Busy(f"another build held the lock for more than {wait:.0f} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, wait)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
