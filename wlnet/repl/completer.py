"""What Tab completes: builtin names, the user's symbols and option names outside strings;
the string property names of net objects (NetInformation, NetTrain results) inside one.

The names come from the Session (builtins register their property names with the
kernel), so completion needs no knowledge of nets. This module does not import prompt_toolkit (every session imports the net builtins, and
start-up should not pay for a terminal library); ``repl.app`` adapts ``completions``.
"""

from __future__ import annotations

import re


_WORD = re.compile(r"[A-Za-z$][A-Za-z0-9$]*\Z")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*("?)')


def completions(session, before_cursor: str) -> tuple[str, list[str]]:
    """The word being completed and the sorted names that extend it."""
    inside = _open_string(before_cursor)
    if inside is not None:
        prefix, names = inside, session.property_names()
    else:
        word = _WORD.search(before_cursor)
        prefix, names = (word.group(), symbol_names(session)) if word else ("", set())
    return prefix, sorted(n for n in names if n.startswith(prefix) and n != prefix)


def symbol_names(session) -> set[str]:
    return session.builtin_names() | session.option_names() | session.user_names()


def _open_string(text: str) -> str | None:
    """What follows the opening quote if ``text`` ends inside a string, else None."""
    last = None
    for last in _STRING.finditer(text):
        pass
    if last is None or last.group(1) or last.end() != len(text):
        return None
    return last.group()[1:]
