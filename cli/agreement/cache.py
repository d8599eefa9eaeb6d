"""A cache of parsed input files: a command run again on unchanged files skips the YAML
parser, which is most of the start-up time of `agreement show`.

An entry is used only when the file's name and exact text, and the code that parsed it,
are those it was made from; anything else (one changed byte, another release, an
edited module, a damaged entry) reads the file afresh. Entries are written atomically,
one per file, so the cache stays as small as the set of files in use. A cache folder
that cannot be written is simply not used.

Nothing in the cache folder is trusted. An entry is a header, a keyed BLAKE2b tag and
a pickle of the model; the tag is made with a per-user secret key kept outside the
cache folder (`$XDG_CONFIG_HOME/agreement/cache.key`, 0600) and checked before a
single byte of the pickle is decoded, so an entry planted by anyone without the key
is a miss, never code run. Even a tagged entry is unpickled by an unpickler that can
build only the model's own record types (tuples and enums of this package) and dates,
and call nothing else. A cache folder (or key folder) that another user owns or can
write is refused, as ssh refuses a group-writable ~/.ssh: the run goes on uncached,
with one note. Entries are written 0600 in a folder created 0700. (Plain data rebuilt
into the model was measured against this: decoding it costs more than the parser it
saves, so the cache would no longer pay for itself.)

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

try:  # the pickle module's own machinery, without pickle.py and what it imports (start-up)
    import _pickle as pickle
except ImportError:  # pragma: no cover - a Python without the C accelerator
    import pickle  # type: ignore[no-redef]

T = TypeVar("T")
_PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL of every Python this runs on (3.8 and later)
_PACKAGE = Path(__file__).resolve().parent
_MAGIC = b"agreement cache 2\n"
_TAG = 32  # bytes of the keyed BLAKE2b tag after the header
_KEY = 32

refused: list[str] = []
"""Why the cache was not used in this run, for app.py to say once (at most one note)."""


def folder() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("AGREEMENT_NO_CACHE", "") not in ("", "0"):
        return None
    if os.environ.get("AGREEMENT_CACHE_DIR"):
        return Path(os.environ["AGREEMENT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "agreement"


def key_file() -> Path:
    """The per-user secret that tags entries: in the user's own configuration folder,
    never in the cache folder, which may be shared."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "agreement" / "cache.key"


def unsafe(where: Path) -> str | None:
    """Why a folder (or file) must not be trusted: another user owns it, or a user other
    than its owner can write it (a sticky bit is no excuse); None when it is safe or absent."""
    try:
        st = os.stat(where)
    except OSError:
        return None
    uid = os.geteuid() if hasattr(os, "geteuid") else st.st_uid
    if st.st_uid != uid:
        return f"{where} belongs to another user"
    if st.st_mode & 0o022:
        return f"{where} can be written by other users"
    return None


