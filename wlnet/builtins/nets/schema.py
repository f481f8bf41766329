"""What a ``.wlnet`` file may say: the net schema, checked before anything is built.

``nets.files`` writes each runtime object as its class name and its attributes in tagged
JSON (``{"tuple": [...]}``, ``{"dict": [[k, v], ...]}``, ``{"array": n}``, ``{"net": ...}``).
A file is data from anywhere, so before one object is made, ``check`` walks that JSON
and holds every net node to the schema of its class below: exactly the attributes that
class has, each of the kind it must be (port shapes of positive dimensions, an
elementwise function the runtime knows, a threading operation, a probability below 1,
wiring that names existing nodes in an order that can run). Anything else is a
NetFileError naming where in the file it is. This module is the one place that knows the
shape of a saved net; when layers carry their own definitions, ``SCHEMA`` is read from
them.
"""

from __future__ import annotations

import math

from ...nets.elementwise import NAMED, check_tree
from ...nets.errors import NetError
from ...nets.layers import ThreadingLayer
from ...nets.losses import CrossEntropyLossLayer
from ...nets.shapes import VARYING

__all__ = ["check", "SCHEMA", "SchemaError"]


class SchemaError(Exception):
    """The description breaks the schema; the text says where and how."""


def _fail(where: str, what: str):
    raise SchemaError(f"{where}: {what}")


# -- the tagged JSON ------------------------------------------------------------------------

def _tagged(value, tag: str, where: str):
    if not (isinstance(value, dict) and len(value) == 1 and tag in value):
        _fail(where, f"expected a {tag}")
    return value[tag]


def _pairs(value, where: str, plain_keys: bool = True) -> list:
    pairs = _tagged(value, "dict", where)
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2
                                             for p in pairs):
        _fail(where, "a damaged table")
    if plain_keys:
        keys = [_plain_key(k, where) for k, _ in pairs]
        if len(set(keys)) != len(keys):
            _fail(where, "a key appears twice")
    return pairs


def _plain_key(k, where):
    if isinstance(k, bool) or not isinstance(k, (int, str)):
        _fail(where, f"{k!r} is not a name or a position")
    return k


def _items(value, where: str) -> list:
    items = _tagged(value, "tuple", where)
    if not isinstance(items, list):
        _fail(where, "a damaged tuple")
    return items


def _int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# -- kinds of attribute values ------------------------------------------------------------
# Each kind is a function (value, where) -> None that raises SchemaError.

def shape(value, where):
    """None (unknown) or a tuple of dimensions: positive ints, "Varying" or None."""
    if value is None:
        return
    for d in _items(value, where):
        if not (d is None or d == VARYING or (_int(d) and d >= 1)):
            _fail(where, f"{d!r} is not a dimension (a positive integer or \"Varying\")")


def ports(*names, numbered: str | None = None):
    """A table port name -> shape, with exactly these names (or name1, name2, ...)."""
    def kind(value, where):
        pairs = _pairs(value, where)
        got = [k for k, _ in pairs]
        want = list(names) if numbered is None else \
            [f"{numbered}{i}" for i in range(1, len(got) + 1)]
        if got != want and (numbered is not None or set(got) != set(want)):
            _fail(where, f"the ports {got} should be {want}")
        for k, v in pairs:
            shape(v, f"{where}/{k}")
    return kind


def any_ports(value, where):
    for k, v in _pairs(value, where):
        if not isinstance(k, str):
            _fail(where, f"{k!r} is not a port name")
        shape(v, f"{where}/{k}")


def arrays(*names, optional=()):
    """A table array name -> None (uninitialised) or a reference to an array file, with
    these names (an ``optional`` one may be absent: LinearLayer's "Biases" -> None)."""
    def kind(value, where):
        pairs = _pairs(value, where)
        got = {k for k, _ in pairs}
        if not set(names) - set(optional) <= got <= set(names):
            _fail(where, f"the arrays {[k for k, _ in pairs]} should be {list(names)}")
        for k, v in pairs:
            if v is not None:
                index = _tagged(v, "array", f"{where}/{k}")
                if not _int(index) or index < 0:
                    _fail(f"{where}/{k}", "a damaged array reference")
    return kind


