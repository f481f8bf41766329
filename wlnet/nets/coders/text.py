"""NetEncoder "Characters" and "Tokens": strings to sequences of integer codes.

* "Characters": each character to its position in a table (default: tab, newline and
  the printable ASCII characters 32..126, 97 in all), or to a unit vector
  ("UnitVector"); "IgnoreCase" -> True codes a letter's two cases alike.
* "Tokens": each token (a word, or a punctuation character) to its position in a
  vocabulary; a token not in it gets the code d+1 (d the vocabulary's size);
  "IgnoreCase" -> True (the default) compares them in lower case. wlnet has no built-in
  language vocabulary (NetEncoder["Tokens"] is English in Wolfram): give the tokens.

Both give a sequence per string: a port of shape {"Varying"} (or {"Varying", n}).
"""
import re

import numpy as np

from ..arguments import Boolean, Choice, Param, Strings
from ..shapes import VARYING
from .base import CoderError, Encoder, register, unit_vectors

DEFAULT_ALPHABET = ("\t", "\n") + tuple(chr(c) for c in range(32, 127))
TOKEN = re.compile(r"\w+|[^\w\s]")


@register
class CharactersEncoder(Encoder):
    """NetEncoder[{"Characters", table, form}]: a string to a sequence of codes."""

    kind = "Characters"
    usage_kind = "string"
    takes = "string"
    arguments = (Param("Encoding", Strings(characters=True, optional=True),
                       what="the character table"),
                 Param("OutputForm", Choice("Index", "UnitVector"), default="Index",
                       what="the output form"))
    options = (Param("IgnoreCase", Boolean(), default=False, what="IgnoreCase"),)

    def validate(self):
        table = self.alphabet
        codes = {c: i for i, c in enumerate(table, 1)}
        if self.params["IgnoreCase"]:
            for c, i in list(codes.items()):
                codes.setdefault(c.lower(), i)
                codes.setdefault(c.upper(), i)
        self._codes = codes
        self.index_count = len(table)

    @property
    def alphabet(self) -> tuple:
        return self.params["Encoding"] or DEFAULT_ALPHABET

    def parameters(self):
        return {**self.params, "Encoding": self.alphabet}

    @property
    def shape(self):
        return (VARYING, len(self.alphabet)) if self.params["OutputForm"] != "Index" \
            else (VARYING,)

    def encode(self, values):
        out = []
        for s in values:
            if not isinstance(s, str) or any(c not in self._codes for c in s):
                raise CoderError("the input is not a string of the characters in the table")
            codes = np.array([self._codes[c] for c in s], dtype=np.int64)
            out.append(unit_vectors(codes, len(self.alphabet))
                       if self.params["OutputForm"] != "Index" else codes)
        return out


@register
class TokensEncoder(Encoder):
    """NetEncoder[{"Tokens", {token1, ...}}]: a string to a sequence of token codes."""

    kind = "Tokens"
    usage_kind = "string"
    takes = "string"
    arguments = (Param("Tokens", Strings(), required=True, what="the tokens"),)
    options = (Param("IgnoreCase", Boolean(), default=True, what="IgnoreCase"),)

    def validate(self):
        fold = str.lower if self.params["IgnoreCase"] else str
        self._codes = {}
        for i, token in enumerate(self.params["Tokens"], 1):
            self._codes.setdefault(fold(token), i)
        self._fold = fold
        self.index_count = len(self.params["Tokens"]) + 1

    @property
    def shape(self):
        return (VARYING,)

    def encode(self, values):
        unknown = self.index_count
        out = []
        for s in values:
            if not isinstance(s, str):
                raise CoderError("the input is not a string")
            out.append(np.array([self._codes.get(self._fold(t), unknown)
                                 for t in TOKEN.findall(s)], dtype=np.int64))
        return out
