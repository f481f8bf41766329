"""What Tab completes: builtin names, the user's symbols and option names outside strings;
the string property names of net objects (NetInformation, NetTrain results) inside one.

Net builtins add their property names to ``PROPERTY_NAMES`` when they are imported, so
completion needs no knowledge of nets:

    from wlnet.repl.completer import PROPERTY_NAMES
    PROPERTY_NAMES.update({"Arrays", "ArraysCount", "LayersList"})

This module does not import prompt_toolkit (every session imports the net builtins, and
start-up should not pay for a terminal library); ``repl.app`` adapts ``completions``.
"""

from __future__ import annotations

import re

from ..kernel.builtin import BUILTINS

PROPERTY_NAMES: set[str] = set()

_WORD = re.compile(r"[A-Za-z$][A-Za-z0-9$]*\Z")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*("?)')


def completions(session, before_cursor: str) -> tuple[str, list[str]]:
    """The word being completed and the sorted names that extend it."""
    inside = _open_string(before_cursor)
    if inside is not None:
        prefix, names = inside, PROPERTY_NAMES
    else:
        word = _WORD.search(before_cursor)
        prefix, names = (word.group(), symbol_names(session)) if word else ("", set())
    return prefix, sorted(n for n in names if n.startswith(prefix) and n != prefix)


def symbol_names(session) -> set[str]:
    names = {sym.name for sym in BUILTINS}
    names.update(option for b in BUILTINS.values() for option in b.options)
    names.update(sym.name for sym in session.definitions.user_symbols())
    return names


def _open_string(text: str) -> str | None:
    """What follows the opening quote if ``text`` ends inside a string, else None."""
    last = None
    for last in _STRING.finditer(text):
        pass
    if last is None or last.group(1) or last.end() != len(text):
        return None
    return last.group()[1:]