def boolean(value, where):
    if not isinstance(value, bool):
        _fail(where, f"{value!r} is not True or False")


def one_of(*choices):
    def kind(value, where):
        if value not in choices:
            _fail(where, f"{value!r} is not one of {list(choices)}")
    return kind


def function(value, where):
    """An ElementwiseLayer function: a name the runtime knows or an expression tree."""
    tree = _tree(value, where)
    if isinstance(tree, str) and tree in NAMED:
        return
    try:
        check_tree(tree)
    except NetError:
        _fail(where, f"{tree!r} is not a function ElementwiseLayer can apply")


def _tree(value, where):
    if isinstance(value, dict):
        return tuple(_tree(v, where) for v in _items(value, where))
    if isinstance(value, float) and not math.isfinite(value):
        _fail(where, "a constant that is not finite")
    return value


def probability(value, where):
    if not (isinstance(value, (int, float)) and not isinstance(value, bool) and
            0 <= value < 1):
        _fail(where, f"{value!r} is not a probability below 1")


def count(value, where):
    if not (_int(value) and value >= 0):
        _fail(where, f"{value!r} is not a count")


def length(value, where):
    if not (value == VARYING or (_int(value) and value >= 1)):
        _fail(where, f"{value!r} is not a sequence length")


def net(value, where):
    check_net(value, where)


def _wiring(node: dict, where: str) -> None:
    """A container's nodes, connections and order agree with each other: every source is
    a node or the container's input, and the order runs each node after its sources."""
    nodes = dict(_pairs(node["_nodes"], f"{where}/_nodes"))
    keyed = node["_keyed"]
    if any(isinstance(k, str) != keyed for k in nodes):
        _fail(where, "node names and positions are mixed")
    for k, sub in nodes.items():
        check_net(sub, f"{where}/{k}")
    conn = dict(_pairs(node["_conn"], f"{where}/_conn"))
    if set(conn) != set(nodes):
        _fail(where, "the connections do not list the nodes")
    inputs = {k for k, _ in _pairs(node["_gin"], f"{where}/_gin")}
    for k, table in conn.items():
        for port, source in _pairs(table, f"{where}/_conn/{k}"):
            _source(source, nodes, inputs, f"{where}/_conn/{k}/{port}")
    outputs = _pairs(node["_gout"], f"{where}/_gout")
    for name, source in outputs:
        _source(source, nodes, inputs, f"{where}/_gout/{name}")
    any_ports(node["_gout_shapes"], f"{where}/_gout_shapes")
    shapes = [k for k, _ in _pairs(node["_gout_shapes"], where)]
    if shapes != [k for k, _ in outputs]:
        _fail(where, "the output shapes do not list the outputs")
    for k, n in _pairs(node["_filled"], f"{where}/_filled"):
        if k not in nodes or not (_int(n) and n >= 0):
            _fail(f"{where}/_filled", "a damaged input count")
    order = node["_order"]
    if not isinstance(order, list) or sorted(map(str, order)) != sorted(map(str, nodes)) or \
            len(order) != len(nodes) or any(k not in nodes for k in order):
        _fail(where, "the order does not list the nodes")
    done = set()
    for k in order:
        if any(s[0] is not None and s[0] not in done
               for s in (_items(v, where) for _, v in _pairs(conn[k], where))):
            _fail(where, f"node {k!r} runs before a node it reads")
        done.add(k)


def _source(value, nodes, inputs, where):
    items = _items(value, where)
    if len(items) != 2 or not isinstance(items[1], str):
        _fail(where, "a damaged connection")
    key, port = items
    if key is None:
        if port not in inputs:
            _fail(where, f"the input {port!r} does not exist")
    elif key not in nodes:
        _fail(where, f"the node {key!r} does not exist")


