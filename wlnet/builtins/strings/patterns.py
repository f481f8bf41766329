"""String patterns, and the builtins that match them: StringMatchQ, StringCases.

A string pattern (a literal, alternatives, ``RegularExpression``, ``a ~~ b``, character
classes such as ``DigitCharacter``, blanks ``_``, ``__`` and ``___``, named parts
``x:p`` or ``x__``, repeats ``p..``) compiles to one Python regular expression; a named
part becomes a named group, so a rule's right side can use what it matched.
"""

from __future__ import annotations

import re

from ...expr import TRUE, Expr, Integer, S, String, Symbol, make_list
from ...kernel import patterns
from ...kernel.builtin import builtin, declare
from ...kernel.limits import CHAR_BYTES, check_allocation
from ..common import boolean, operator_form

@builtin(attributes="Flat OneIdentity",
         usage="p1 ~~ p2 ~~ ... is a string pattern matching a piece that matches p1, then "
               "one that matches p2, and so on.")
def StringExpression(ev, expr):
    """Adjacent literal strings join (``"a" ~~ "b"`` is ``"ab"``), as in Wolfram; a
    pattern of strings alone is the string itself."""
    items = []
    for a in expr.args:
        if isinstance(a, String) and items and isinstance(items[-1], String):
            check_allocation(ev, expr, len(items[-1].value) + len(a.value), CHAR_BYTES)
            items[-1] = String(items[-1].value + a.value)
        else:
            items.append(a)
    if len(items) == 1 and isinstance(items[0], String):
        return items[0]
    return None if len(items) == len(expr.args) else Expr.make(S.StringExpression, items)

_CLASSES = {
    "DigitCharacter": r"\d", "LetterCharacter": r"[^\W\d_]", "WhitespaceCharacter": r"\s",
    "WordCharacter": r"[^\W_]", "PunctuationCharacter": r"[!-/:-@\[-`{-~]",
    "Whitespace": r"\s+", "NumberString": r"[+-]?(?:\d+\.?\d*|\.\d+)",
    "StartOfString": r"\A", "EndOfString": r"\Z", "StartOfLine": r"(?m:^)",
    "EndOfLine": r"(?m:$)", "WordBoundary": r"\b",
}
_BLANKS = {"Blank": ".", "BlankSequence": ".+", "BlankNullSequence": ".*"}


class _Unsupported(Exception):
    pass


def string_regex(p) -> str | None:
    """A Python regular expression for a string pattern, or None if unsupported."""
    try:
        return _regex(p, {})
    except _Unsupported:
        return None


def _regex(p, names: dict) -> str:
    if isinstance(p, String):
        return re.escape(p.value)
    if isinstance(p, Symbol) and p.name in _CLASSES:
        return _CLASSES[p.name]
    if not isinstance(p, Expr):
        raise _Unsupported
    head = p.head.name if isinstance(p.head, Symbol) else None
    if head == "RegularExpression" and len(p.args) == 1 and isinstance(p.args[0], String):
        try:            # an invalid one is unsupported, not an internal error
            re.compile(p.args[0].value)
        except (re.error, OverflowError, RecursionError):
            raise _Unsupported from None
        return p.args[0].value
    if head in ("List", "Alternatives") and p.args:
        return "|".join(f"(?:{_regex(x, names)})" for x in p.args)
    if head == "StringExpression":
        return "".join(f"(?:{_regex(x, names)})" for x in p.args)
    if head in _BLANKS and not p.args:
        return _BLANKS[head]
    if head in ("Repeated", "RepeatedNull") and len(p.args) == 1:
        return f"(?:{_regex(p.args[0], names)})" + ("+" if head == "Repeated" else "*")
    if head == "Pattern" and len(p.args) == 2 and isinstance(p.args[0], Symbol):
        name = p.args[0].name
        if name in names:                 # a second use must match the same text
            return f"(?P={names[name]})"
        group = names[name] = f"g{len(names)}"
        return f"(?P<{group}>{_regex(p.args[1], names)})"
    raise _Unsupported


def _compiled(p, flags=0):
    """(compiled regex, {group name: symbol}) for a string pattern; None if unsupported."""
    names: dict = {}
    try:
        return re.compile(_regex(p, names), flags | re.DOTALL), \
            {group: Symbol(name) for name, group in names.items()}
    except (_Unsupported, re.error):
        return None


