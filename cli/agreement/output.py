"""Writing outputs so that a reader never sees half a file and no input is overwritten."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, data: str | bytes, *, inputs: tuple[str, ...] = ()) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    Refuses to write over one of the `inputs`: the tool never writes into what it reads.
    """
    target = Path(path)
    for name in inputs:
        if name != "-" and Path(name).exists() and target.exists() and target.resolve() == Path(name).resolve():
            raise OutputError(
                f"{path} is one of the input files; the tool never writes into its inputs",
                hint="name another output file",
            )
    if target.is_dir():
        raise OutputError(f"{path} is a folder", hint="give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        os.fchmod(fd, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(e, OSError):
            raise OutputError(f"{path}: cannot be written ({e.strerror})") from None
        raise
