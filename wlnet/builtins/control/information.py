"""Introspection for people learning: Information (``?f``, ``??f``, ``?Net*``), Names,
Definition, FullDefinition and Options.

What a symbol is known by comes from two places: the builtin table (usage text,
attributes, options) and the session's definitions (values, rules, attributes, defaults,
options, a ``f::usage`` the user set). The text shown follows Wolfram's terminal:
``?Map`` prints the usage, ``??Map`` adds the attributes and options, and ``?f`` for a
symbol of the user's prints its context and its definitions. The REPL's ``?Name`` is
parsed to ``Information["Name", LongForm -> False]``, so every front end shows this text.
"""

from __future__ import annotations

import math
import re
import textwrap

from ...expr import TRUE, Expr, Integer, ObjectAtom, PackedArray, S, String, Symbol, make_list
from ...format.inputform import input_form
from ...kernel.builtin import BUILTINS, builtin
from ...kernel.ordering import sort_key
from ..strings.patterns import wildcard_regex
from ..unimplemented import is_system_name

PAGE_WIDTH = 78
# Port names of layers are strings in Wolfram ("Input" -> 3) though Input is a System
# symbol; other option names that are System symbols are symbols (BatchSize -> 32).
_STRING_OPTIONS = {"Input", "Output"}


def option_key(name: str):
    """The key of a declared option as Wolfram writes it: a symbol or a string."""
    return Symbol(name) if is_system_name(name) and name not in _STRING_OPTIONS \
        else String(name)


def builtin_options(sym: Symbol) -> list:
    """``{name -> default, ...}`` of a builtin's declared options, sorted by name."""
    b = BUILTINS.get(sym)
    if b is None:
        return []
    return [Expr(S.Rule, option_key(k), v) for k, v in sorted(b.options.items())]


def _options(ev, sym: Symbol) -> list:
    d = ev.defs.get(sym)
    if d is not None and d.options:
        return list(d.options)
    return builtin_options(sym)


def _usage(ev, sym: Symbol) -> str | None:
    d = ev.defs.get(sym)
    if d is not None and "usage" in d.messages:
        return d.messages["usage"]
    b = BUILTINS.get(sym)
    return b.usage if b is not None and b.usage else None


def _rule_text(rule, up: bool = False) -> str:
    op = ("^:=" if rule.delayed else "^=") if up else (":=" if rule.delayed else "=")
    return f"{input_form(rule.lhs)} {op} {input_form(rule.rhs)}"


def definitions(ev, sym: Symbol) -> list[str]:
    """The definition lines of a symbol in Wolfram's order: attributes, defaults, values
    (own, down, sub, up), options. A builtin shows its attributes and options."""
    d = ev.defs.get(sym)
    lines = []
    attributes = sorted(ev.attributes(sym))
    if attributes:
        lines.append(f"Attributes[{sym.name}] = {{{', '.join(attributes)}}}")
    if d is not None:
        lines += [_rule_text(r) for r in d.defaults]
        if d.own is not None:
            lines.append(_rule_text(d.own))
        lines += [_rule_text(r) for r in d.down + d.sub]
        lines += [_rule_text(r, up=True) for r in d.up]
    options = _options(ev, sym)
    if options:
        lines.append(f"Options[{sym.name}] = {input_form(make_list(options))}")
    return lines


def _known(ev, sym: Symbol) -> bool:
    return sym in BUILTINS or ev.defs.get(sym) is not None


def _context(sym: Symbol) -> str:
    return "System`" if sym in BUILTINS else "Global`"


def _text_lines(text: str) -> list[str]:
    """A usage text as printed lines: one per form, each broken between words to fit the
    page (a line is never cut inside a word, and continuation lines are not indented)."""
    return [piece for line in text.split("\n")
            for piece in textwrap.wrap(line, PAGE_WIDTH, break_long_words=False,
                                       break_on_hyphens=False) or [""]]


def _information_lines(ev, sym: Symbol, long: bool) -> list[str]:
    """What ``?sym`` (long False) or ``??sym`` (long True) prints, line by line."""
    usage = _usage(ev, sym)
    user = sym not in BUILTINS
    lines = _text_lines(usage) if usage else [f"Global`{sym.name}"]
    if long or (user and usage is None):
        for block in definitions(ev, sym):
            lines += ["", block]
    return lines


