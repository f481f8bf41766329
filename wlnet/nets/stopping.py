"""Ctrl-C for the runtime: the stop request of the thread that runs a net.

The language sets a ``should_stop`` callable for the evaluation thread (``interruptible``);
the runtime looks at it between pieces of work (``check``) and raises Interrupted, which
the language turns into an Abort. Calls into C that cannot look themselves (importing
JAX, XLA compiling a net) run through ``abandon_on_stop``: on a thread of their own
while this one keeps looking, so Ctrl-C answers at once and the abandoned call finishes
in the background, its result dropped.
"""

from __future__ import annotations

import threading

from .errors import Interrupted

_watch = threading.local()
POLL_SECONDS = 0.05


def interruptible(should_stop) -> None:
    """While set (None unsets), ``check`` on this thread raises Interrupted as soon as
    ``should_stop()`` is true."""
    _watch.should_stop = should_stop


def check(should_stop=None) -> None:
    """Interrupted if ``should_stop`` (default: this thread's, if any) says stop."""
    should_stop = should_stop or getattr(_watch, "should_stop", None)
    if should_stop is not None and should_stop():
        raise Interrupted()


def abandon_on_stop(work, should_stop=None):
    """``work()``'s result (or its exception), computed on a thread of its own while this
    one checks the stop request every POLL_SECONDS; Interrupted as soon as it says stop.
    The thread is no daemon, so a process that ends meanwhile waits for it: a thread
    stopped inside XLA at exit aborts the process ("FATAL: exception not rethrown")."""
    should_stop = should_stop or getattr(_watch, "should_stop", None)
    if should_stop is None:
        return work()
    box: dict = {}

    def run():
        try:
            box["value"] = work()
        except BaseException as error:      # noqa: BLE001 (handed to the waiting thread)
            box["error"] = error

    worker = threading.Thread(target=run)
    worker.start()
    while worker.is_alive():
        worker.join(POLL_SECONDS)
        check(should_stop)
    if "error" in box:
        raise box["error"]
    return box["value"]
