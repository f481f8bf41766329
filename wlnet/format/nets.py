"""How nets print: a one-line summary (OutputForm) and a rebuilding constructor (InputForm).

Wolfram's terminal shows only ``LinearLayer[<>]``; a text user then has no way to see
what a net is. We print on one line what the notebook's summary box shows: the type,
the size of a container, the port shapes and whether the arrays are initialised:

    LinearLayer[<2 -> 2, uninitialized>]
    NetGraph[<3 nodes, 4 edges, Input: 2, State: 2 -> 2, initialized>]
    NetFoldOperator[<NetGraph, {n, 2} -> {n, 2}, State: 2, uninitialized>]

InputForm gives a constructor expression that evaluates to an equal net (arrays
included), so a net can be saved as text and read back. docs/nets.md has the details.
This module only reads the runtime net; it never evaluates.
"""

from __future__ import annotations

import numpy as np

import math

from ..expr import Expr, Integer, PackedArray, Real, S, String, Symbol
from ..nets.structured import Call, Sym
from ..nets.coders import Coder
from ..nets.functions import STRING_NAMED, VARIABLE
from ..nets.layer import Layer
from ..nets.shapes import VARYING
from .inputform import input_form

__all__ = ["summary", "constructor", "shape_text", "shape_expr", "port_expr", "coder_expr",
           "label_expr", "WRITERS"]


# -- one-line summary ---------------------------------------------------------------------

def shape_text(shape) -> str:
    """A port shape in the summary: Real, 2, {2, 3}, {n, 2} (n: a varying length);
    ? where unknown."""
    if shape is None:
        return "?"
    if shape == ():
        return "Real"
    dims = ["?" if d is None else "n" if d == VARYING else str(d) for d in shape]
    return dims[0] if len(dims) == 1 and shape[0] != VARYING else "{" + ", ".join(dims) + "}"


def _ports_text(ports: dict, default: str, coders: dict) -> str:
    """A lone port with the default name shows only its shape, others "name: shape"; a
    port with a coder shows its kind as Wolfram's summary does ("class")."""
    texts = {name: coders[name].usage_kind if name in coders else shape_text(s)
             for name, s in ports.items()}
    if list(ports) == [default]:
        return texts[default]
    if not ports:
        return "()"
    return ", ".join(f"{name}: {text}" for name, text in texts.items())


def _status(net) -> str | None:
    arrays = net.arrays()
    if not arrays:
        return None
    return "initialized" if all(a is not None for a in arrays.values()) else "uninitialized"


def summary(net) -> str:
    """``Head[<details, inputs -> outputs, states, status>]`` on one line."""
    parts = list(net.summary_details())
    coders = net.port_coders()
    parts.append(f"{_ports_text(net.input_ports(), 'Input', coders)} -> "
                 f"{_ports_text(net.output_ports(), 'Output', coders)}")
    states = net.state_ports()
    if states:
        parts.append(", ".join(f"{name}: {shape_text(s)}" for name, s in states.items()))
    status = _status(net)
    if status:
        parts.append(status)
    return f"{net.head}[<{', '.join(parts)}>]"


# -- constructor expression ---------------------------------------------------------------

def shape_expr(shape):
    """A port shape as Wolfram writes it: "Real", n, {n1, n2}, {"Varying", n}; Automatic
    for what is not known."""
    if shape is None:
        return S.Automatic
    if shape == ():
        return String("Real")
    dims = [S.Automatic if d is None else String(d) if d == VARYING else Integer(d)
            for d in shape]
    return dims[0] if len(dims) == 1 and isinstance(dims[0], Integer) else \
        Expr.make(S.List, dims)


def port_expr(value):
    """A port option's value as Wolfram writes it: a coder, or a shape."""
    return coder_expr(value) if isinstance(value, Coder) else shape_expr(value)


def coder_expr(coder) -> Expr:
    """The expression that rebuilds a coder: NetEncoder[{"Class", {"a", "b"}}], or
    NetDecoder["Boolean"] when it has no parameters to give."""
    args, options = coder.constructor()
    items = [String(coder.kind)]
    items += [WRITERS[p.kind.name](v) for p, v in zip(coder.arguments, args)]
    items += [_rule(name, WRITERS[coder.param(name).kind.name](v))
              for name, v in options.items()]
    spec = items[0] if len(items) == 1 else Expr.make(S.List, items)
    return Expr(Symbol(coder.head), spec)


def label_expr(label):
    """A class label the runtime holds as an expression: ints and strings are kept as
    Python values (so integer labels can be looked up in bulk), others as they came."""
    if isinstance(label, bool):
        return Symbol("True") if label else Symbol("False")
    if isinstance(label, int):
        return Integer(label)
    if isinstance(label, str):
        return String(label)
    if isinstance(label, float):
        return Real(label)
    return label


def _labels_expr(labels):
    return S.Automatic if labels is None else Expr.make(S.List, [label_expr(v) for v in labels])


def _strings_expr(strings):
    return S.Automatic if strings is None else Expr.make(S.List, [String(v) for v in strings])


def _array(a):
    if a is None:
        return Symbol("None")
    return PackedArray(np.asarray(a, dtype=np.float64)) if a.ndim else Real(float(a))


def _rule(name, value):
    return Expr(S.Rule, String(name) if isinstance(name, str) else name, value)


