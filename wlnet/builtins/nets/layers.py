"""Layer constructors: one builtin for every layer the runtime registers.

A layer declares its arguments and options with kinds (``wlnet/nets/arguments.py``);
this module reads each Wolfram argument by its kind (``READERS``) into a Python value
and builds the runtime layer from them, so adding a layer needs no code here. The
runtime checks the values and says what is wrong (a NetError, shown as
``LinearLayer::invarg: ...``), and the builtin then gives $Failed as Wolfram does.
``construct``, ``shape_spec`` and ``learning_rate`` are shared with the containers.
"""

from __future__ import annotations

import math

from ...expr import Expr, Integer, ObjectAtom, PackedArray, Rational, Real, S, String, Symbol
from ...kernel.builtin import builtin
from ...nets.structured import Call, Sym
from ...nets.coders import Coder
from ...nets.errors import NetError
from ...nets.layer import layer_classes
from ..common import _is_infinity
from .data import to_array, to_label
from .functions import evaluated_constants, threading_function, unary_function
from .values import FAILED, NET_MESSAGES, NetValue, report, show

__all__ = ["construct", "shape_spec", "learning_rate", "READERS", "read_argument"]

LRM = "LearningRateMultipliers"


def shape_spec(head: str, e):
    """A port shape option (Automatic, "Real", n, {n1, ...}, {"Varying", n}) in the
    runtime's notation, or the runtime coder of a NetEncoder/NetDecoder; a NetError for
    anything else."""
    if e is S.Automatic:
        return None
    if isinstance(e, ObjectAtom) and isinstance(e.payload, Coder):
        return e.payload                  # NetEncoder[...] or NetDecoder[...] on the port
    if isinstance(e, Integer):
        return e.value
    if isinstance(e, String) and e.value in ("Real", "Varying", "Integer"):
        return "Real" if e.value == "Integer" else e.value
    if isinstance(e, String):
        return e.value                    # a coder's kind: the runtime makes or refuses it
    if isinstance(e, Expr) and e.head is S.List:
        dims = []
        for d in e.args:
            if isinstance(d, Integer):
                dims.append(d.value)
            elif d == String("Varying"):
                dims.append("Varying")
            elif d is S.Automatic:
                dims.append(None)
            else:
                break
        else:
            return dims
    raise NetError(head, "invarg", f"{show(e)} is not a valid shape.")


def learning_rate(head: str, e):
    """A LearningRateMultipliers option value: None when not set, else a float (None in
    Wolfram freezes, which is rate 0)."""
    if e is S.Automatic:
        return None
    if e is Symbol("None"):
        return 0.0
    if isinstance(e, (Integer, Real, Rational)):
        return float(e.value)
    raise NetError(head, "invarg", f"the learning rate multiplier {show(e)} should be a "
                   "number or None.")


def construct(ev, expr, lo: int, hi: int, build):
    """Split positional arguments from options (unknown options: ``head::optx``), check
    the count, run ``build(args, options)`` -> runtime net, and wrap the result with its
    layer-level learning-rate multiplier. $Failed after a NetError."""
    head = expr.head.name
    split = ev.split_options(expr, head)
    if split is None:
        return FAILED
    args, opts = split
    if not ev.check_argc(Expr.make(expr.head, args), lo, hi, head):
        return None
    try:
        net = build(args, opts)
        rate = learning_rate(head, opts[LRM])
    except NetError as e:
        return report(ev, e)
    return NetValue(net, {(): rate} if rate is not None else None)


# -- reading a layer's arguments by their kind ----------------------------------------

class _Unreadable(Exception):
    """The expression is not a value of the argument's kind at all."""


def _integer(e):
    if isinstance(e, Integer):
        return e.value
    raise _Unreadable


def _real(e):
    if isinstance(e, (Integer, Real, Rational)):
        return float(e.value)
    raise _Unreadable


def read_data(e):
    """Any expression as the plain data of a structured argument (the "spec" kind,
    wlnet/nets/arguments.py): numbers, strings, Sym for symbols, tuples for lists, Call
    for other compounds, math.inf for Infinity."""
    if isinstance(e, Integer):
        return e.value
    if isinstance(e, (Real, Rational)):
        return float(e.value)
    if isinstance(e, String):
        return e.value
    if _is_infinity(e) or e == Symbol("Infinity"):
        return math.inf
    if isinstance(e, Symbol):
        return Sym(e.name)
    if isinstance(e, Expr) and e.head is S.List:
        return tuple(read_data(a) for a in e.args)
    if isinstance(e, Expr) and isinstance(e.head, Symbol):
        return Call(e.head.name, tuple(read_data(a) for a in e.args))
    raise _Unreadable


