"""net[x, NetPort[...]]: values inside a net, given as extra outputs of a copy of it.

A probe is the path of node keys to a layer (through nested NetChains and NetGraphs)
and the name of one of its output ports. ``probed(head, net, probes)`` is a NetGraph
that computes what ``net`` does and, besides, gives each probe's value at an output of
its own; one evaluation of it gives them all. Only the wiring is new: the nodes keep
their arrays. Inside an operator (NetMapOperator, NetFoldOperator, ...) a layer runs
once per element or step, so it has no single value to give: such a probe is refused.
"""
from dataclasses import replace

from .errors import NetError, show
from .graph import Container
from .paths import PathError, node_key
from .wiring import Wiring


def resolve(head, net, elements: tuple) -> tuple:
    """(path of keys, output port) for the elements of NetPort[{e1, e2, ..., "port"}]:
    ints and strings naming nodes level by level; a last string that names no node is
    the port, and without one the layer's only output port is meant."""
    path, obj = [], net
    for i, el in enumerate(elements):
        key = _node_key(obj, el, elements)
        if key is not None:
            path.append(key)
            obj = obj.children()[key]
        elif i == len(elements) - 1 and isinstance(el, str) and path:
            return tuple(path), _output_port(head, obj, path, el)
        else:
            raise NetError(head, "invportspec", f"{show(el)} is not a layer of "
                           f"{_where(path) if path else 'the net'}.")
    if not path:
        raise NetError(head, "invportspec", "a NetPort names a layer and one of its ports.")
    ports = list(obj.output_ports())
    if len(ports) != 1:
        raise NetError(head, "invportspec", f"the layer {_where(path)} has the output ports "
                       f"{', '.join(ports)}; name one of them.")
    return tuple(path), ports[0]


def _node_key(obj, el, spec):
    """The key of the node ``el`` names in the container ``obj``, or None."""
    if not isinstance(obj, Container):
        return None
    try:
        return node_key(obj, el, spec)
    except PathError:
        return None


def _output_port(head, layer, path, name) -> str:
    if name in layer.output_ports() or name in layer.state_ports():
        return name
    if name in layer.input_ports():
        raise NetError(head, "invportspec", f"{show(name)} is an input of the layer "
                       f"{_where(path)}: only outputs have values to give.")
    raise NetError(head, "invportspec", f"the layer {_where(path)} has no output port "
                   f"{show(name)}; its outputs are {', '.join(layer.output_ports())}.")


def _where(path) -> str:
    return "/".join(show(k) for k in path)


def states(net, path=()) -> list:
    """Every state port of the layers of ``net`` (not inside operators), as probes."""
    if isinstance(net, Container):
        return [probe for key, node in net.children().items()
                for probe in states(node, path + (key,))]
    return [(path, p) for p in net.state_ports()] if path else []


def probed(head, net: Container, probes: list) -> tuple:
    """(graph, names): the graph computing ``net``'s outputs and one more output per
    probe; ``names[i]`` is the output giving ``probes[i]``."""
    taken = set(net.output_ports()) | set(net.input_ports())
    w = Wiring.of(net)
    nodes, wires, found = dict(w.nodes), list(w.wires), []
    deeper: dict = {}
    for i, (path, port) in enumerate(probes):
        if len(path) > 1:
            deeper.setdefault(path[0], []).append((i, (path[1:], port)))
        else:
            found.append((i, (path[0], port)))
    for key, items in deeper.items():
        child = nodes[key]
        if not isinstance(child, Container):
            raise NetError(head, "invportspec", f"the layers inside {show(key)} run once "
                           "per element or step, so they have no single value to give.")
        nodes[key], inner = probed(head, child, [probe for _, probe in items])
        found += [(i, (key, name)) for (i, _), name in zip(items, inner)]
    names = [None] * len(probes)
    for i, source in found:
        names[i] = _fresh(taken)
        wires.append((source, (None, names[i])))
    return replace(w, nodes=nodes, wires=wires).graph(head), names


def _fresh(taken: set) -> str:
    n = len(taken)
    while f"Probe{n}" in taken:
        n += 1
    taken.add(f"Probe{n}")
    return f"Probe{n}"
