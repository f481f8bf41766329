"""Strings: joining, splitting, replacing, taking parts, case, tests, and the conversions
ToString / ToExpression / IntegerString.

String patterns compile to Python regular expressions (``strings.patterns``).
"""

from __future__ import annotations

import re

from ...expr import FALSE, Expr, Integer, S, String, is_list
from ...kernel.builtin import builtin
from ...kernel.limits import CHAR_BYTES, check_allocation
from ..common import boolean, operator_form
from ..lists.elements import run_positions
from .patterns import _ignore_case, string_regex

_STRSE = {"strse": "`2` needs a string or a list of strings at position `1`."}


def _string_items(e):
    """The strings of a string or a (nested) list of strings, or None."""
    if isinstance(e, String):
        return [e.value]
    if is_list(e):
        out = []
        for x in e.args:
            inner = _string_items(x)
            if inner is None:
                return None
            out.extend(inner)
        return out
    return None


@builtin(attributes="Flat OneIdentity",
         usage="\"s1\" <> \"s2\" <> ... or StringJoin[\"s1\", \"s2\", ...] gives the "
               "strings joined together.")
def StringJoin(ev, expr):
    """s1 <> s2 <> ...: the strings (and lists of strings) concatenated."""
    parts = []
    for i, a in enumerate(expr.args):
        items = _string_items(a)
        if items is None:
            ev.message("StringJoin", "string", Integer(i + 1), expr)
            return None
        parts.extend(items)
    check_allocation(ev, expr, sum(map(len, parts)), CHAR_BYTES)
    return String("".join(parts))


def _on_strings(ev, expr, fn, position=1):
    """fn(str) for a string argument, a list of results for a list of strings, else None
    after ``strse``. Used by the string functions that thread over lists without being
    Listable."""
    target = expr.args[position - 1]
    if isinstance(target, String):
        return fn(target.value)
    if is_list(target) and all(isinstance(x, String) for x in target.args):
        results = [fn(x.value) for x in target.args]
        return None if None in results else Expr.make(S.List, results)
    ev.message(expr.head.name, "strse", Integer(position), expr)
    return None


def _listable_string(name, fn, usage):
    """Register a Listable one-string function that says ``name::string`` for a non-string."""
    def builtin_fn(ev, expr):
        s = expr.args[0]
        if not isinstance(s, String):
            ev.message(name, "string", Integer(1), expr)
            return None
        return fn(s.value)
    builtin(name, attributes="Listable", argc=1, usage=usage)(builtin_fn)


_listable_string("StringLength", lambda s: Integer(len(s)), 
                 "StringLength[\"string\"] gives the number of characters in the string.")
_listable_string("StringReverse", lambda s: String(s[::-1]), 
                 "StringReverse[\"string\"] gives the characters of the string in reverse "
                 "order.")
_listable_string("ToUpperCase", lambda s: String(s.upper()), 
                 "ToUpperCase[\"string\"] gives the string with every letter in upper case.")
_listable_string("ToLowerCase", lambda s: String(s.lower()), 
                 "ToLowerCase[\"string\"] gives the string with every letter in lower case.")
_listable_string("Characters", lambda s: Expr.make(S.List, [String(c) for c in s]),
                 "Characters[\"string\"] gives the list of the characters of the string.")


@builtin(argc=1,
         usage="StringQ[expr] gives True if expr is a string, and False otherwise.")
def StringQ(ev, expr):
    return boolean(isinstance(expr.args[0], String))


@builtin(argc=(1, 3), messages=_STRSE,
         usage="StringSplit[\"string\"] splits the string into the pieces between runs of "
               "whitespace.\nStringSplit[\"string\", patt] splits it at the pieces that "
               "match patt.")
def StringSplit(ev, expr):
    """StringSplit[s] splits at whitespace; StringSplit[s, sep] at sep (a string, list of
    strings, RegularExpression); empty pieces at the ends are dropped unless the last
    argument is All."""
    args = list(expr.args)
    keep_ends = args[-1] is S.All
    if keep_ends:
        args.pop()
    sep = string_regex(args[1]) if len(args) >= 2 else r"\s+"
    if sep is None:
        return None

    def split(s):
        pieces = re.split(sep, s) if s else [""]
        if not keep_ends:
            while pieces and pieces[0] == "":
                pieces.pop(0)
            while pieces and pieces[-1] == "":
                pieces.pop()
        return Expr.make(S.List, [String(x) for x in pieces])
    return _on_strings(ev, expr, split)


def _replacement(rules):
    """(regex, [(regex of lhs, replacement string)]) for string rules, or None."""
    rules = rules.args if is_list(rules) else (rules,)
    compiled = []
    for r in rules:
        if not (isinstance(r, Expr) and r.head in (S.Rule, S.RuleDelayed) and len(r.args) == 2):
            return None
        lhs, rhs = string_regex(r.args[0]), r.args[1]
        if lhs is None or not isinstance(rhs, String):
            return None
        compiled.append((re.compile(lhs), rhs.value))
    return compiled


