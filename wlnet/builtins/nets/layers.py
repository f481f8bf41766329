"""Layer constructors: LinearLayer, ElementwiseLayer, TotalLayer, ..., the loss layers.

Each builtin reads its Wolfram arguments and options into the runtime layer's keyword
arguments; the runtime checks sizes and shapes and says what is wrong (a NetError,
shown as ``LinearLayer::invarg: ...``), and the builtin then gives $Failed as Wolfram.
``construct`` and ``shape_spec`` are shared with the container constructors.
"""

from __future__ import annotations

import math

from ...expr import Expr, Integer, Rational, Real, S, String, Symbol
from ...kernel.builtin import builtin
from ...nets.elementwise import NAMED, ElementwiseLayer
from ...nets.errors import NetError
from ...nets.layers import (CatenateLayer, DropoutLayer, LinearLayer, SequenceLastLayer,
                            SoftmaxLayer, SummationLayer, ThreadingLayer, TotalLayer)
from ...nets.losses import CrossEntropyLossLayer, MeanAbsoluteLossLayer, MeanSquaredLossLayer
from .data import to_array
from .values import FAILED, NET_MESSAGES, NetValue, report, show

__all__ = ["construct", "shape_spec", "learning_rate"]

LRM = "LearningRateMultipliers"


def shape_spec(head: str, e):
    """A port shape option (Automatic, "Real", n, {n1, ...}, {"Varying", n}) in the
    runtime's notation; a NetError for anything else."""
    if e is S.Automatic:
        return None
    if isinstance(e, Integer):
        return e.value
    if isinstance(e, String) and e.value in ("Real", "Varying", "Integer"):
        return "Real" if e.value == "Integer" else e.value
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


def _array(head, name, e):
    a = to_array(e)
    if a is None:
        raise NetError(head, "invarg", f"the {name} array should be a numeric array, "
                       f"not {show(e)}.")
    return a


def _ports(head, opts, *names):
    """The port-shape keyword arguments (input=, output=, target=) from options."""
    return {n.lower(): shape_spec(head, opts[n]) for n in names}


def _options(*ports, **extra):
    return {**{p: S.Automatic for p in ports}, LRM: S.Automatic, **extra}


# -- LinearLayer ----------------------------------------------------------------------------

@builtin(options=_options("Input", "Output", Weights=S.Automatic, Biases=S.Automatic),
         messages=NET_MESSAGES,
         usage="LinearLayer[n] is a trainable net layer that gives a vector of "
               "size n, w . x + b, for its input vector x.\nLinearLayer[{n1, n2, "
               "...}] gives an array of those dimensions.\nLinearLayer[] leaves "
               "its size to be inferred.")
def LinearLayer_(ev, expr):
    """LinearLayer[n], LinearLayer[{n1, ...}], LinearLayer[]: y = W.x + b, W being
    {out, in}; options "Weights", "Biases" (None for none), "Input", "Output"."""
    def build(args, opts):
        size = _size(args[0]) if args else shape_spec("LinearLayer", opts["Output"])
        weights = None if opts["Weights"] is S.Automatic else \
            _array("LinearLayer", "Weights", opts["Weights"])
        b = opts["Biases"]
        biases = True if b is S.Automatic else None if b is Symbol("None") else \
            _array("LinearLayer", "Biases", b)
        return LinearLayer(size, input=shape_spec("LinearLayer", opts["Input"]),
                           weights=weights, biases=biases)
    return construct(ev, expr, 0, 1, build)


def _size(e):
    if isinstance(e, Integer):
        return e.value
    if isinstance(e, Expr) and e.head is S.List and all(isinstance(d, Integer) for d in e.args):
        return tuple(d.value for d in e.args)
    raise NetError("LinearLayer", "invarg", f"the output size {show(e)} should be a "
                   "positive integer or a list of them.")


# -- ElementwiseLayer -----------------------------------------------------------------------

ALIASES = {"ReLU": "Ramp", "Sigmoid": "LogisticSigmoid", "Tanh": "Tanh"}
CONSTANTS = {"E": math.e, "Pi": math.pi, "Degree": math.pi / 180}


