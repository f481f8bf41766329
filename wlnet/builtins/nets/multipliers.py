"""LearningRateMultipliers: the Wolfram setting → runtime path patterns, lint → messages.

Wolfram resolves the setting silently (spec section 1.2-1.3): rules are tried in order, the
first whose left side is a prefix of an array's path gives that array its rate, and
unmatched arrays get 1. An integer or a net object on an operator such as
NetFoldOperator is swallowed and selects the whole inner net. wlnet keeps every one of
those results and, because the seed question shows how baffling they are, says what
happened (``lrmshadow``, ``lrmnomatch``, ``lrmopnet``) and can show the resolved table
before training (``NetLearningRateMultipliers``).

The runtime does the matching (``nets.paths.to_path_pattern``, ``train.multipliers``);
this module only reads expressions and issues messages. NetTrain uses ``resolve_setting``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...expr import Expr, Integer, Rational, Real, S, String, Symbol, from_python
from ...format.inputform import input_form
from ...kernel.builtin import builtin
from ...nets.errors import NetError
from ...nets.graph import Container
from ...nets.paths import ALL, Alt, LayerRef, PathError, PathPattern, Span, to_path_pattern
from ...train.multipliers import Resolution, resolve
from ..unimplemented import not_a_net
from .values import FAILED, as_net, report, spec_element

NONE = Symbol("None")

# Issued as Symbol::tag by whichever builtin resolves the setting (NetTrain or
# NetLearningRateMultipliers). The arrpatt* tags and their slots are Wolfram's; the lrm*
# tags are wlnet's own warnings (docs/extensions.md).
MESSAGES = {
    "arrpattnlist": "The setting for `1` should be a number, Automatic, or a list of rules "
                    "from parts of the net to multipliers.",
    "arrpattmiss": "The left hand side `1` in the setting for `2` does not name a part of "
                   "the net.",
    "arrpattnnum": "The right hand side `1` in the setting for `2` should be a number or "
                   "None.",
    "lrmshadow": "The rule `1` can never apply: the earlier rule `2` already gives a rate "
                 "to every array it matches.",
    "lrmnomatch": "The rule `1` matches no trainable array of the net, so it has no effect.",
    "lrmopnet": "`1` on the `2` selects its whole inner net, not one of its layers; to name "
                "a layer inside it, use a path such as `3`.",
}


@dataclass
class Setting:
    """A LearningRateMultipliers setting read against one net."""
    rules: list          # the WL Rule expressions, as the user wrote them
    patterns: list       # [(PathPattern, rate)] for train.multipliers.resolve
    specs: list          # the path spec tuple of each rule (None for a whole-net `_`)


def read_setting(ev, net, setting, symbol: str) -> Setting | None:
    """The setting as path patterns and rates, or None after Wolfram's message.

    Forms: Automatic (no rules: everything 1), a number r (every array r), or a list of
    rules lhs -> r. lhs: a node name, an integer (negative from the end), m ;; n, a path
    list, a | b, _ or All, or a net object; r: a number (negative allowed), None or 0.
    """
    head = S.LearningRateMultipliers
    if setting is S.Automatic:
        return Setting([], [], [])
    if _rate(setting) is not None and setting is not NONE:
        setting = Expr(S.List, Expr(S.Rule, Expr(S.Blank), setting))
    if not (isinstance(setting, Expr) and setting.head is S.List) or \
            any(not (isinstance(r, Expr) and r.head is S.Rule and len(r.args) == 2)
                for r in setting.args):
        ev.message(symbol, "arrpattnlist", head)
        return None
    out = Setting([], [], [])
    for rule in setting.args:
        lhs, rhs = rule.args
        spec = _path_spec(lhs)
        try:
            pattern = PathPattern(()) if spec is None else (
                to_path_pattern(net, spec) if spec is not False else None)
        except PathError:
            pattern = None
        except NetError as error:   # NetGraph::intpartassoc, then the path failure
            report(ev, error)
            pattern = None
        if pattern is None:
            ev.message(symbol, "arrpattmiss", lhs, head)
            return None
        rate = _rate(rhs)
        if rate is None:
            ev.message(symbol, "arrpattnnum", rhs, head)
            return None
        out.rules.append(rule)
        out.patterns.append((pattern, rate))
        out.specs.append(spec)
    return out


def resolve_setting(ev, value, setting, symbol: str) -> tuple[Setting, Resolution] | None:
    """Read the setting against the NetValue ``value``, resolve it against the net's
    arrays (unmatched arrays keep their layer-level multiplier, else 1) and issue the
    lint warnings (every finding but "allfrozen", which is the caller's business)."""
    net = value.payload
    read = read_setting(ev, net, setting, symbol)
    if read is None:
        return None
    # only trainable arrays: a layer's auxiliary arrays (moving statistics) never train
    resolution = resolve(read.patterns, net.trainable_paths(), value.array_multipliers())
    for f in resolution.findings:
        if f.kind == "shadowed":
            ev.message(symbol, "lrmshadow", read.rules[f.rule], read.rules[f.others[0]])
        elif f.kind == "nomatch":
            ev.message(symbol, "lrmnomatch", read.rules[f.rule])
        elif f.kind == "opnet":
            operator, meant = _meant(net, read.specs[f.rule], read.patterns[f.rule][0], f.paths)
            ev.message(symbol, "lrmopnet", read.rules[f.rule].args[0], Symbol(operator.head),
                       String(" or ".join(_show_path(p) for p in meant)))
    return read, resolution


def rates_association(rates: dict) -> Expr:
    """<|{"Net", "l2", "Biases"} -> 0.1, ...|>: user-level path lists to rates."""
    return from_python({path: float(rate) for path, rate in rates.items()})


def _path_spec(lhs):
    """A rule's left side as a path spec tuple for nets.paths; None for a whole-net `_`
    or All, False when it cannot be a path at all."""
    if _is_blank(lhs) or lhs is S.All:
        return None
    items = lhs.args if isinstance(lhs, Expr) and lhs.head is S.List else (lhs,)
    spec = tuple(_element(e) for e in items)
    return False if not spec or any(e is None for e in spec) else spec


def _element(e):
    """One path element: str, int, ALL, Span, Alt or LayerRef (None if none of these)."""
    plain = spec_element(e)
    if plain is not None:
        return plain
    if _is_blank(e):
        return ALL
    if isinstance(e, Expr) and e.head is S.Span and len(e.args) == 2:
        ends = [1 if i == 0 and a is S.All else -1 if a is S.All else
                a.value if isinstance(a, Integer) else None for i, a in enumerate(e.args)]
        return None if None in ends else Span(*ends)
    if isinstance(e, Expr) and e.head is S.Alternatives:
        items = [a.value if isinstance(a, (String, Integer)) else None for a in e.args]
        return None if None in items else Alt(tuple(items))
    net = as_net(e)
    return LayerRef(net) if net is not None else None


def _is_blank(e) -> bool:
    return isinstance(e, Expr) and e.head is S.Blank and not e.args


def _rate(rhs) -> float | None:
    """None → 0. (frozen); a finite machine or exact number → its value; else None."""
    if rhs is NONE:
        return 0.0
    return number(rhs)


def number(e) -> float | None:
    """The value of an Integer, Real or Rational that is a finite machine real, else None."""
    if not isinstance(e, (Integer, Real, Rational)):
        return None
    try:
        x = float(e.value)
    except OverflowError:
        return None
    return x if math.isfinite(x) else None


def _meant(net, spec, pattern: PathPattern, candidates):
    """The operator that swallowed an element of ``spec`` and the path(s) the user
    probably meant: the inner node the integer counts or the net object is, else every
    inner node holding arrays."""
    depth = pattern.elements.index("Net")
    operator = net.extract(tuple(pattern.elements[:depth]))
    inner, element = operator.net, spec[depth] if spec and depth < len(spec) else None
    prefix = tuple(pattern.elements[:depth + 1])
    if isinstance(inner, Container):
        keys = list(inner.children())
        if isinstance(element, int) and 1 <= abs(element) <= len(keys):
            return operator, [prefix + (keys[element - 1 if element > 0 else element],)]
        if isinstance(element, LayerRef):
            same = [k for k, child in inner.children().items() if _same_net(child, element.net)]
            if same:
                return operator, [prefix + (same[0],)]
    return operator, list(candidates)


def _same_net(a, b) -> bool:
    """The net object is that node: the same value, or the same kind with equal arrays."""
    if a is b:
        return True
    if a.head != b.head:
        return False
    xs, ys = a.arrays(), b.arrays()
    return xs.keys() == ys.keys() and all(
        x is not None and y is not None and x.shape == y.shape and (x == y).all()
        for x, y in ((xs[k], ys[k]) for k in xs))


def _show_path(path) -> str:
    return input_form(from_python(list(path)))


@builtin(argc=(1, 2), messages={**MESSAGES, "invnet": "The first argument `1` is not a net."},
         usage="NetLearningRateMultipliers[net] gives the learning-rate multiplier of each "
               "trainable array of net.\nNetLearningRateMultipliers[net, spec] gives those "
               "that LearningRateMultipliers -> spec would give in NetTrain.")
def NetLearningRateMultipliers(ev, expr):
    """NetLearningRateMultipliers[net, spec] gives the multiplier NetTrain would use for
    every trainable array of net under LearningRateMultipliers -> spec, as an association
    from array paths to rates, with the same warnings NetTrain gives (a wlnet extension:
    see what a setting does before training with it). NetLearningRateMultipliers[net] gives
    the defaults."""
    value = expr.args[0]
    if as_net(value) is None:
        not_a_net(ev, "NetLearningRateMultipliers", value, "invnet", value)
        return FAILED
    setting = expr.args[1] if len(expr.args) == 2 else S.Automatic
    resolved = resolve_setting(ev, value, setting, "NetLearningRateMultipliers")
    return FAILED if resolved is None else rates_association(resolved[1].rates)
