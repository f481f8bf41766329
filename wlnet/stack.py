"""Deep recursion without crashes: the threads with a big stack that every walk over an
expression runs on.

Evaluation, ordering, pattern matching and printing recurse once per level of an
expression, and an expression can be as deep as ``Nest[Hold, 1, 10^6]`` makes it. In
CPython a recursion that passes through C code (``str.join`` over a generator, a
``sorted`` key, a builtin calling back into Python) uses the C stack, and when that runs
out the process dies with a segmentation fault, long before ``sys.getrecursionlimit()``
frames. The remedy is to run such walks only on threads whose stack is big enough for
the recursion limit: there the limit is what runs out, as a ``RecursionError`` that the
caller turns into a message (``$RecursionLimit::reclim2``) or a Skeleton (``<<1>>``).

``RECURSION_LIMIT`` frames in ``STACK_BYTES`` leave about 8 KB of C stack to a frame,
several times what the deepest C-level recursion of CPython needs. The main thread keeps
its small stack, so nothing that recurses over an expression may run there: the session
evaluates (and parses) on its worker, and the printers hop here through ``on_big_stack``.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

__all__ = ["STACK_BYTES", "RECURSION_LIMIT", "big_stack_executor", "on_big_stack",
           "on_a_big_stack"]

STACK_BYTES = 512 * 1024 * 1024
RECURSION_LIMIT = 60_000

_marks = threading.local()       # .big is True on the threads made here
_lock = threading.Lock()
_printer: ThreadPoolExecutor | None = None


def _mark() -> None:
    _marks.big = True


def on_a_big_stack() -> bool:
    """Whether the calling thread is one of the big-stack threads."""
    return getattr(_marks, "big", False)


def big_stack_executor(name: str) -> ThreadPoolExecutor:
    """A one-thread pool whose thread has ``STACK_BYTES`` of stack, started at once (the
    size applies to threads created while it is set), with the recursion limit raised to
    what such a stack holds."""
    with _lock:
        old = threading.stack_size()
        threading.stack_size(STACK_BYTES)
        try:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name,
                                      initializer=_mark)
            pool.submit(lambda: None).result()
        finally:
            threading.stack_size(old)
        sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    return pool


def on_big_stack(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, run on a big-stack thread unless the caller is on one.
    Exceptions (RecursionError included) reach the caller as if the call were local."""
    global _printer
    if on_a_big_stack():
        return fn(*args, **kwargs)
    if _printer is None:
        pool = big_stack_executor("wlnet-deep")
        with _lock:
            if _printer is None:
                _printer = pool
            else:
                pool.shutdown(wait=False)
    return _printer.submit(fn, *args, **kwargs).result()