@builtin(argc=(1, 3), messages={**_STRSE, "srep": "`1` is not a valid string replacement "
                                                  "rule."},
         options={"IgnoreCase": FALSE},
         usage="StringReplace[\"string\", s -> sp] replaces each piece of the "
               "string that matches s by sp.\nStringReplace[\"string\", {s1 -> "
               "sp1, ...}] uses several rules, and StringReplace[\"string\", "
               "rules, n] replaces at most n pieces.")
def StringReplace(ev, expr):
    """StringReplace[s, "a" -> "b"] or a list of rules: non-overlapping matches, left to
    right, the first rule that matches at a position wins; a third argument limits the
    number of replacements."""
    split = ev.split_options(expr, "StringReplace", first_option=2)
    if split is None or len(split[0]) < 2:
        return None
    args, opts = split
    compiled = _replacement(args[1])
    if compiled is None:
        ev.message("StringReplace", "srep", args[1])
        return None
    flags = _ignore_case(opts)
    combined = re.compile("|".join(f"({r.pattern})" for r, _ in compiled), flags)
    limit = args[2].value if len(args) == 3 and isinstance(args[2], Integer) else 0

    def replace(s):
        def sub(m):
            for k, (_, new) in enumerate(compiled):
                if m.group(k + 1) is not None:
                    return new
            return m.group(0)
        return String(combined.sub(sub, s, count=limit))
    return _on_strings(ev, expr, replace)


operator_form("StringReplace")


def _string_test(name, make_regex, usage):
    """Register name[s, pattern] (and its operator form) as a regex search on s."""
    def test(ev, expr):
        if len(expr.args) < 2:
            return None
        split = ev.split_options(expr, name, first_option=2)
        if split is None:
            return None
        p, opts = split[0][1], split[1]
        pattern = string_regex(p)
        if pattern is None:
            return None
        rx = re.compile(make_regex(pattern), _ignore_case(opts))
        return _on_strings(ev, expr, lambda text: boolean(rx.search(text) is not None))
    builtin(name, argc=(1, 3), options={"IgnoreCase": FALSE}, messages=_STRSE, usage=usage)(test)
    operator_form(name)


_string_test("StringContainsQ", lambda p: f"(?:{p})",
             "StringContainsQ[\"string\", patt] gives True if a part of the string matches "
             "the string pattern patt.")
_string_test("StringStartsQ", lambda p: f"^(?:{p})",
             "StringStartsQ[\"string\", patt] gives True if the string starts with a piece "
             "that matches the string pattern patt.")
_string_test("StringEndsQ", lambda p: f"(?:{p})\\Z",
             "StringEndsQ[\"string\", patt] gives True if the string ends with a piece "
             "that matches the string pattern patt.")


# -- parts of strings --------------------------------------------------------------------


def _string_run(ev, expr, keep: bool):
    """StringTake (keep) or StringDrop with a Take-style sequence specification."""
    name, tag = ("StringTake", "take") if keep else ("StringDrop", "drop")
    spec = expr.args[1]

    def cut(s):
        positions = run_positions(ev, name, tag, String(s), spec, expr)
        if positions is None:
            return None
        if keep:
            return String("".join(s[i] for i in positions))
        dropped = set(positions)
        return String("".join(c for i, c in enumerate(s) if i not in dropped))
    return _on_strings(ev, expr, cut)


@builtin(argc=2, messages=_STRSE,
         usage="StringTake[\"string\", n] gives the first n characters of the string, and "
               "StringTake[\"string\", -n] the last n.\nStringTake[\"string\", {m, n}] or "
               "StringTake[\"string\", m ;; n] gives the characters m through n.")
def StringTake(ev, expr):
    """StringTake[s, n], [s, -n], [s, {m}], [s, {m, n}], [s, {m, n, k}]."""
    return _string_run(ev, expr, True)


@builtin(argc=2, messages=_STRSE,
         usage="StringDrop[\"string\", n] gives the string without its first n characters, "
               "and StringDrop[\"string\", -n] without its last n.\nStringDrop[\"string\", "
               "{m, n}] or StringDrop[\"string\", m ;; n] drops the characters m through n.")
def StringDrop(ev, expr):
    """StringDrop[s, n], [s, -n], [s, {m}], [s, {m, n}], [s, {m, n, k}]."""
    return _string_run(ev, expr, False)


# -- conversions -------------------------------------------------------------------------


def to_text(e, form=None) -> str:
    """The text ToString gives: a string is itself; otherwise OutputForm on one line of
    unlimited width (form wrappers inside laid out as the terminal does), or
    InputForm/FullForm when asked; ToString[e, TableForm] is ToString[TableForm[e]]."""
    if isinstance(e, String) and form in (None, S.OutputForm):
        return e.value
    if form in (S.TableForm, S.MatrixForm, S.Short, S.Shallow, S.NumberForm):
        e = Expr(form, e)
    if form is S.InputForm:
        from ...format.inputform import input_form
        return input_form(e)
    if form is S.FullForm:
        from ...format.fullform import full_form
        return full_form(e)
    from ...format.outputform import linear_output_form
    return linear_output_form(e)