def compile_function(ev, f):
    """A function as the runtime's ElementwiseLayer takes it: a name (Ramp, Tanh, ...)
    or an expression tree over the variable "x" (from a pure function). Parts without
    the variable are evaluated first, as Wolfram evaluates f[x]: ``Tanh[#]/0 &`` issues
    Power::infy and is refused, since ComplexInfinity is no number to compute with."""
    if isinstance(f, Symbol) and f.name in NAMED:
        return f.name
    if isinstance(f, String) and f.value in ALIASES:
        return ALIASES[f.value]
    if isinstance(f, Expr) and f.head is S.Function and f.args:
        if len(f.args) == 1:
            return _tree(ev, f.args[0], _SLOT)
        params = f.args[0]
        names = params.args if isinstance(params, Expr) and params.head is S.List else (params,)
        if len(names) == 1 and isinstance(names[0], Symbol):
            return _tree(ev, f.args[1], names[0])
    raise NetError("ElementwiseLayer", "invarg", f"{show(f)} is not a function "
                   "ElementwiseLayer can apply.")


_SLOT = Expr(S.Slot, Integer(1))


def _mentions(e, var) -> bool:
    return e == var or (isinstance(e, Expr) and (_mentions(e.head, var) or
                                                 any(_mentions(a, var) for a in e.args)))


def _tree(ev, e, var):
    if e == var:
        return "x"
    if isinstance(e, (Integer, Real)):
        return e.value
    if isinstance(e, Rational):
        return float(e.value)
    if isinstance(e, Symbol) and e.name in CONSTANTS:
        return CONSTANTS[e.name]
    if not _mentions(e, var):
        value = ev.evaluate(Expr(S.N, e))
        if isinstance(value, (Integer, Real)) and math.isfinite(value.value):
            return float(value.value)
        raise NetError("ElementwiseLayer", "invarg", f"the constant {show(e)} is "
                       f"{show(value)}, not a number ElementwiseLayer can compute with.")
    if isinstance(e, Expr) and isinstance(e.head, Symbol):
        args = [_tree(ev, a, var) for a in e.args]
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


@builtin(options=_options("Input", "Output"), messages=NET_MESSAGES,
         usage="ElementwiseLayer[f] is a net layer that applies the function f to each "
               "element of its input.")
def ElementwiseLayer_(ev, expr):
    """ElementwiseLayer[f]: f (Ramp, Tanh, LogisticSigmoid, Sin, Cos, Exp, Log, Sqrt, Abs,
    or a pure function of them such as #^2 + 1 &) applied to every element."""
    def build(args, opts):
        shape = shape_spec("ElementwiseLayer", opts["Input"])
        if shape is None:
            shape = shape_spec("ElementwiseLayer", opts["Output"])
        return ElementwiseLayer(compile_function(ev, args[0]), input=shape)
    return construct(ev, expr, 1, 1, build)


# -- layers with several inputs -------------------------------------------------------------

def _input_ports(head, e):
    """InputPorts -> n or -> {shape1, ...}: (count, {port: shape}) for the runtime."""
    if e is S.Automatic:
        return None, {}
    if isinstance(e, Integer):
        return e.value, {}
    if isinstance(e, Expr) and e.head is S.List and e.args:
        shapes = [shape_spec(head, s) for s in e.args]
        return len(shapes), {f"Input{i}": s for i, s in enumerate(shapes, 1)}
    raise NetError(head, "invarg", f"{show(e)} is not a number of inputs or a list of "
                   "their shapes.")


def _multi(ev, expr, layer_class, lo=0, hi=0, first=()):
    head = expr.head.name

    def build(args, opts):
        count, shapes = _input_ports(head, opts["InputPorts"])
        lead = first(args) if first else ()
        layer = layer_class(*lead, inputs=count, output=shape_spec(head, opts["Output"]))
        return layer.refine(shapes, {}) if shapes else layer
    return construct(ev, expr, lo, hi, build)


MULTI_OPTIONS = _options("Output", InputPorts=S.Automatic)


@builtin(options=MULTI_OPTIONS, messages=NET_MESSAGES,
         usage="TotalLayer[] is a net layer that gives the sum of its inputs.")
def TotalLayer_(ev, expr):
    """TotalLayer[]: the sum of its inputs (one port per edge into it in a NetGraph, or
    InputPorts -> n)."""
    return _multi(ev, expr, TotalLayer)


@builtin(options=MULTI_OPTIONS, messages=NET_MESSAGES,
         usage="CatenateLayer[] is a net layer that joins its inputs together along their "
               "first dimension.")
def CatenateLayer_(ev, expr):
    """CatenateLayer[]: its inputs joined along their first dimension."""
    return _multi(ev, expr, CatenateLayer)


@builtin(options=MULTI_OPTIONS, messages=NET_MESSAGES,
         usage="ThreadingLayer[f] is a net layer that applies the function f element by "
               "element across its inputs.")