def wildcard_regex(text: str) -> str:
    """The regex of an abbreviated string pattern: ``*`` any characters, ``@`` one or
    more characters that are not upper-case letters, ``\\*`` and ``\\@`` themselves."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "*@":
            out.append(re.escape(text[i + 1]))
            i += 2
            continue
        out.append(".*" if c == "*" else "[^A-Z]+" if c == "@" else re.escape(c))
        i += 1
    return "".join(out)


def _ignore_case(opts) -> int:
    return re.IGNORECASE if opts["IgnoreCase"] is TRUE else 0


_PATTERN_MESSAGES = {
    "strse": "String or list of strings expected at position `1` in `2`.",
    "patt": "`1` is not a string pattern wlnet can match.",
}


def _each_string(ev, expr, fn):
    """fn applied to the first argument, or to each string of a list of strings."""
    target = expr.args[0]
    if isinstance(target, String):
        return fn(target.value)
    if isinstance(target, Expr) and target.head is S.List and \
            all(isinstance(x, String) for x in target.args):
        return make_list(fn(x.value) for x in target.args)
    ev.message(expr.head.name, "strse", Integer(1), expr)
    return None


@builtin(argc=(1, 2), options={"IgnoreCase": Symbol("False")},
         messages=_PATTERN_MESSAGES,
         usage="StringMatchQ[\"s\", patt] gives True if the whole string s matches the string "
               "pattern patt; in a literal pattern, * stands for any characters and @ for "
               "characters that are not upper-case letters.\nStringMatchQ[{s1, s2, ...}, "
               "patt] tests each string.\nStringMatchQ[patt] is an operator form.")
def StringMatchQ(ev, expr):
    split = ev.split_options(expr, "StringMatchQ")
    if split is None:
        return None
    args, opts = split
    if len(args) != 2:
        return None
    patt = args[1]
    flags = _ignore_case(opts)
    if isinstance(patt, String):
        compiled = (re.compile(wildcard_regex(patt.value), flags | re.DOTALL), {})
    else:
        compiled = _compiled(patt, flags)
    if compiled is None:
        ev.message("StringMatchQ", "patt", patt)
        return None
    rx = compiled[0]
    return _each_string(ev, Expr.make(expr.head, args),
                        lambda s: boolean(rx.fullmatch(s) is not None))


operator_form("StringMatchQ")


def _case_rule(p):
    """(pattern, right side or None, delayed) of a StringCases pattern or rule."""
    if isinstance(p, Expr) and p.head in (S.Rule, S.RuleDelayed) and len(p.args) == 2:
        return p.args[0], p.args[1], p.head is S.RuleDelayed
    return p, None, False


@builtin(argc=(2, 3), options={"IgnoreCase": Symbol("False")}, messages=_PATTERN_MESSAGES,
         usage="StringCases[\"s\", patt] gives the list of the substrings of s that match "
               "the string pattern patt, left to right without overlaps.\nStringCases[\"s\", "
               "patt -> rhs] gives rhs for each match, with the named parts of patt replaced "
               "by what they matched.\nStringCases[\"s\", patt, n] gives at most n of them.")
def StringCases(ev, expr):
    split = ev.split_options(expr, "StringCases")
    if split is None:
        return None
    args, opts = split
    rules = args[1].args if isinstance(args[1], Expr) and args[1].head is S.List and \
        args[1].args and all(_case_rule(r)[1] is not None for r in args[1].args) \
        else [args[1]]
    limit = args[2].value if len(args) == 3 and isinstance(args[2], Integer) else None
    cases = []
    for rule in rules:
        patt, rhs, delayed = _case_rule(rule)
        compiled = _compiled(patt, _ignore_case(opts))
        if compiled is None:
            ev.message("StringCases", "patt", patt)
            return None
        cases.append((compiled, rhs))

    def find(s):
        out, pos = [], 0
        while pos <= len(s) and (limit is None or len(out) < limit):
            best = None
            for (rx, groups), rhs in cases:
                m = rx.search(s, pos)
                if m is not None and (best is None or m.start() < best[0].start()):
                    best = (m, groups, rhs)
            if best is None:
                break
            m, groups, rhs = best
            if rhs is None:
                out.append(String(m.group()))
            else:
                bindings = {sym: String(m.group(g)) for g, sym in groups.items()}
                out.append(ev.evaluate(patterns.substitute(rhs, bindings)))
            pos = m.end() if m.end() > m.start() else m.end() + 1
        return make_list(out)
    return _each_string(ev, Expr.make(expr.head, args), find)


# -- strings and character codes -----------------------------------------------------------


@builtin(argc=(2, 3), usage="StringRepeat[\"s\", n] gives s repeated n times.\n"
                            "StringRepeat[\"s\", n, max] stops at max characters.")
def StringRepeat(ev, expr):
    s, n = expr.args[:2]
    if not isinstance(s, String):
        ev.message("StringRepeat", "string", Integer(1), expr)
        return None
    for position, k in enumerate(expr.args[1:], 2):
        if not isinstance(k, Integer) or k.value < 1:
            ev.message("StringRepeat", "intp", expr, Integer(position))
            return None
    most = expr.args[2].value if len(expr.args) == 3 else None
    count = n.value if most is None else min(n.value, most // max(len(s.value), 1) + 1)
    check_allocation(ev, expr, count * len(s.value), CHAR_BYTES)
    return String((s.value * count)[:most])


@builtin(argc=1, usage="ToCharacterCode[\"s\"] gives the list of the Unicode character "
                       "codes of the characters of s.\nToCharacterCode[{s1, s2, ...}] gives "
                       "one list per string.")
def ToCharacterCode(ev, expr):
    return _each_string(ev, expr, lambda s: make_list(Integer(ord(c)) for c in s))


def _code_string(codes):
    return String("".join(chr(c.value) for c in codes))


@builtin(argc=1, messages={"notunicode": "`1` is not a valid Unicode character code or a list "
                                         "of them."},
         usage="FromCharacterCode[n] gives the one-character string with Unicode code n.\n"
               "FromCharacterCode[{n1, n2, ...}] gives the string of those characters, and "
               "FromCharacterCode[{{n11, ...}, ...}] a list of strings.")
def FromCharacterCode(ev, expr):
    e = expr.args[0]

    def valid(x):
        return isinstance(x, Integer) and 0 <= x.value <= 0x10FFFF

    if valid(e):
        return _code_string([e])
    if isinstance(e, Expr) and e.head is S.List:
        if all(valid(x) for x in e.args):
            return _code_string(e.args)
        if all(isinstance(x, Expr) and x.head is S.List and all(valid(y) for y in x.args)
               for x in e.args):
            return make_list(_code_string(x.args) for x in e.args)
    ev.message("FromCharacterCode", "notunicode", e)
    return None