def _dims(e):
    if isinstance(e, Expr) and e.head is S.List:
        return [_integer(d) for d in e.args]
    return _integer(e)


def _padding(e):
    if isinstance(e, String):
        return e.value
    if isinstance(e, Expr) and e.head is S.List:
        return [_dims(d) for d in e.args]
    return _integer(e)


def _string(e):
    if isinstance(e, String):
        return e.value
    raise _Unreadable


def _symbol(e):
    if isinstance(e, Symbol):
        return e.name
    raise _Unreadable


def _shape(e):
    return shape_spec("", e)  # a NetError's symbol becomes the layer's (read_argument)


def _ports(e):
    if isinstance(e, Expr) and e.head is S.List and e.args:
        return [_shape(s) for s in e.args]
    return _integer(e)


def _array_value(e):
    if e is Symbol("None"):
        return None
    a = to_array(e)
    if a is None:
        raise _Unreadable
    return a


def _dropout(e):
    """None, a probability, or rules (a list or an association) "method" -> p."""
    if e is Symbol("None"):
        return None
    if isinstance(e, (Integer, Real, Rational)):
        return float(e.value)
    if isinstance(e, Expr) and e.head in (S.List, S.Association):
        pairs = []
        for rule in e.args:
            if not (isinstance(rule, Expr) and rule.head in (S.Rule, S.RuleDelayed)
                    and isinstance(rule.args[0], String)):
                raise _Unreadable
            value = rule.args[1]
            pairs.append((rule.args[0].value, float(value.value) if isinstance(
                value, (Integer, Real, Rational)) else value))
        return pairs
    raise _Unreadable


def _labels(e):
    if e is S.Automatic:
        return None
    if isinstance(e, PackedArray) and e.array.ndim == 1 and e.array.dtype.kind in "iu":
        return e.array.tolist()     # a million integer labels without a million Integers
    if isinstance(e, Expr) and e.head is S.List:
        return [to_label(x) for x in e.args]
    raise _Unreadable


def _boolean(e):
    if e is Symbol("True") or e is Symbol("False"):
        return e is Symbol("True")
    raise _Unreadable


def _strings(e):
    if e is S.Automatic:
        return None
    if isinstance(e, String):
        return e.value
    if isinstance(e, Expr) and e.head is S.List:
        return [_string(x) for x in e.args]
    raise _Unreadable


# How a Wolfram argument of each kind (wlnet/nets/arguments.py) becomes the Python value
# the layer checks; format/nets.WRITERS writes it back.
READERS = {
    "size": _integer, "integer": _integer, "level": _integer, "real": _real,
    "dims": _dims, "shape": _shape, "choice": _string, "spatial": _dims,
    "padding": _padding, "symbol": _symbol, "function": unary_function, "ports": _ports,
    "threadfunction": threading_function, "array": _array_value, "spec": read_data,
    "labels": _labels, "boolean": _boolean, "strings": _strings, "dropout": _dropout,
}


def read_argument(head: str, param, e, ev=None):
    """A Wolfram argument as the Python value of its Param, or NetError invarg in the
    words of the Param or of the reader (the layer then checks the value itself). With
    the evaluator ``ev``, a function's constants are evaluated first (``Tanh[#]/0 &``)."""
    try:
        if ev is not None and param.kind.name == "function":
            e = evaluated_constants(ev, e)
        return READERS[param.kind.name](e)
    except NetError as problem:
        raise NetError(head, problem.tag, problem.text) from None
    except _Unreadable:
        detail = "should be a numeric array" if param.kind.name == "array" else None
        raise NetError(head, param.kind.tag, param.problem(show(e), detail)) from None


# -- one builtin per registered layer -----------------------------------------------------

def layer_builtin(cls):
    """Register the constructor builtin of a layer class: positional arguments and
    options are read by their kinds, Automatic leaves the default, and the runtime
    layer is built from the values (docs/adding-a-layer.md)."""
    head = cls.head
    lo = sum(1 for p in cls.arguments if p.required)

    def construct_layer(ev, expr):
        def build(args, opts):
            values = [cls.param(p.name).default
                      if e is S.Automatic and not p.kind.takes_automatic else
                      read_argument(head, p, e, ev) for p, e in zip(cls.arguments, args)]
            options = {name: read_argument(head, cls.param(name), e, ev)
                       for name, e in opts.items() if name != LRM and e is not S.Automatic}
            return cls.build(values, options)
        return construct(ev, expr, lo, len(cls.arguments), build)

    options = {p.name: S.Automatic for p in cls.all_params
               if p not in cls.arguments or p.keyword}
    builtin(head, options={**options, LRM: S.Automatic}, messages=NET_MESSAGES,
            usage=cls.usage)(construct_layer)


for _layer in layer_classes().values():
    layer_builtin(_layer)
