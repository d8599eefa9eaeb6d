"""A cache of parsed input files: a command run again on unchanged files skips the YAML
parser, which is most of the start-up time of `agreement show`.

An entry is used only when the file's name and exact text, and the code that parsed it,
are those it was made from; anything else (one changed byte, another release, an
edited module, a damaged entry) reads the file afresh. Entries are written atomically,
one per file, so the cache stays as small as the set of files in use. A cache folder
that cannot be written is simply not used.

AGREEMENT_NO_CACHE=1 turns it off; AGREEMENT_CACHE_DIR moves it (default:
$XDG_CACHE_HOME/agreement, or ~/.cache/agreement).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent


def folder() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("AGREEMENT_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("AGREEMENT_CACHE_DIR"):
        return Path(os.environ["AGREEMENT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "agreement"


@lru_cache(maxsize=1)
def _code_stamp() -> tuple:
    """What the parsed objects depend on: the version and every module of the package."""
    from . import __version__

    stamp = [__version__]
    for sub in (_PACKAGE, _PACKAGE / "operations"):
        with os.scandir(sub) as entries:
            for e in entries:
                if e.name.endswith(".py"):
                    st = e.stat()
                    stamp.append((sub.name, e.name, st.st_mtime_ns, st.st_size))
    return tuple(sorted(stamp, key=str))


def cached(kind: str, name: str, text: str, build: Callable[[], T]) -> T:
    """`build()`'s result for this file, from the cache when name, text and code match."""
    return cached_many(kind, [(name, text)], build)


def cached_many(kind: str, sources: list[tuple[str, str]], build: Callable[[], T]) -> T:
    """`build()`'s result for these files (name, text), from the cache when every name and
    text, in order, and the code are those the entry was made from. One entry is kept per
    first file, so a changed input replaces its entry rather than adding one."""
    where = folder()
    if where is None or not sources or any(name == "<stdin>" for name, _ in sources):
        return build()
    import pickle

    keys = [(os.path.abspath(name), name) for name, _ in sources]  # the name given is in every error
    texts = [text for _, text in sources]
    entry = where / f"{kind}-{zlib.crc32(keys[0][0].encode('utf-8', 'surrogatepass')):08x}.pickle"
    stamp = _code_stamp()
    try:
        with open(entry, "rb") as f:
            got_stamp, got_keys, got_texts, value = pickle.load(f)
        if got_stamp == stamp and got_keys == keys and got_texts == texts:
            return value
    except Exception:  # noqa: BLE001 - a missing, old or damaged entry is a miss, never an error
        pass
    value = build()
    _store(entry, pickle.dumps((stamp, keys, texts, value), protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _store(entry: Path, data: bytes) -> None:
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full disk: the cache is an optimisation, never a requirement
