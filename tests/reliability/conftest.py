"""Shared harness for the reliability tests: evaluate hostile input under a watchdog.

Every test here makes the same three promises about ``Session.evaluate``: it returns (no
Python exception escapes), it reports no ``General::interr`` (an internal error is always
a wlnet bug), and it comes back in bounded time because ``session.interrupt()`` (what
Ctrl-C does) stops it. The harness checks all three, so tests only state what is special
about their input.
"""

from __future__ import annotations

import threading
import time

import pytest

from wlnet.format.inputform import input_form
from wlnet.kernel.session import Session

# After the interrupt, how long evaluation may take to notice it before the case is
# declared hung (it then holds the single evaluation thread, so the run stops there).
GRACE_SECONDS = 10.0


class Hung(AssertionError):
    """The evaluation ignored session.interrupt() for GRACE_SECONDS."""


def evaluate_guarded(session: Session, text: str, seconds: float = 2.0):
    """Evaluate ``text``; after ``seconds`` keep interrupting until it returns.

    The interrupt is repeated because each top-level expression clears the abort flag
    when it starts, so one request could land between two statements and be lost.
    Returns the Outputs; raises Hung, or AssertionError naming any internal error.
    """
    box: dict = {}

    def run():
        try:
            box["outs"] = session.evaluate(text)
        except BaseException as error:      # noqa: BLE001 (the promise under test)
            box["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    deadline = time.monotonic() + GRACE_SECONDS
    while worker.is_alive() and time.monotonic() < deadline:
        session.interrupt()
        worker.join(0.05)
    if worker.is_alive():
        raise Hung(f"evaluation ignored the interrupt for {GRACE_SECONDS}s: {text!r}")
    if "error" in box:
        raise AssertionError(f"Session.evaluate raised {box['error']!r} for {text!r}")
    outs = box["outs"]
    internal = [m for o in outs for m in o.messages if m.name == "General::interr"]
    assert not internal, f"internal error for {text!r}: {internal[0].args}"
    return outs


def still_usable(session: Session) -> None:
    """The session still evaluates after whatever came before."""
    outs = evaluate_guarded(session, "1 + 1", seconds=5.0)
    assert [o.result for o in outs] and input_form(outs[-1].result) == "2"


class Guarded:
    """``run("code")`` evaluates under the watchdog and gives the last Output;
    ``timed("code")`` also gives the seconds it took; ``names("code")`` lists the
    ``Symbol::tag`` of every message."""

    def __init__(self, seed: int = 1):
        self.session = Session(seed=seed)

    def run(self, text: str, seconds: float = 5.0):
        outs = evaluate_guarded(self.session, text, seconds)
        assert outs, text
        return outs[-1]

    def timed(self, text: str, seconds: float = 5.0):
        """(the last Output, seconds the evaluation took): for promises of promptness."""
        start = time.monotonic()
        out = self.run(text, seconds)
        return out, time.monotonic() - start

    def text(self, code: str, seconds: float = 5.0) -> str:
        out = self.run(code, seconds)
        return input_form(out.value if out.value is not None else out.result)

    def names(self, code: str, seconds: float = 5.0) -> list[str]:
        outs = evaluate_guarded(self.session, code, seconds)
        return [m.name for o in outs for m in o.messages]


@pytest.fixture
def guarded():
    g = Guarded()
    yield g
    still_usable(g.session)


@pytest.fixture
def files(tmp_path, monkeypatch):
    """A guarded session working in its own temporary folder (``files.dir``)."""
    monkeypatch.chdir(tmp_path)
    g = Guarded()
    g.dir = tmp_path
    return g
