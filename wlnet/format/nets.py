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

from ..expr import Expr, Integer, PackedArray, Real, S, String, Symbol
from ..nets.base import Layer
from ..nets.elementwise import NAMED
from ..nets.fold import Fold, MapOp, NestOp, Operator
from ..nets.graph import Chain, Container, Graph
from ..nets.layers import MultiInputLayer
from ..nets.shapes import VARYING
from .inputform import input_form

__all__ = ["summary", "constructor", "shape_text", "shape_expr"]


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


def _ports_text(ports: dict, default: str) -> str:
    """A lone port with the default name shows only its shape, others "name: shape"."""
    if list(ports) == [default]:
        return shape_text(ports[default])
    if not ports:
        return "()"
    return ", ".join(f"{name}: {shape_text(s)}" for name, s in ports.items())


def _status(net) -> str | None:
    arrays = net.arrays()
    if not arrays:
        return None
    return "initialized" if all(a is not None for a in arrays.values()) else "uninitialized"


def summary(net) -> str:
    """``Head[<details, inputs -> outputs, states, status>]`` on one line."""
    parts = []
    if isinstance(net, Container):
        nodes = len(net.children())
        parts.append(f"{nodes} {'layer' if isinstance(net, Chain) else 'node'}"
                     f"{'' if nodes == 1 else 's'}")
        if isinstance(net, Graph):
            edges = len(net.connections())
            parts.append(f"{edges} edge{'' if edges == 1 else 's'}")
    elif isinstance(net, Operator):
        parts.append(net.net.head if not isinstance(net, NestOp) else
                     f"{net.net.head} x {net.count}")
    parts.append(f"{_ports_text(net.input_ports(), 'Input')} -> "
                 f"{_ports_text(net.output_ports(), 'Output')}")
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


def _array(a):
    return PackedArray(np.asarray(a, dtype=np.float64)) if a.ndim else Real(float(a))


def _rule(name, value):
    return Expr(S.Rule, String(name) if isinstance(name, str) else name, value)


def _port_options(names, ports):
    return [_rule(n, shape_expr(ports[n])) for n in names if ports.get(n) is not None]


def _tree_expr(tree):
    """An ElementwiseLayer function tree as the body of a pure function."""
    if tree == "x":
        return Expr(S.Slot, Integer(1))
    if isinstance(tree, (int, float)) and not isinstance(tree, bool):
        return Integer(tree) if isinstance(tree, int) else Real(tree)
    return Expr.make(Symbol(tree[0]), [_tree_expr(a) for a in tree[1:]])


def _function_expr(f):
    return Symbol(f) if isinstance(f, str) and f in NAMED else Expr(S.Function, _tree_expr(f))


def _layer_expr(net: Layer):
    ins, outs = net.input_ports(), net.output_ports()
    head, args = net.head, []
    if head == "LinearLayer":
        out = outs["Output"]
        if out is not None:
            args.append(Integer(out[0]) if len(out) == 1 else
                        Expr.make(S.List, [Integer(d) for d in out]))
        arrays = net.local_arrays()
        if arrays["Weights"] is not None:
            args.append(_rule("Weights", _array(arrays["Weights"])))
        if "Biases" not in arrays:
            args.append(_rule("Biases", Symbol("None")))
        elif arrays["Biases"] is not None:
            args.append(_rule("Biases", _array(arrays["Biases"])))
        return head, args + _port_options(["Input"], ins)
    if head == "ElementwiseLayer":
        args.append(_function_expr(net.function))
    elif head == "ThreadingLayer":
        args.append(Symbol(net.op))
    elif head == "DropoutLayer":
        args.append(Real(net.p))
    elif head == "CrossEntropyLossLayer":
        args.append(String(net.mode))
    if isinstance(net, MultiInputLayer):
        if ins:
            args.append(_rule(S.InputPorts, Integer(len(ins))))
        return head, args + _port_options(["Output"], outs)
    return head, args + _port_options(list(ins), ins)


def _endpoint(end, node=None, role="source"):
    key, port = end
    if key is None:
        return Expr(S.NetPort, String(port))
    k = Integer(key) if isinstance(key, int) else String(key)
    ports = node.output_ports() if role == "source" else node.input_ports()
    if list(ports) == [port] and not isinstance(node, MultiInputLayer):
        return k
    return Expr(S.NetPort, k, String(port))


def _nodes_expr(net: Container, multipliers, prefix):
    items = [(k, _expr(child, multipliers, prefix + (k,)))
             for k, child in net.children().items()]
    if net.keyed:
        return Expr.make(S.Association, [_rule(k, e) for k, e in items])
    return Expr.make(S.List, [e for _, e in items])


def _expr(net, multipliers, prefix):
    if isinstance(net, Layer):
        head, args = _layer_expr(net)
    elif isinstance(net, Chain):
        head, args = net.head, [_nodes_expr(net, multipliers, prefix)]
    elif isinstance(net, Graph):
        nodes = net.children()
        edges = [Expr(S.Rule, _endpoint(src, nodes.get(src[0]), "source"),
                      _endpoint(dst, nodes.get(dst[0]), "sink"))
                 for src, dst in net.connections()]
        head, args = net.head, [_nodes_expr(net, multipliers, prefix),
                                Expr.make(S.List, edges)]
    elif isinstance(net, NestOp):
        head, args = net.head, [_expr(net.net, multipliers, prefix + ("Net",)),
                                Integer(net.count)]
    elif isinstance(net, (Fold, MapOp)):
        head = net.head
        args = [_expr(net.net, multipliers, prefix + ("Net",))]
        args += _port_options(["Input"], net.input_ports())
    else:
        raise TypeError(f"cannot write a constructor for {net.head}")
    rate = multipliers.get(prefix)
    if rate is not None:
        args.append(_rule(S.LearningRateMultipliers, Real(rate)))
    return Expr.make(Symbol(head), args)


def constructor(net, multipliers=None) -> str:
    """InputForm text of an expression that rebuilds ``net`` (arrays and layer-level
    learning-rate multipliers, keyed by path prefix, included)."""
    return input_form(_expr(net, multipliers or {}, ()))
