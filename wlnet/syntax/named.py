"""Wolfram's named characters (``\\[Alpha]``, ``\\[Rule]``, ...), read from the data file
``named_characters.tsv`` beside this module (its header names the source).

The table is loaded on first use only: input that is plain ASCII without ``\\[`` never
touches it, so start-up and the common parse path stay as fast as before.

A named character is the same character as its Unicode form: ``\\[Alpha]`` and ``α`` are
one letter, ``\\[Rule]`` (U+F522) and ``→`` (U+2192, how notebooks show a rule and what
code copied from them carries) are both ``->``. ``expand`` turns every ``\\[Name]`` of an
input into its character before lexing; the lexer then asks ``info`` what a non-ASCII
character is (letter-like, operator, white space).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["NamedChar", "table", "info", "char_of", "name_of", "expand", "UnknownName",
           "letter_chars", "operator_chars", "blank_chars", "newline_chars", "ARROW"]

ARROW = "\u2192"          # →, RightArrow: read as Rule (see docs/decisions.md)


class NamedChar(NamedTuple):
    name: str
    char: str
    kind: str             # L letter-like, O operator, S white space, A raw ASCII, N other
    ascii: str            # the ASCII operator it stands for ("->"), or "\s"/"\n" for S
    head: str             # operator head, or the symbol a letter-like constant stands for
    affix: str            # "infix" | "prefix" | "postfix" for operators
    precedence: int
    assoc: str            # "flat" | "left" | "right" | "none"


class UnknownName(Exception):
    """``\\[Name]`` with a name Wolfram does not have; ``pos`` is its offset."""

    def __init__(self, name: str, pos: int):
        super().__init__(name)
        self.name = name
        self.pos = pos


@lru_cache(maxsize=None)
def table() -> dict[str, NamedChar]:
    """Name -> NamedChar for every named character."""
    rows = {}
    path = Path(__file__).with_name("named_characters.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        f = line.split("\t") + [""] * 8
        rows[f[0]] = NamedChar(f[0], chr(int(f[1], 16)), f[2], f[3], f[4], f[5],
                               int(f[6]) if f[6] else 0, f[7] or "flat")
    return rows


@lru_cache(maxsize=None)
def _by_char() -> dict[str, NamedChar]:
    out = {}
    for nc in table().values():
        out.setdefault(nc.char, nc)
    out[ARROW] = table()["Rule"]._replace(char=ARROW)
    return out


def info(char: str) -> NamedChar | None:
    """What the character ``char`` is to the parser, or None if it has no name."""
    return _by_char().get(char)


def char_of(name: str) -> str | None:
    nc = table().get(name)
    return nc.char if nc else None


def name_of(char: str) -> str | None:
    nc = _by_char().get(char)
    return nc.name if nc and char != ARROW else None


def _chars(test) -> str:
    return "".join(sorted({nc.char for nc in table().values() if test(nc)}))


@lru_cache(maxsize=None)
def letter_chars() -> str:
    """Letter-like characters that Python's ``\\w`` does not already count as letters."""
    return _chars(lambda nc: nc.kind == "L" and not re.match(r"[^\W\d_]", nc.char))


@lru_cache(maxsize=None)
def operator_chars() -> str:
    return _chars(lambda nc: nc.kind == "O" and ord(nc.char) >= 0x80) + ARROW


@lru_cache(maxsize=None)
def blank_chars() -> str:
    return _chars(lambda nc: nc.kind == "S" and nc.ascii == "\\s" and ord(nc.char) >= 0x80)


@lru_cache(maxsize=None)
def newline_chars() -> str:
    return _chars(lambda nc: nc.kind == "S" and nc.ascii == "\\n" and ord(nc.char) >= 0x80)


_ESCAPE = re.compile(r"\\(?:\\|\[([A-Za-z0-9]*)\])")
_KEEP = frozenset('"\\')   # \[RawDoubleQuote], \[RawBackslash]: left for string_value


def expand(text: str) -> str:
    """``text`` with every ``\\[Name]`` replaced by its character (``\\\\`` is skipped, so
    ``"\\\\[Alpha]"`` keeps its escaped backslash). Raises UnknownName."""
    names = table()

    def replace(m):
        name = m.group(1)
        if name is None:
            return m.group()
        nc = names.get(name)
        if nc is None:
            raise UnknownName(name, m.start())
        return m.group() if nc.char in _KEEP else nc.char
    return _ESCAPE.sub(replace, text)