@lru_cache(maxsize=1)
def _key() -> bytes | None:
    """This user's secret key, made on first use; None (with a note) when it cannot be
    trusted, None (silently) when it cannot be made."""
    path = key_file()
    for where in (path.parent, path):
        why = unsafe(where)
        if why:
            return _refuse(f"{why} (chmod go-w, and 600 for the key)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return _make_key(path)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if st.st_mode & 0o077:
            return _refuse(f"the cache key {path} can be read by other users (chmod 600 it, or delete it)")
        key = f.read(_KEY + 1)
    if len(key) != _KEY:
        return _refuse(f"the cache key {path} is damaged (delete it: a new one is made)")
    return key


def _make_key(path: Path) -> bytes | None:
    """A new key, whole or not at all: written to a private temporary file and linked
    into place, so a run starting at the same moment reads either no key or this one."""
    import tempfile

    key = os.urandom(_KEY)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache.key.", dir=path.parent)  # 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(key)
            os.link(tmp, path)
        finally:
            os.unlink(tmp)
    except FileExistsError:  # another run made it a moment ago: use that one
        _key.cache_clear()
        return _key()
    except OSError:
        return None
    return key


def _refuse(why: str) -> None:
    if not refused:
        refused.append(f"the cache of parsed files is not used: {why}")
    return None


@lru_cache(maxsize=4)
def _trusted(where: Path) -> bool:
    """Whether this cache folder may be used: checked once a run, refused with one note."""
    why = unsafe(where)
    if why:
        _refuse(f"{why} (use a folder of your own, or chmod go-w it)")
        return False
    return _key() is not None


def _tag(key: bytes, name: str, payload: bytes) -> bytes:
    """A keyed BLAKE2b MAC (a keyed hash designed as a MAC, as strong as HMAC-SHA256)
    over the entry's name and payload. _blake2 directly: hashlib would load OpenSSL,
    which costs more start-up than the whole check."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(name.encode("utf-8", "surrogatepass") + b"\0" + payload, key=key, digest_size=_TAG).digest()


class _ModelUnpickler(pickle.Unpickler):
    """Builds only what an entry holds: this package's record tuples and enums, and
    dates. Anything else named by the pickle (a function, os.system) is refused."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("datetime", "date"):
            from datetime import date

            return date
        if module == "agreement" or module.startswith("agreement."):
            import sys
            from enum import Enum

            if module not in sys.modules:  # a module of this package, not yet imported in this run
                from importlib import import_module

                try:
                    import_module(module)
                except ImportError:
                    raise pickle.UnpicklingError(f"{module} is not a module of this package") from None
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and (issubclass(found, tuple) or issubclass(found, Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a cache entry")


@lru_cache(maxsize=1)
def _code_stamp() -> tuple:
    """What the parsed objects depend on: the version and every module that reads a file
    into the model or applies a change to it (the package's own, operations/, readers/ for
    documents and compiler/ for amendment documents)."""
    from . import __version__

    stamp = [__version__]
    for sub in (_PACKAGE, _PACKAGE / "operations", _PACKAGE / "readers", _PACKAGE / "compiler"):
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
    if not _trusted(where):
        return build()
    key = _key()
    assert key is not None  # _trusted says so
    keys = [(os.path.abspath(name), name) for name, _ in sources]  # the name given is in every error
    texts = [text for _, text in sources]
    entry = where / f"{kind}-{zlib.crc32(keys[0][0].encode('utf-8', 'surrogatepass')):08x}.pickle"
    stamp = _code_stamp()
    try:
        with open(entry, "rb") as f:
            data = f.read()
        head = len(_MAGIC)
        payload = memoryview(data)[head + _TAG :]
        # the header and the tag are checked before anything is decoded
        if data[:head] == _MAGIC and _equal(data[head : head + _TAG], _tag(key, entry.name, payload)):
            import io

            got_stamp, got_keys, got_texts, value = _ModelUnpickler(io.BytesIO(payload)).load()
            if got_stamp == stamp and got_keys == keys and got_texts == texts:
                return value
    except Exception:  # noqa: BLE001 - a missing, old, foreign or damaged entry is a miss, never an error
        pass
    value = build()
    payload = pickle.dumps((stamp, keys, texts, value), protocol=_PROTOCOL)
    _store(entry, _MAGIC + _tag(key, entry.name, payload) + payload)
    return value


def _equal(a: bytes, b: bytes) -> bool:
    """Compared in constant time, so the tag cannot be guessed a byte at a time (the
    function hmac.compare_digest is; importing hmac would load OpenSSL)."""
    try:
        from _operator import _compare_digest as compare_digest
    except ImportError:  # pragma: no cover - another Python
        from hmac import compare_digest

    return compare_digest(a, b)


def _store(entry: Path, data: bytes) -> None:
    import tempfile

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if unsafe(entry.parent):  # made by someone else between the check and now
            return
        fd, tmp = tempfile.mkstemp(  # 0600: only this user reads or writes an entry
            prefix=f".{entry.name}.", dir=entry.parent
        )
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full disk: the cache is an optimisation, never a requirement