def _tree_expr(tree):
    """A function tree (ElementwiseLayer's, ThreadingLayer's) as the body of a pure
    function: "x" is #, "xk" is #k."""
    if isinstance(tree, str):
        return Expr(S.Slot, Integer(1 if tree == VARIABLE else int(tree[1:])))
    if isinstance(tree, (int, float)) and not isinstance(tree, bool):
        if isinstance(tree, float) and math.isnan(tree):
            return Symbol("Indeterminate")
        return Integer(tree) if isinstance(tree, int) else Real(tree)
    return Expr.make(_function_head(tree[0]), [_tree_expr(a) for a in tree[1:]])


def _function_head(name):
    return String(name) if name in STRING_NAMED else Symbol(name)


def _function_expr(f):
    if isinstance(f, str):
        return _function_head(f)
    return Expr(S.Function, _tree_expr(f))


def data_expr(value):
    """The plain data of a structured argument (the "spec" kind) as an expression."""
    if isinstance(value, tuple):
        return Expr.make(S.List, [data_expr(v) for v in value])
    if isinstance(value, Call):
        return Expr.make(Symbol(value.head), [data_expr(v) for v in value.args])
    if isinstance(value, Sym):
        return Symbol(value.name)
    if isinstance(value, str):
        return String(value)
    if isinstance(value, float) and math.isinf(value):
        return Symbol("Infinity") if value > 0 else Expr(S.Times, Integer(-1), Symbol("Infinity"))
    return Integer(value) if isinstance(value, int) else Real(value)


def _dims_expr(dims):
    return Integer(dims[0]) if len(dims) == 1 else Expr.make(S.List, [Integer(d) for d in dims])


def _spatial_expr(value):
    return Integer(value) if isinstance(value, int) else \
        Expr.make(S.List, [_spatial_expr(v) for v in value])


def _padding_expr(value):
    return String(value) if isinstance(value, str) else _spatial_expr(value)


def _ports_expr(ports):
    if isinstance(ports, int):
        return Integer(ports)
    return Expr.make(S.List, [shape_expr(s) for s in ports])


def _dropout_expr(spec):
    if spec is None:
        return Symbol("None")
    if isinstance(spec, dict):
        return Expr.make(S.List, [_rule(m, Real(p)) for m, p in spec.items()])
    return Real(spec)


# How a layer's argument of each kind (nets/arguments.py) is written; the bridge that
# reads them back is builtins/nets_layers.READERS.
WRITERS = {
    "size": Integer, "integer": Integer, "level": Integer, "real": Real,
    "dims": _dims_expr, "shape": port_expr, "choice": String, "symbol": Symbol,
    "function": _function_expr, "threadfunction": _function_expr, "ports": _ports_expr,
    "array": _array, "spec": data_expr, "labels": _labels_expr, "boolean": label_expr,
    "strings": _strings_expr, "dropout": _dropout_expr, "spatial": _spatial_expr,
    "padding": _padding_expr,
}


def _layer_args(net: Layer):
    """A layer's constructor: every argument and option written by its kind."""
    args, options = net.constructor()
    out = [S.Automatic if v is None else WRITERS[p.kind.name](v)
           for p, v in zip(net.arguments, args)]
    for name, value in options.items():
        param = net.param(name)
        key = Symbol(name) if param.symbol else String(name)
        out.append(Expr(S.Rule, key, WRITERS[param.kind.name](value)))
    return out


def _endpoint(end):
    if end is None:
        return Symbol("None")
    if isinstance(end, tuple) and end[0] == "port":
        return Expr(S.NetPort, String(end[1]))
    if isinstance(end, tuple):
        return Expr(S.NetPort, _key(end[1]), String(end[2]))
    return _key(end)


def _key(key):
    return Integer(key) if isinstance(key, int) else String(key)


def _nodes_expr(nodes, multipliers, prefix, keys):
    """The nodes of a container (a list or an association) or the nets of an operator
    with several (a list); ``keys`` are their path keys, in order."""
    if isinstance(nodes, dict):
        return Expr.make(S.Association, [_rule(k, _expr(n, multipliers, prefix + (k,)))
                                         for k, n in nodes.items()])
    return Expr.make(S.List, [_expr(n, multipliers, prefix + (key,))
                              for key, n in zip(keys, nodes)])


def _expr(net, multipliers, prefix):
    """The constructor expression of a net (containers' nodes written recursively)."""
    args = _layer_args(net) if isinstance(net, Layer) else \
        _container_args(net, multipliers, prefix)
    rate = multipliers.get(prefix)
    if rate is not None:
        args.append(_rule(S.LearningRateMultipliers, Real(rate)))
    return Expr.make(Symbol(net.head), args)


def _container_args(net, multipliers, prefix):
    """Containers and operators: their nodes (a list or an association), a NetGraph's
    edges, an operator's inner net, NetNestOperator's count, NetBidirectionalOperator's
    nets and aggregation (a symbol), and port shapes."""
    values, options = net.constructor()
    args = []
    for value in values:
        if isinstance(value, int):
            args.append(Integer(value))
        elif isinstance(value, str):
            args.append(Symbol(value))
        elif not isinstance(value, (list, dict)):
            args.append(_expr(value, multipliers, prefix + ("Net",)))
        elif not args:
            args.append(_nodes_expr(value, multipliers, prefix, list(net.children())))
        else:
            args.append(Expr.make(S.List, [Expr(S.Rule, _endpoint(a), _endpoint(b))
                                           for a, b in value]))
    return args + [_rule(name, port_expr(spec)) for name, spec in options.items()]


def constructor(net, multipliers=None) -> str:
    """InputForm text of an expression that rebuilds ``net`` (arrays and layer-level
    learning-rate multipliers, keyed by path prefix, included)."""
    return input_form(_expr(net, multipliers or {}, ()))
