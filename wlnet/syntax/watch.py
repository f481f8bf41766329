"""What a long parse answers to: the caller's stop request and memory budget.

A 10 MB line is millions of tokens; the lexer, the LALR loop and the operator parser
call ``check`` every few thousand steps, so a parse stops at Ctrl-C (Interrupted) and
is refused before its tokens pass the caller's budget (InputTooLarge). ``parser.parse``
sets both for the parse it runs, on its own thread.
"""

from __future__ import annotations

import threading

__all__ = ["Interrupted", "InputTooLarge", "TOKEN_BYTES", "EVERY", "watching", "check",
           "check_tokens"]

# What a token costs while a statement is parsed (measured: 10 MB of ``1+1+...`` peaks at
# about 2.2 GB), so an input's memory can be refused before it is spent.
TOKEN_BYTES = 220
EVERY = 0x3FFF             # steps between two looks (a power of two minus one: a mask)


class Interrupted(Exception):
    """The caller asked the parse to stop (Ctrl-C during a long input)."""


class InputTooLarge(Exception):
    """Parsing the input would need more memory than the caller allows (``need`` bytes
    is a lower bound: the tokens counted so far)."""

    def __init__(self, need: int):
        super().__init__(f"{need:,} bytes")
        self.need = need


_state = threading.local()     # .interrupted (callable or None), .max_tokens (int or None)


class watching:
    """``with watching(interrupted, max_bytes):`` the checks of this thread's parse."""

    def __init__(self, interrupted=None, max_bytes: int | None = None):
        self.interrupted = interrupted
        self.max_tokens = None if max_bytes is None else max_bytes // TOKEN_BYTES

    def __enter__(self):
        self.saved = (getattr(_state, "interrupted", None), getattr(_state, "max_tokens", None))
        _state.interrupted, _state.max_tokens = self.interrupted, self.max_tokens
        return self

    def __exit__(self, *exc):
        _state.interrupted, _state.max_tokens = self.saved
        return False


def check() -> None:
    """Raise Interrupted if the caller of the running parse asked it to stop."""
    interrupted = getattr(_state, "interrupted", None)
    if interrupted is not None and interrupted():
        raise Interrupted()


def check_tokens(count: int) -> None:
    """``check``, and InputTooLarge once ``count`` tokens pass the caller's budget."""
    check()
    max_tokens = getattr(_state, "max_tokens", None)
    if max_tokens is not None and count > max_tokens:
        raise InputTooLarge(count * TOKEN_BYTES)
