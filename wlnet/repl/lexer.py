"""A Pygments lexer for the Wolfram Language as wlnet reads it.

Our own rather than Pygments' ``MathematicaLexer`` because that one splits ``==`` and
``::`` into single characters, does not know ``%`` or ``*^`` numbers, ends a comment at
the first ``*)`` even when comments nest, and ends a string at an escaped quote. Symbol
names are highlighted as builtins when wlnet defines them (``BUILTINS``), so the
highlighting tells you what wlnet knows.
"""

from __future__ import annotations

import re

from pygments.lexer import RegexLexer
from pygments.token import (Comment, Name, Number, Operator, Punctuation, String, Text,
                            Whitespace)

from ..kernel.session import Session

_DIGITS = r"(?:\d+\.?\d*|\.\d+)"
_PRECISION = r"(?:``?[+-]?(?:\d+\.?\d*|\.\d+)?)?"
_SYMBOL = r"[A-Za-z$][A-Za-z0-9$]*(?:`[A-Za-z$][A-Za-z0-9$]*)*"

# Longest first, so that "===" is not read as "==" "=".
_OPERATORS = sorted("""
    === =!= == != <= >= := :> -> ^:= ^= += -= *= /= //. /. // /@ //@ @@@ @@ @* /* <> ~~
    && || ;; :: ++ -- ** . ' ? ! = < > + - * / ^ & | ; @ ~ :
""".split(), key=len, reverse=True)


def _builtin_names() -> frozenset[str]:
    """The builtin names (computed once: every builtin registers when the first Session
    is made, which the REPL does before it highlights anything)."""
    global _names
    if not _names:
        _names = frozenset(Session.builtin_names())
    return _names


_names: frozenset[str] = frozenset()


def _symbol(lexer, match):
    name = match.group()
    yield match.start(), Name.Builtin if name in _builtin_names() else Name, name


class WolframLexer(RegexLexer):
    name = "Wolfram Language (wlnet)"
    aliases = ["wlnet"]
    filenames = ["*.wl", "*.wlt"]

    tokens = {
        "root": [
            (r"\s+", Whitespace),
            (r"\(\*", Comment.Multiline, "comment"),
            (r'"', String, "string"),
            (r"\d+\^\^[0-9A-Za-z]*\.?[0-9A-Za-z]*" + _PRECISION + r"(?:\*\^[+-]?\d+)?",
             Number),
            (_DIGITS + _PRECISION + r"\*\^[+-]?\d+", Number.Float),
            (r"(?:\d+\.\d*|\.\d+)" + _PRECISION, Number.Float),
            (r"\d+" + _PRECISION, Number.Integer),
            (r"%(?:%+|\d+)?", Name.Variable.Magic),           # history: %, %%, %5
            (r"##?(?:\d+|[A-Za-z][A-Za-z0-9]*)?", Name.Variable.Magic),   # slots
            (r"(?:" + _SYMBOL + r")?_{1,3}(?:\.|" + _SYMBOL + r")?", Name.Variable),
            (_SYMBOL, _symbol),
            (r"<\||\|>|\[\[|\]\]|[\[\]{}(),]", Punctuation),
            ("|".join(map(re.escape, _OPERATORS)), Operator),
            (r".", Text),
        ],
        "comment": [
            (r"\(\*", Comment.Multiline, "#push"),
            (r"\*\)", Comment.Multiline, "#pop"),
            (r"[^(*]+|[(*]", Comment.Multiline),
        ],
        "string": [
            (r"\\.", String.Escape),
            (r'[^\\"]+', String),
            (r'"', String, "#pop"),
        ],
    }
