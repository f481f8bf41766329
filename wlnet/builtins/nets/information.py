"""NetInformation[net, prop] and Information[net, prop]: what a net holds, by property.

Arrays are keyed by their user-level path lists ({"Net", "l2", "Biases"}), in the
runtime's order (nodes in order, a layer's arrays by name), which is the order the
seed session shows and the path form NetExtract and LearningRateMultipliers take.
"""

from __future__ import annotations

from math import prod

from ...expr import Expr, Integer, Real, S, String, Symbol, make_list
from ...format.nets import shape_expr, shape_text
from ...kernel.builtin import PROPERTY_NAMES, builtin
from ...nets.layer import Layer
from ...nets.shapes import is_fixed
from .coders import CoderValue
from .data import from_array
from ..unimplemented import not_a_net
from .values import FAILED, NetValue, key_expr


def _path(p) -> Expr:
    return make_list(key_expr(k) for k in p)


def _assoc(pairs) -> Expr:
    return Expr.make(S.Association, [Expr(S.Rule, k, v) for k, v in pairs])


def _array_value(a):
    return S.Automatic if a is None else from_array(a)


def _dims(shape):
    return make_list(Integer(d) for d in shape) if is_fixed(shape) else S.Automatic


def _count(shape):
    return Integer(prod(shape)) if is_fixed(shape) else S.Automatic


def leaf_layers(net, prefix=()):
    """(path, layer) for every layer inside net, containers and operators walked into."""
    if isinstance(net, Layer):
        return [(prefix, net)]
    out = []
    for key, child in net.children().items():
        out += leaf_layers(child, prefix + (key,))
    return out


def _ports(ports, coders):
    """port -> shape, or the port's NetEncoder/NetDecoder, as Wolfram lists them."""
    return _assoc((String(p), CoderValue(coders[p]) if p in coders else shape_expr(s))
                  for p, s in ports.items())


def _layer_counts(net) -> dict:
    """{layer head: how many layers of it}, in the order they first occur."""
    counts = {}
    for _, layer in leaf_layers(net):
        counts[layer.head] = counts.get(layer.head, 0) + 1
    return counts


def _type_counts(value):
    return _assoc((Symbol(h), Integer(n)) for h, n in _layer_counts(value.payload).items())


PROPERTIES = {
    "Arrays": lambda v: _assoc((_path(p), _array_value(a))
                               for p, a in v.payload.arrays().items()),
    "ArraysCount": lambda v: Integer(len(v.payload.array_paths())),
    "ArraysDimensions": lambda v: _assoc((_path(p), _dims(s))
                                         for p, s in v.payload.array_shapes().items()),
    "ArraysElementCounts": lambda v: _assoc((_path(p), _count(s))
                                            for p, s in v.payload.array_shapes().items()),
    "ArraysTotalElementCount": lambda v: Integer(sum(
        prod(s) for s in v.payload.array_shapes().values() if is_fixed(s))),
    "ArraysPositionList": lambda v: make_list(_path(p) for p in v.payload.array_paths()),
    "ArraysList": lambda v: make_list(_array_value(a) for a in v.payload.arrays().values()),
    "ArraysLearningRateMultipliers": lambda v: _assoc(
        (_path(p), Real(r)) for p, r in v.array_multipliers().items()),
    "Layers": lambda v: _assoc((_path(p), v.sub(p))
                               for p, _ in leaf_layers(v.payload)),
    "LayersCount": lambda v: Integer(len(leaf_layers(v.payload))),
    "LayersList": lambda v: make_list(v.sub(p) for p, _ in leaf_layers(v.payload)),
    "LayerTypeCounts": _type_counts,
    "InputPorts": lambda v: _ports(v.payload.input_ports(), v.payload.port_coders()),
    "OutputPorts": lambda v: _ports(v.payload.output_ports(), v.payload.port_coders()),
    "InputPortNames": lambda v: make_list(String(p) for p in v.payload.input_ports()),
    "OutputPortNames": lambda v: make_list(String(p) for p in v.payload.output_ports()),
    "Properties": lambda v: make_list(String(p) for p in sorted(PROPERTIES)),
}
PROPERTY_NAMES.update(PROPERTIES)


def summary_text(value: NetValue) -> str:
    """NetInformation[net]: the notebook panel's facts as lines of text."""
    net = value.payload
    shapes = net.array_shapes()
    elements = sum(prod(s) for s in shapes.values() if is_fixed(s))
    counts = _layer_counts(net)
    status = "initialized" if net.is_initialized() else "not initialized"
    auxiliary = len(shapes) - len(net.trainable_paths())

    coders = net.port_coders()

    def port(p, s):
        """A port's shape, and its coder as the summary names it ("class", "string")."""
        c = coders.get(p)
        return shape_text(s) if c is None else f"{c.usage_kind}, {c.form()}"

    def ports(ps):
        return ", ".join(f"{p} ({port(p, s)})" for p, s in ps.items()) or "none"
    lines = [f"{net.head} ({status})",
             f"  layers:  {sum(counts.values())} ("
             + ", ".join(f"{h} {n}" for h, n in counts.items()) + ")",
             f"  arrays:  {len(shapes)} ({elements} elements, {4 * elements} bytes"
             + (f", {auxiliary} not trained)" if auxiliary else ")"),
             f"  inputs:  {ports(net.input_ports())}",
             f"  outputs: {ports(net.output_ports())}"]
    if net.state_ports():
        lines.append(f"  states:  {ports(net.state_ports())}")
    return "\n".join(lines)


def information(ev, value: NetValue, props):
    """Information[net, prop] / NetInformation[net, prop]; a list of properties gives a
    list; no property the summary text."""
    if not props:
        return String(summary_text(value))
    if len(props) == 1 and isinstance(props[0], Expr) and props[0].head is S.List:
        results = [information(ev, value, [p]) for p in props[0].args]
        return FAILED if FAILED in results else make_list(results)
    prop = props[0]
    if len(props) != 1 or not (isinstance(prop, String) and prop.value in PROPERTIES):
        ev.message("NetInformation", "notprop", prop)
        return FAILED
    return PROPERTIES[prop.value](value)


@builtin(argc=(1, 2), messages={
    "invnet": "First argument to NetInformation should be a valid net.",
    "notprop": "`1` is not a known property of nets; NetInformation[net, \"Properties\"] "
               "lists them."},
         usage="NetInformation[net] gives a summary of the "
               "net.\nNetInformation[net, \"prop\"] gives the property "
               "prop; NetInformation[net, \"Properties\"] lists them.")
def NetInformation(ev, expr):
    """NetInformation[net, prop]: a property of the net (see "Properties");
    NetInformation[net] a summary."""
    value = expr.args[0]
    if not isinstance(value, NetValue):
        not_a_net(ev, "NetInformation", value, "invnet")
        return FAILED
    return information(ev, value, list(expr.args[1:]))