# -- names and wildcards ------------------------------------------------------------------


def _all_names(ev) -> dict[str, Symbol]:
    """Every symbol name wlnet knows in this session: its builtins and the user's."""
    names = {s.name: s for s in BUILTINS}
    names.update((s.name, s) for s in ev.defs.symbols())
    return names


def matching_names(ev, pattern: str) -> list[Symbol]:
    """The known symbols whose names match an abbreviated string pattern (``Net*``,
    ``*Layer``, ``System`Net*``), in canonical order."""
    context = None
    if "`" in pattern:
        context, _, pattern = pattern.rpartition("`")
        context += "`"
    rx = re.compile(wildcard_regex(pattern))
    found = [s for name, s in _all_names(ev).items() if rx.fullmatch(name) and
             (context is None or _context(s) == context)]
    return sorted(found, key=lambda s: sort_key(String(s.name)))


def _columns(names: list[str], width: int = PAGE_WIDTH) -> list[str]:
    """Names laid out in columns, down then across, as a terminal lists them."""
    column = max(len(n) for n in names) + 2
    per_row = max(1, width // column)
    rows = math.ceil(len(names) / per_row)
    lines = []
    for r in range(rows):
        cells = names[r::rows]
        lines.append("".join(c.ljust(column) for c in cells).rstrip())
    return lines


def _listing(ev, symbols: list[Symbol]) -> list[str]:
    lines = []
    for context in ("System`", "Global`"):
        names = [s.name for s in symbols if _context(s) == context]
        if names:
            lines += ([""] if lines else []) + [context, ""] + _columns(names)
    return lines


def _is_pattern(text: str) -> bool:
    return "*" in text or "@" in text


@builtin(attributes="HoldAll Protected ReadProtected", argc=(1, None),
         options={"LongForm": TRUE},
         messages={"notfound": "Symbol `1` not found.",
                   "nomatch": "No symbol matching `1` found."},
         usage="Information[symbol] prints what is known about symbol: its usage, or for a "
               "symbol of yours its definitions. ?symbol is Information[symbol, LongForm -> "
               "False] and ??symbol adds the attributes, definitions and options.\n"
               "Information[\"patt\"] (?patt) lists the symbols whose names match patt, "
               "where * stands for any characters.\nInformation[obj, prop] gives the "
               "property prop of an object such as a net.")
def Information(ev, expr):
    split = ev.split_options(expr, "Information", first_option=1)
    if split is None:
        return None
    args, opts = split
    held, props = args[0], args[1:]
    if isinstance(held, Symbol):            # Information[net] for a symbol holding a net
        d = ev.defs.get(held)
        if d is not None and d.own is not None and hasattr(d.own.rhs, "information"):
            return d.own.rhs.information(ev, [ev.evaluate(p) for p in props])
    if props or not isinstance(held, (Symbol, String)):
        target = ev.evaluate(held)
        if isinstance(target, ObjectAtom) and hasattr(target, "information"):
            return target.information(ev, [ev.evaluate(p) for p in props])
        if not isinstance(target, (Symbol, String)) or props:
            return None
        held = target
    long = opts["LongForm"] is TRUE
    if isinstance(held, String) and _is_pattern(held.value):
        found = matching_names(ev, held.value)
        if not found:
            ev.message("Information", "nomatch", held)
            return S.Null
        lines = _information_lines(ev, found[0], long) if len(found) == 1 else \
            _listing(ev, found)
    else:
        sym = Symbol(held.value) if isinstance(held, String) else held
        if not _known(ev, sym):
            ev.message("Information", "notfound", sym)
            return S.Null
        lines = _information_lines(ev, sym, long)
    for line in lines:
        ev.print(String(line))
    return S.Null


@builtin(argc=(0, 1), usage="Names[\"patt\"] gives the list of the names of the symbols "
                            "wlnet knows (its builtins and yours) that match the string "
                            "pattern patt, where * stands for any characters and @ for "
                            "characters other than upper-case letters.\nNames[] gives every "
                            "name.")
def Names(ev, expr):
    pattern = expr.args[0] if expr.args else String("*")
    if isinstance(pattern, Expr) and pattern.head is S.List:
        names = [n for p in pattern.args if isinstance(p, String)
                 for n in matching_names(ev, p.value)]
        return make_list(String(s.name) for s in dict.fromkeys(names))
    if not isinstance(pattern, String):
        ev.message("Names", "string", Integer(1), expr)
        return None
    return make_list(String(s.name) for s in matching_names(ev, pattern.value))


# -- Definition, FullDefinition -------------------------------------------------------------


class DefinitionText(ObjectAtom):
    """What Definition gives: shown as the definitions, one block per line with blank
    lines between, as Wolfram's terminal shows them."""

    head = S.Definition

    def output_form(self) -> str:
        return "\n\n".join(self.payload)

    input_form = output_form


def _symbols_of(ev, expr) -> list[Symbol] | None:
    """The symbols Definition[spec] is about (a symbol, a name, a pattern or a list of
    them), or None after General::ssle."""
    spec = expr.args[0]
    items = spec.args if isinstance(spec, Expr) and spec.head is S.List else (spec,)
    out = []
    for item in items:
        if isinstance(item, Symbol):
            out.append(item)
        elif isinstance(item, String):
            out += matching_names(ev, item.value) if _is_pattern(item.value) \
                else [Symbol(item.value)]
        else:
            ev.message(expr.head.name, "ssle", expr.head, Integer(1))
            return None
    return out


def _definition(ev, symbols):
    blocks = [line for sym in symbols for line in definitions(ev, sym)]
    return DefinitionText(tuple(blocks)) if blocks else S.Null


@builtin(attributes="HoldAll", argc=1,
         usage="Definition[symbol] prints as the definitions of symbol: its attributes, "
               "defaults, values and rules, and options.\nDefinition[\"patt\"] and "
               "Definition[{s1, s2, ...}] give those of several symbols.")
def Definition(ev, expr):
    symbols = _symbols_of(ev, expr)
    return None if symbols is None else _definition(ev, symbols)


def _mentioned(e, found: list):
    if isinstance(e, Symbol):
        if e not in found:
            found.append(e)
    elif isinstance(e, Expr) and not isinstance(e, PackedArray):
        _mentioned(e.head, found)
        for a in e.args:
            _mentioned(a, found)


@builtin(attributes="HoldAll", argc=1,
         usage="FullDefinition[symbol] prints as the definitions of symbol and of every "
               "symbol they use, recursively, except protected ones.")
def FullDefinition(ev, expr):
    symbols = _symbols_of(ev, expr)
    if symbols is None:
        return None
    order = list(symbols)
    for sym in order:                 # grows as the definitions mention more symbols
        d = ev.defs.get(sym)
        if d is None:
            continue
        for rule in ([d.own] if d.own else []) + d.down + d.sub + d.up + d.defaults:
            found: list = []
            _mentioned(rule.lhs, found)
            _mentioned(rule.rhs, found)
            order += [s for s in found if s not in order and
                      "Protected" not in ev.attributes(s) and ev.defs.get(s) is not None]
    return _definition(ev, order)


# -- Options --------------------------------------------------------------------------------


@builtin(argc=(1, 2),
         usage="Options[symbol] gives the list of the default options of symbol, "
               "{name -> value, ...}.\nOptions[expr] gives the options given in the "
               "expression expr, and Options[expr, name] the setting of the option name.")
def Options(ev, expr):
    target = expr.args[0]
    if isinstance(target, Symbol):
        options = _options(ev, target)
    elif isinstance(target, Expr) and not isinstance(target, PackedArray):
        options = [a for a in target.args if isinstance(a, Expr) and
                   a.head in (S.Rule, S.RuleDelayed) and len(a.args) == 2 and
                   isinstance(a.args[0], (Symbol, String))]
    else:
        return None
    if len(expr.args) == 2:
        names = expr.args[1].args if isinstance(expr.args[1], Expr) and \
            expr.args[1].head is S.List else (expr.args[1],)
        options = [o for o in options if o.args[0] in names or
                   (isinstance(o.args[0], Symbol) and String(o.args[0].name) in names)]
    return make_list(options)
