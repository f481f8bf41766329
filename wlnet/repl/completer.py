"""Tab completion: builtin names, the user's symbols and option names outside strings;
the string property names of net objects (NetInformation, NetTrain results) inside one.

Net builtins add their property names to ``PROPERTY_NAMES`` when they are imported, so
the completer needs no knowledge of nets:

    from wlnet.repl.completer import PROPERTY_NAMES
    PROPERTY_NAMES.update({"Arrays", "ArraysCount", "LayersList"})
"""

from __future__ import annotations

import re

from prompt_toolkit.completion import Completer, Completion

from ..kernel.builtin import BUILTINS

PROPERTY_NAMES: set[str] = set()

_WORD = re.compile(r"[A-Za-z$][A-Za-z0-9$]*\Z")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*("?)')


class WolframCompleter(Completer):
    """Completes the word before the cursor from what ``session`` knows right now."""

    def __init__(self, session):
        self.session = session

    def get_completions(self, document, complete_event):
        before = document.text_before_cursor
        inside = _open_string(before)
        if inside is not None:
            prefix, names = inside, PROPERTY_NAMES
        else:
            word = _WORD.search(before)
            if not word:
                return
            prefix, names = word.group(), self.symbol_names()
        for name in sorted(n for n in names if n.startswith(prefix) and n != prefix):
            yield Completion(name, start_position=-len(prefix))

    def symbol_names(self) -> set[str]:
        names = {sym.name for sym in BUILTINS}
        names.update(option for b in BUILTINS.values() for option in b.options)
        names.update(sym.name for sym in self.session.definitions.user_symbols())
        return names


def _open_string(text: str) -> str | None:
    """What follows the opening quote if ``text`` ends inside a string, else None."""
    last = None
    for m in _STRING.finditer(text):
        last = m
    if last is None or last.group(1) or last.end() != len(text):
        return None
    return last.group()[1:]
