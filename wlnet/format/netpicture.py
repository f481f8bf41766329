"""Pictures of nets: what the notebook shows for a net and what ``Export["net.svg", net]``
writes.

A net becomes a ``Diagram`` (boxes, ports, wires labelled with the shapes that flow on
them), which ``wlnet.format.drawing`` lays out and draws:

- a NetChain is a row of layer boxes between its ports;
- a NetGraph is a layered graph of its nodes, from its input ports on the left to its
  output ports on the right;
- an operator (NetFoldOperator, NetMapOperator, NetNestOperator) is a frame around the
  picture of its inner net, with the sequences outside the frame and, for a fold or a
  nest, the loop that feeds each step's output into the next step;
- a single layer is one box between its ports.

Nets are read only through the runtime's public interface (``head``, ``children()``,
``input_ports()``, ``output_ports()``, ``state_ports()``, a container's ``connections()``)
and the shape texts of ``format.nets``, so a new layer needs nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .nets import shape_text

LAYER, CONTAINER, PORT = "layer", "container", "port"
_POSITIONAL_PORT = re.compile(r"Input\d+\Z")


@dataclass
class Node:
    """A box: ``title`` (the node's name or a port's name) above ``subtitle`` (the layer
    type, or a port's shape)."""
    id: str
    kind: str
    title: str
    subtitle: str


@dataclass
class Wire:
    source: str
    target: str
    label: str


@dataclass
class Diagram:
    """Nodes and wires; for an operator also its frame title, the wires from its outer
    ports to the inner net's ports (``outer``: node id, outer port name, shape, side)
    and the loops that feed a step's output into the next step."""
    nodes: list = field(default_factory=list)
    wires: list = field(default_factory=list)
    frame: str | None = None
    outer: list = field(default_factory=list)
    loops: list = field(default_factory=list)


def diagram(net) -> Diagram:
    """The diagram of any net."""
    inner = net.children().get("Net")
    if inner is not None and net.head.endswith("Operator"):
        return _operator(net, inner)
    return _graph(net)


def _port_text(net, port, shape) -> str:
    """A port box's second line: its shape, or the kind of its coder ("class", "string")
    as the summary shows it, and which coder ("Characters encoder")."""
    coder = net.port_coders().get(port)
    if coder is None:
        return shape_text(shape)
    return f"{coder.usage_kind} ({coder.kind} {coder.head[3:].lower()})"


def _graph(net) -> Diagram:
    d = Diagram()
    ins, outs = net.input_ports(), net.output_ports()
    d.nodes += [Node(f"in:{p}", PORT, p, _port_text(net, p, s)) for p, s in ins.items()]
    connections = getattr(net, "connections", None)
    if connections is None:                                  # a single layer
        d.nodes.append(Node("n:", LAYER, net.head, _details(net)))
        d.wires += [Wire(f"in:{p}", "n:", _shape_label(net, p, s, "in"))
                    for p, s in ins.items()]
        d.wires += [Wire("n:", f"out:{p}", _shape_label(net, p, s, "out"))
                    for p, s in outs.items()]
    else:
        children = net.children()
        d.nodes += [_child_node(key, child) for key, child in children.items()]
        for (src_key, src_port), (dst_key, dst_port) in connections():
            source = f"in:{src_port}" if src_key is None else f"n:{src_key}"
            target = f"out:{dst_port}" if dst_key is None else f"n:{dst_key}"
            if src_key is None:
                shape = ins.get(src_port)
            else:
                node = children[src_key]
                shape = {**node.state_ports(), **node.output_ports()}.get(src_port)
            label = shape_text(shape)
            if dst_key is not None:
                label = _shape_label(children[dst_key], dst_port, shape, "in")
            elif src_key is not None:
                label = _shape_label(children[src_key], src_port, shape, "out")
            if src_key is not None and src_port in children[src_key].state_ports():
                label = f"{src_port}: {shape_text(shape)}"   # a recurrent layer's state
            d.wires.append(Wire(source, target, label))
    d.nodes += [Node(f"out:{p}", PORT, p, _port_text(net, p, s)) for p, s in outs.items()]
    return d


def _child_node(key, child) -> Node:
    kind = CONTAINER if child.children() else LAYER
    return Node(f"n:{key}", kind, str(key), child.head if kind == LAYER else
                f"{child.head} ({_size(child)})")


def _size(net) -> str:
    """"3 layers", "4 nodes" or the operator's inner net type."""
    children = net.children()
    if "Net" in children and net.head.endswith("Operator"):
        return children["Net"].head
    if not hasattr(net, "connections"):        # NetBidirectionalOperator's two nets
        return ", ".join(child.head for child in children.values())
    unit = "layer" if net.head == "NetChain" else "node"
    return f"{len(children)} {unit}{'' if len(children) == 1 else 's'}"


def _details(layer) -> str:
    """The second line of a lone net's box: the nets inside it (a bidirectional
    operator's two), else its array sizes."""
    children = layer.children()
    if children:
        return ", ".join(f"{key}: {child.head}" for key, child in children.items())
    arrays = getattr(layer, "local_array_shapes", lambda: {})()
    sizes = [f"{name} {_dims(s)}" for name, s in sorted(arrays.items())]
    return ", ".join(sizes) if sizes else "no arrays"


def _dims(shape) -> str:
    return "?" if shape is None else "\u00d7".join(str(d) for d in shape) or "scalar"


def _shape_label(node, port, shape, side) -> str:
    """A wire's label: the shape, after the port's name when the node has several ports
    with names of their own (a loss layer's Target), not for positional Input1, Input2."""
    ports = node.input_ports() if side == "in" else node.output_ports()
    text = shape_text(shape)
    if len(ports) > 1 and not _POSITIONAL_PORT.match(port):
        return f"{port}: {text}"
    return text


def _operator(net, inner) -> Diagram:
    d = _graph(inner)
    d.frame = net.head
    for p, s in net.input_ports().items():
        if f"in:{p}" in {n.id for n in d.nodes}:
            d.outer.append((f"in:{p}", p, shape_text(s), "in"))
    for p, s in {**net.output_ports(), **net.state_ports()}.items():
        target = f"out:{p}" if p in inner.output_ports() else "out:Output"
        if target in {n.id for n in d.nodes}:
            d.outer.append((target, p, shape_text(s), "out"))
    if net.state_ports():
        for p, s in net.state_ports().items():
            d.loops.append(("out:Output", f"in:{p}", f"{p}: {shape_text(s)}, next step"))
    elif net.head == "NetNestOperator" and "in:Input" in {n.id for n in d.nodes}:
        count = getattr(net, "count", None)
        d.loops.append(("out:Output", "in:Input",
                        "applied again" if count is None else f"applied {count} times"))
    return d


__all__ = ["Diagram", "Node", "Wire", "diagram"]
