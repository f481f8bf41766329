"""Wiring: a container taken apart into its nodes and wires, to be changed and rebuilt.

Net surgery (NetTake, NetDelete, NetFlatten, ...) edits this plain form and builds a new
NetChain or NetGraph from it, which infers every shape again; the nodes themselves (with
their arrays and the shapes they already have) are reused as they are. A wire is
(source, sink), each an endpoint (key, port) with key None for a port of the container;
a muted output is a source with sink None.

The NetEncoders and NetDecoders on the container's ports (``coders``) travel by port
name, as Wolfram's makeSubNetGraph keeps its port hints: a rebuilt graph has them on
the ports its wires still name (not on a port made anew for a free node port), a
rebuilt chain on the ports of their names; an edit that changes what a chain's port is
(its first or last layer gone) removes them from ``coders`` first (``end_coders``).
"""
from dataclasses import dataclass, field, replace

from .base import Net
from .coders.base import Encoder
from .errors import NetError
from .graph import Chain, Container, Graph


@dataclass
class Wiring:
    nodes: dict                     # key -> net, in order
    wires: list                     # [(source, sink)]
    keyed: bool                     # built from names (else keys are 1..n)
    muted: list = field(default_factory=list)
    coders: dict = field(default_factory=dict)     # port name -> NetEncoder/NetDecoder

    @classmethod
    def of(cls, net: Container) -> "Wiring":
        muted = net.muted() if isinstance(net, Graph) else []
        return cls(dict(net.children()), list(net.connections()), net.keyed, list(muted),
                   net.port_coders())

    # -- queries -----------------------------------------------------------------------
    def sources_of(self, key) -> dict:
        """{input port: source} of a node."""
        return {dst[1]: src for src, dst in self.wires if dst[0] == key and key is not None}

    def consumers(self, src) -> list:
        return [dst for s, dst in self.wires if s == src]

    def line(self) -> list | None:
        """The node keys in order when the wires form a line (the one input, each node by
        its only ports, the one output), else None."""
        if self.muted or not self.nodes or len(self.wires) != len(self.nodes) + 1 or any(
                len(n.input_ports()) != 1 or len(n.output_ports()) != 1
                for n in self.nodes.values()):
            return None
        following = {}
        for src, dst in self.wires:
            if src[0] in following:
                return None                 # a value used twice: a branch
            following[src[0]] = dst[0]
        order, key = [], following.get(None)
        while key is not None and key in self.nodes and key not in order:
            order.append(key)
            key = following.get(key)
        return order if len(order) == len(self.nodes) and key is None else None

    # -- edits -------------------------------------------------------------------------
    def renumbered(self) -> "Wiring":
        """Keys 1..n in order when the container is not built from names."""
        if self.keyed:
            return self
        new = {k: i for i, k in enumerate(self.nodes, 1)}
        return self.rekeyed(new)

    def rekeyed(self, new: dict) -> "Wiring":
        """The same wiring with node keys replaced as ``new`` says."""
        def end(e):
            return e if e is None or e[0] is None else (new[e[0]], e[1])
        return replace(self, nodes={new[k]: n for k, n in self.nodes.items()},
                       wires=[(end(s), end(d)) for s, d in self.wires],
                       muted=[end(m) for m in self.muted])

    # -- building ----------------------------------------------------------------------
    def graph(self, head: str) -> Graph:
        w = self.renumbered()
        edges = [(_edge_end(s), _edge_end(d)) for s, d in w.wires] + \
            [(_edge_end(m), None) for m in w.muted]
        wired = {end[1] for wire in w.wires for end in wire if end[0] is None}
        coders = {p: c for p, c in w.coders.items() if p in wired}
        return _rebuild(head, lambda: with_coders(Graph(_nodes(w), edges), coders))

    def chain(self, head: str) -> Chain:
        """A NetChain of the nodes in order (the wires are implied)."""
        return _rebuild(head, lambda: with_coders(Chain(_nodes(self.renumbered())),
                                                  self.coders))

    def container(self, head: str, like: Net) -> Container:
        """A NetChain when ``like`` is one (its wiring is always a line), else a graph."""
        return self.chain(head) if isinstance(like, Chain) else self.graph(head)


def _nodes(w: Wiring):
    return dict(w.nodes) if w.keyed else list(w.nodes.values())


def _edge_end(end):
    key, port = end
    return ("port", port) if key is None else ("node", key, port)


def end_coders(coders: dict, first: bool, last: bool) -> dict:
    """A chain's coders kept on its inputs only when its first layer stays first, on its
    outputs only when its last stays last (Wolfram's rule for NetTake, NetDrop,
    NetAppend, NetPrepend, NetInsert and NetDelete of a chain)."""
    return {p: c for p, c in coders.items() if (first if isinstance(c, Encoder) else last)}


def with_coders(net: Container, coders: dict) -> Container:
    """The container with each coder on the port of its name, where it has such a port
    of the coder's side and does not have that coder there already (from a node)."""
    have = net.port_coders()
    for port, coder in coders.items():
        ports = net.input_ports() if isinstance(coder, Encoder) else net.output_ports()
        if port in ports and have.get(port) != coder:
            net = net.with_port_coder(port, coder)
    return net


def _rebuild(head, build):
    """Build a container; its failures are reported under the surgery's own name."""
    try:
        return build()
    except NetError as e:
        raise NetError(head, e.tag, e.text) from None


def with_ports(head, net: Container, ins=None, outs=None) -> Container:
    """The net with the port shapes of the net it was made from (for the ports it still
    has), so that a new layer at its edge learns them as the old one had."""
    ins = {p: s for p, s in (ins or {}).items() if p in net.input_ports() and s is not None}
    outs = {p: s for p, s in (outs or {}).items() if p in net.output_ports() and s is not None}
    return _rebuild(head, lambda: net.refine(ins, outs)) if ins or outs else net


def chain_of(nets: list, head: str, names=None, coders=None) -> Chain:
    """A NetChain of nets (named when ``names`` is given) with ``coders`` on its ports,
    failures under ``head``."""
    nodes = dict(zip(names, nets)) if names is not None else list(nets)
    return _rebuild(head, lambda: with_coders(Chain(nodes), coders or {}))