def ThreadingLayer_(ev, expr):
    """ThreadingLayer[f]: f (Plus, Times, Subtract, Divide, Max, Min) applied element by
    element across its inputs."""
    def op(args):
        f = args[0]
        return (f.name if isinstance(f, Symbol) else show(f),)
    return _multi(ev, expr, ThreadingLayer, 1, 1, op)


# -- single-input layers --------------------------------------------------------------------

def _unary(ev, expr, layer_class, lo=0, hi=0, first=None):
    head = expr.head.name

    def build(args, opts):
        shape = shape_spec(head, opts["Input"])
        lead = first(args) if first else ()
        return layer_class(*lead, input=shape)
    return construct(ev, expr, lo, hi, build)


@builtin(options=_options("Input"), messages=NET_MESSAGES,
         usage="SoftmaxLayer[] is a net layer that turns its input vector into "
               "probabilities: the exponentials of the elements, divided by their total.")
def SoftmaxLayer_(ev, expr):
    """SoftmaxLayer[]: normalised exponentials over the last dimension."""
    return _unary(ev, expr, SoftmaxLayer)


@builtin(options=_options("Input"), messages=NET_MESSAGES,
         usage="DropoutLayer[] is a net layer that, while training, sets elements of its "
               "input to zero with probability 0.5 and scales the rest.\nDropoutLayer[p] "
               "uses the probability p.")
def DropoutLayer_(ev, expr):
    """DropoutLayer[p] (p = 0.5 by default): zeroes elements with probability p, only
    while training."""
    def p(args):
        if not args:
            return ()
        x = args[0]
        if isinstance(x, (Integer, Real, Rational)):
            return (float(x.value),)
        raise NetError("DropoutLayer", "invarg", f"the dropout probability {show(x)} should "
                       "be a number at least 0 and less than 1.")
    return _unary(ev, expr, DropoutLayer, 0, 1, p)


@builtin(options=_options("Input"), messages=NET_MESSAGES,
         usage="SequenceLastLayer[] is a net layer that gives the last element of its "
               "input sequence.")
def SequenceLastLayer_(ev, expr):
    """SequenceLastLayer[]: the last element of a sequence."""
    return _unary(ev, expr, SequenceLastLayer)


@builtin(options=_options("Input"), messages=NET_MESSAGES,
         usage="SummationLayer[] is a net layer that gives the sum of all the elements of "
               "its input.")
def SummationLayer_(ev, expr):
    """SummationLayer[]: the sum of all elements of its input."""
    return _unary(ev, expr, SummationLayer)


# -- loss layers ----------------------------------------------------------------------------

def _loss(ev, expr, layer_class, lo=0, hi=0, first=None):
    head = expr.head.name

    def build(args, opts):
        lead = first(args) if first else ()
        return layer_class(*lead, **_ports(head, opts, "Input", "Target"))
    return construct(ev, expr, lo, hi, build)


@builtin(options=_options("Input", "Target"), messages=NET_MESSAGES,
         usage="MeanSquaredLossLayer[] is a net layer that gives the mean of the squared "
               "differences between its input and its target.")
def MeanSquaredLossLayer_(ev, expr):
    """MeanSquaredLossLayer[]: mean of (input - target)^2 per example."""
    return _loss(ev, expr, MeanSquaredLossLayer)


@builtin(options=_options("Input", "Target"), messages=NET_MESSAGES,
         usage="MeanAbsoluteLossLayer[] is a net layer that gives the mean of the absolute "
               "differences between its input and its target.")
def MeanAbsoluteLossLayer_(ev, expr):
    """MeanAbsoluteLossLayer[]: mean of |input - target| per example."""
    return _loss(ev, expr, MeanAbsoluteLossLayer)


@builtin(options=_options("Input", "Target"), messages=NET_MESSAGES,
         usage="CrossEntropyLossLayer[\"Index\"] is a net layer that gives the "
               "cross-entropy loss of a probability vector against the index of the true "
               "class.\nCrossEntropyLossLayer[\"Probabilities\"] takes target "
               "probabilities, and CrossEntropyLossLayer[\"Binary\"] a single probability.")
def CrossEntropyLossLayer_(ev, expr):
    """CrossEntropyLossLayer["Index" | "Probabilities" | "Binary"]: -log of the
    probability the input gives the target."""
    def mode(args):
        m = args[0] if args else String("Index")
        return (m.value if isinstance(m, String) else show(m),)
    return _loss(ev, expr, CrossEntropyLossLayer, 0, 1, mode)
