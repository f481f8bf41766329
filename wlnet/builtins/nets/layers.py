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

from ...expr import Expr, Integer, ObjectAtom, Rational, Real, S, String, Symbol
from ...kernel.builtin import builtin
from ...nets.coders import Coder
from ...nets.errors import NetError
from ...nets.functions import NAMED
from ...nets.layer import layer_classes
from .data import to_array, to_label
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


def _dims(e):
    if isinstance(e, Expr) and e.head is S.List:
        return [_integer(d) for d in e.args]
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


def _labels(e):
    if e is S.Automatic:
        return None
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


ALIASES = {"ReLU": "Ramp", "Sigmoid": "LogisticSigmoid", "Tanh": "Tanh"}
CONSTANTS = {"E": math.e, "Pi": math.pi, "Degree": math.pi / 180}


def compile_function(f):
    """A function as the runtime's ElementwiseLayer takes it: a name (Ramp, Tanh, ...)
    or an expression tree over the variable "x" (from a pure function)."""
    if isinstance(f, Symbol) and f.name in NAMED:
        return f.name
    if isinstance(f, String) and f.value in ALIASES:
        return ALIASES[f.value]
    if isinstance(f, Expr) and f.head is S.Function and f.args:
        if len(f.args) == 1:
            return _tree(f.args[0], None)
        params = f.args[0]
        names = params.args if isinstance(params, Expr) and params.head is S.List else (params,)
        if len(names) == 1 and isinstance(names[0], Symbol):
            return _tree(f.args[1], names[0])
    raise _Unreadable


def _tree(e, var):
    if (var is None and e == Expr(S.Slot, Integer(1))) or (var is not None and e is var):
        return "x"
    if isinstance(e, (Integer, Real)):
        return e.value
    if isinstance(e, Rational):
        return float(e.value)
    if isinstance(e, Symbol) and e.name in CONSTANTS:
        return CONSTANTS[e.name]
    if isinstance(e, Expr) and isinstance(e.head, Symbol):
        args = [_tree(a, var) for a in e.args]
        name = e.head.name
        if name in ("Plus", "Times", "Power") or (name in NAMED and len(args) == 1):
            return (name, *args)
        if name == "Subtract" and len(args) == 2:
            return ("Plus", args[0], ("Times", -1, args[1]))
        if name == "Divide" and len(args) == 2:
            return ("Times", args[0], ("Power", args[1], -1))
        if name == "Minus" and len(args) == 1:
            return ("Times", -1, args[0])
    raise NetError("ElementwiseLayer", "invarg", f"{show(e)} cannot be applied by "
                   "ElementwiseLayer; use numbers, +, *, ^ and " + ", ".join(NAMED) + ".")


# How a Wolfram argument of each kind (wlnet/nets/arguments.py) becomes the Python value
# the layer checks; format/nets.WRITERS writes it back.
READERS = {
    "size": _integer, "integer": _integer, "level": _integer, "real": _real,
    "dims": _dims, "shape": _shape, "choice": _string,
    "symbol": _symbol, "function": compile_function, "ports": _ports,
    "array": _array_value, "labels": _labels, "boolean": _boolean, "strings": _strings,
}


def read_argument(head: str, param, e):
    """A Wolfram argument as the Python value of its Param, or NetError invarg in the
    words of the Param or of the reader (the layer then checks the value itself)."""
    try:
        return READERS[param.kind.name](e)
    except NetError as problem:
        raise NetError(head, "invarg", problem.text) from None
    except _Unreadable:
        detail = "should be a numeric array" if param.kind.name == "array" else None
        raise NetError(head, "invarg", param.problem(show(e), detail)) from None


# -- one builtin per registered layer -----------------------------------------------------

def layer_builtin(cls):
    """Register the constructor builtin of a layer class: positional arguments and
    options are read by their kinds, Automatic leaves the default, and the runtime
    layer is built from the values (docs/adding-a-layer.md)."""
    head = cls.head
    lo = sum(1 for p in cls.arguments if p.required)

    def construct_layer(ev, expr):
        def build(args, opts):
            values = [cls.param(p.name).default if e is S.Automatic else
                      read_argument(head, p, e) for p, e in zip(cls.arguments, args)]
            options = {name: read_argument(head, cls.param(name), e)
                       for name, e in opts.items() if name != LRM and e is not S.Automatic}
            return cls.build(values, options)
        return construct(ev, expr, lo, len(cls.arguments), build)

    options = {p.name: S.Automatic for p in cls.all_params if p not in cls.arguments}
    builtin(head, options={**options, LRM: S.Automatic}, messages=NET_MESSAGES,
            usage=cls.usage)(construct_layer)


for _layer in layer_classes().values():
    layer_builtin(_layer)