def container(value, where):
    """Checked as a whole by _wiring (the parts refer to each other)."""


# -- the schema -----------------------------------------------------------------------------

def _layer(ins, outs, names=(), optional=(), **more):
    return {"_ins": ins, "_outs": outs, "_arrays": arrays(*names, optional=optional), **more}


_IO = (ports("Input"), ports("Output"))
_LOSS = (ports("Input", "Target"), ports("Loss"))
_MANY = (ports(numbered="Input"), ports("Output"))
_CONTAINER = {"_keyed": boolean, "_nodes": container, "_filled": container,
              "_conn": container, "_gout": container, "_order": container,
              "_gin": any_ports, "_gout_shapes": container}

SCHEMA = {
    "wlnet.nets.layers.LinearLayer": _layer(*_IO, ("Weights", "Biases"), ("Biases",)),
    "wlnet.nets.elementwise.ElementwiseLayer": _layer(*_IO, function=function),
    "wlnet.nets.layers.SoftmaxLayer": _layer(*_IO),
    "wlnet.nets.layers.DropoutLayer": _layer(*_IO, p=probability),
    "wlnet.nets.layers.SequenceLastLayer": _layer(*_IO),
    "wlnet.nets.layers.SummationLayer": _layer(*_IO),
    "wlnet.nets.layers.TotalLayer": _layer(*_MANY),
    "wlnet.nets.layers.CatenateLayer": _layer(*_MANY),
    "wlnet.nets.layers.ThreadingLayer": _layer(*_MANY, op=one_of(*ThreadingLayer.OPS)),
    "wlnet.nets.losses.MeanSquaredLossLayer": _layer(*_LOSS),
    "wlnet.nets.losses.MeanAbsoluteLossLayer": _layer(*_LOSS),
    "wlnet.nets.losses.CrossEntropyLossLayer": _layer(
        *_LOSS, mode=one_of(*CrossEntropyLossLayer.MODES)),
    "wlnet.nets.graph.Chain": _CONTAINER,
    "wlnet.nets.graph.Graph": _CONTAINER,
    "wlnet.nets.fold.Fold": {"_net": net, "_len": length},
    "wlnet.nets.fold.MapOp": {"_net": net, "_len": length},
    "wlnet.nets.fold.NestOp": {"_net": net, "count": count},
}


def check_net(value, where: str = "net") -> None:
    """SchemaError unless value describes a net of a known class, attribute by attribute."""
    if not (isinstance(value, dict) and set(value) == {"net", "attributes"}):
        _fail(where, "expected a net")
    name, attributes = value["net"], value["attributes"]
    schema = SCHEMA.get(name) if isinstance(name, str) else None
    if schema is None:
        _fail(where, f"{name!r} is not a kind of net this wlnet knows")
    if not isinstance(attributes, dict) or set(attributes) != set(schema):
        got = sorted(attributes) if isinstance(attributes, dict) else attributes
        _fail(where, f"the attributes {got!r} should be {sorted(schema)}")
    for key, kind in schema.items():
        kind(attributes[key], f"{where}/{key}")
    if schema is _CONTAINER:
        _wiring(attributes, where)


def check_multipliers(value) -> None:
    """The learning-rate multipliers: a table from path tuples to finite numbers."""
    for path, rate in _pairs(value, "multipliers", plain_keys=False):
        if not isinstance(path, dict):
            _fail("multipliers", "a damaged path")
        for key in _items(path, "multipliers"):
            _plain_key(key, "multipliers")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or \
                not math.isfinite(rate):
            _fail("multipliers", f"{rate!r} is not a learning rate")


def check(description: dict) -> None:
    """SchemaError unless the whole description (net and multipliers) fits the schema."""
    check_net(description.get("net"))
    check_multipliers(description.get("multipliers", {"dict": []}))