@builtin(argc=(1, 2),
         usage="ToString[expr] gives the text of expr, as it would print, as a "
               "string.\nToString[expr, form] gives the text of expr in the form form.")
def ToString(ev, expr):
    """ToString[expr] or ToString[expr, form]: the text of expr as a String."""
    return String(to_text(expr.args[0], expr.args[1] if len(expr.args) == 2 else None))


@builtin(argc=(1, 2),
         usage="TextString[expr] gives the text of expr as a string, as it would print.")
def TextString(ev, expr):
    """TextString[expr]: plain text of expr (as ToString, strings unquoted)."""
    return String(to_text(expr.args[0]))


def _riffle_text(e, seps, level):
    if not is_list(e):
        return to_text(e)
    sep = seps[min(level, len(seps) - 1)]
    left, middle, right = sep if isinstance(sep, tuple) else ("", sep, "")
    return left + middle.join(_riffle_text(x, seps, level + 1) for x in e.args) + right


def _separator(spec):
    """A separator string, or (left, middle, right) from {l, sep, r}; None if invalid."""
    if isinstance(spec, String):
        return spec.value
    if is_list(spec) and len(spec.args) == 3 and all(isinstance(x, String) for x in spec.args):
        return tuple(x.value for x in spec.args)
    return None


@builtin(argc=(1, None),
         usage="StringRiffle[{s1, s2, ...}] gives the strings joined with spaces between "
               "them.\nStringRiffle[list, sep] puts sep between them.")
def StringRiffle(ev, expr):
    """StringRiffle[list] joins with spaces (a matrix: rows by newlines); StringRiffle[list,
    sep1, sep2, ...] gives the separator for each level ({l, sep, r} adds ends)."""
    e = expr.args[0]
    if not is_list(e):
        ev.message("StringRiffle", "list", expr, Integer(1))
        return None
    if len(expr.args) > 1:
        seps = [_separator(x) for x in expr.args[1:]]
        if None in seps:
            return None
    else:
        nested = any(is_list(x) for x in e.args)
        seps = ["\n", " "] if nested else [" "]
    return String(_riffle_text(e, seps, 0))


@builtin(argc=(1, 3), messages={
    "sntxi": "Incomplete expression; more input is needed: `1`.",
    "sntx": "Invalid syntax in or before `1`.",
    "notstr": "The format type `1` is valid only for string input."},
         usage="ToExpression[\"input\"] gives the expression that the text input "
               "stands for, evaluated.\nToExpression[\"input\", form, h] wraps the "
               "expression in h before it is evaluated.")
def ToExpression(ev, expr):
    """ToExpression["text"]: the text parsed and evaluated (the last of several
    expressions); ToExpression[text, form, h] wraps the parse in h before evaluating.
    A syntax error gives a message and $Failed."""
    from ...kernel.limits import parse_input
    from ...syntax.parser import SyntaxProblem
    source = expr.args[0]
    if not isinstance(source, String):
        return source if len(expr.args) == 1 else None
    try:
        parsed = parse_input(ev, source.value)
    except SyntaxProblem as problem:
        tag = "sntxi" if problem.tag == "sntxi" else "sntx"
        ev.message("ToExpression", tag, String(source.value))
        return S["$Failed"]
    if len(expr.args) == 3:
        wrap = expr.args[2]
        return Expr.make(wrap, parsed) if parsed else Expr(wrap, S.Null)
    result = S.Null
    for e in parsed:
        result = ev.evaluate(e)
    return result


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@builtin(attributes="Listable", argc=(1, 3),
         usage="IntegerString[n] gives the digits of the integer n as a "
               "string.\nIntegerString[n, b] uses base b, and IntegerString[n, b, len] "
               "pads with zeros to len digits.")
def IntegerString(ev, expr):
    """IntegerString[n, b, len]: the digits of |n| in base b (default 10), padded with
    zeros (or cut) to len digits."""
    n = expr.args[0]
    base = expr.args[1] if len(expr.args) >= 2 else Integer(10)
    if not (isinstance(n, Integer) and isinstance(base, Integer) and 2 <= base.value <= 36):
        return None
    value, digits = abs(n.value), []
    while True:
        value, d = divmod(value, base.value)
        digits.append(_DIGITS[d])
        if not value:
            break
    text = "".join(reversed(digits))
    if len(expr.args) == 3:
        width = expr.args[2]
        if not (isinstance(width, Integer) and width.value >= 0):
            return None
        text = text.rjust(width.value, "0")[-width.value:] if width.value else ""
    return String(text)

