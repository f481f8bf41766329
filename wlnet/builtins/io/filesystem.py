"""The file layer under Export, Put, Import and Get: what may be read and written, and how.

Three rules keep files that are not ours safe.

- Only regular files are read or written. A device (``/dev/null``, ``/dev/zero``), a FIFO
  or a socket is refused with ``NotRegular`` before any byte moves: reading one could
  block forever or never end, and writing one by replacing it would destroy it. Files are
  opened with ``O_NONBLOCK`` and checked with ``fstat`` on the open descriptor, so even a
  FIFO put in place after the check cannot block.
- A write through a symbolic link writes the link's target (the link stays a link), and
  every write is atomic: the bytes go to a temporary file beside the target, which then
  replaces the target with ``os.replace``, so a failed or interrupted write leaves the old
  file or the new one, never a truncated one.
- Temporary files are named ``.wlnet-tmp-<pid>-<random>-<name>``. Every error and
  interrupt path removes its own; one left by a killed process (whose pid no longer runs)
  is removed by the next write into the same folder.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile

__all__ = ["NotRegular", "read_regular", "write_atomically", "TEMPORARY_PREFIX",
           "remove_stale_temporaries"]

TEMPORARY_PREFIX = ".wlnet-tmp-"
_TEMPORARY = re.compile(re.escape(TEMPORARY_PREFIX) + r"(\d+)-")
_KINDS = [(stat.S_ISDIR, "directory"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"), (stat.S_ISFIFO, "FIFO"),
          (stat.S_ISSOCK, "socket")]
_writing: set[str] = set()      # this process's temporaries being written right now


class NotRegular(Exception):
    """The path names something other than a regular file; ``kind`` says what."""

    def __init__(self, path: str, kind: str):
        super().__init__(f"{path} is a {kind}")
        self.path, self.kind = path, kind


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "special file")


def read_regular(path: str, max_bytes: int | None = None, too_big=None) -> bytes:
    """The bytes of the regular file at ``path``. NotRegular for anything else, OSError
    when it cannot be opened; ``too_big(size)`` is called (and should raise) before
    reading a file of more than ``max_bytes``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(path, _kind(info.st_mode))
        if max_bytes is not None and info.st_size > max_bytes and too_big is not None:
            too_big(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(info.st_size if max_bytes is None else max_bytes + 1)
    finally:
        os.close(fd)


def write_atomically(path: str, data: bytes, append: bool = False) -> None:
    """Write ``data`` (after the current contents when ``append``) to the regular file at
    ``path`` (or at the end of its symbolic links) through a temporary file and
    ``os.replace``. The new file keeps an existing file's permissions (else the umask's).
    NotRegular for a device, FIFO, socket or directory; OSError when it cannot be done."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise NotRegular(path, _kind(info.st_mode))
    directory = os.path.dirname(target)
    remove_stale_temporaries(directory)
    old = read_regular(target) if append and info is not None else b""
    fd, temporary = tempfile.mkstemp(
        dir=directory, prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-",
        suffix="-" + os.path.basename(target)[:64])
    _writing.add(temporary)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(old)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, info.st_mode & 0o777 if info is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise
    finally:
        _writing.discard(temporary)


def remove_stale_temporaries(directory: str) -> None:
    """Remove the temporaries in ``directory`` that no running write owns: those of
    processes that have ended, and this process's own that are not being written."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        m = _TEMPORARY.match(entry.name)
        if m is None or entry.path in _writing or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or not _running(pid):
            _remove(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True            # someone else's process (or a pid we cannot ask about)
    return True


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
