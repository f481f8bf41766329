"""NetTake on a NetGraph: the part of the graph between a start and an end.

The nodes kept are those upstream of the end and downstream of the start (nodes without
inputs, such as constants, count as downstream of everything). A start or end is
  ALL                     every input (start) or output (end) of the graph
  ("port", name)          an input (start) or output (end) of the graph
  key                     a node (int position or name)
  ("nodeport", key, port) a node's port: starting at an output, or ending at an input,
                          opens the graph there with a new port named after the node
and a list of them means all of them. A node input whose source is not kept becomes an
input of the new graph, a node output nobody uses an output, as in any NetGraph.
"""
from dataclasses import replace

from .errors import show
from .graph import Graph
from .paths import ALL
from .surgery import fail
from .wiring import Wiring


def take(head, graph: Graph, start, end) -> Graph:
    """NetTake[graph, {start, end}]."""
    w = Wiring.of(graph)
    starts = _expand([_element(head, graph, w, e, "start") for e in _items(start)])
    ends = _expand([_element(head, graph, w, e, "end") for e in _items(end)])
    if len(starts) == 1 and len(ends) == 1 and starts[0][0] == ends[0][0] == "nodeport" and \
            starts[0][1] == ends[0][1]:
        starts = ends = [("node", starts[0][1])]        # one node by its two sides
    starts = [("node", s[1]) if s[0] == "nodeport" and s[3] == "in" else s for s in starts]
    ends = [("node", e[1]) if e[0] == "nodeport" and e[3] == "out" else e for e in ends]
    kept = _upstream(w, ends) & (_downstream(w, starts) | _sources(w))
    if not kept:
        raise fail(head, "netempty", "NetGraph objects must contain at least one layer.")
    start_nodes = {s[1] for s in starts if s[0] == "node"}
    end_nodes = {e[1] for e in ends if e[0] == "node"}
    opened = {(s[1], s[2]): (None, _dangling(s[1], s[2], "Output")) for s in starts
              if s[0] == "nodeport"}
    inputs = {s[1] for s in starts if s[0] == "port"}
    outputs = {e[1] for e in ends if e[0] == "port"}
    wires = []
    for src, dst in w.wires:
        src = opened.get(src, src)
        if dst[0] is None:
            keep = src[0] in kept and (dst[1] in outputs or src[0] in end_nodes)
        elif src[0] is None:
            keep = dst[0] in kept and (src[1] in inputs or dst[0] in start_nodes or
                                       src in opened.values())
        else:
            keep = src[0] in kept and dst[0] in kept
        if keep:
            wires.append((src, dst))
    for e in ends:
        if e[0] == "nodeport":
            src = w.sources_of(e[1]).get(e[2])
            if src is not None and (src[0] is None or src[0] in kept):
                wires.append((src, (None, _dangling(e[1], e[2], "Input"))))
    muted = [m for m in w.muted if m[0] in kept]
    return replace(w, nodes={k: n for k, n in w.nodes.items() if k in kept}, wires=wires,
                   muted=muted).graph(head)


def _items(spec):
    return spec if isinstance(spec, list) else [spec]


def _dangling(key, port, default) -> str:
    """The name of a port opened at a node's port: the node's name, with the port's
    when it is not the node's default one ("3/Input2")."""
    return str(key) if port == default else f"{key}/{port}"


def _element(head, graph, w, e, role):
    """("all",) | ("port", name) | ("node", key) | ("nodeport", key, port, "in"/"out")."""
    if e is ALL:
        ports = graph.input_ports() if role == "start" else graph.output_ports()
        return ("all", tuple(ports))
    if isinstance(e, tuple) and e[0] == "port":
        ports = graph.input_ports() if role == "start" else graph.output_ports()
        if e[1] not in ports:
            raise fail(head, "invportspec", f"The port specification NetPort[{show(e[1])}] "
                       "is invalid.")
        return ("port", e[1])
    if isinstance(e, tuple) and e[0] == "nodeport":
        key = _vertex(head, graph, e[1])
        node = w.nodes[key]
        side = "in" if e[2] in node.input_ports() else \
            "out" if e[2] in node.output_ports() else None
        if side is None:
            raise fail(head, "invportspec", f"The port specification NetPort["
                       f"{show(e[1])}, {show(e[2])}] is invalid.")
        return ("nodeport", key, e[2], side)
    return ("node", _vertex(head, graph, e))


def _vertex(head, graph, spec):
    keys = list(graph.children())
    if isinstance(spec, int) and not isinstance(spec, bool) and not graph.keyed and \
            1 <= spec <= len(keys):
        return keys[spec - 1]
    if isinstance(spec, str):
        key = int(spec) if spec.isdigit() and not graph.keyed else spec
        if key in keys:
            return key
    raise fail(head, "invnetvertex", f"The specified vertex {show(spec)} does not exist.")


def _expand(elements):
    out = []
    for e in elements:
        if e[0] == "all":
            out += [("port", p) for p in e[1]]
        else:
            out.append(e)
    return out


def _upstream(w: Wiring, ends) -> set:
    """The nodes the ends depend on, themselves included."""
    first = []
    for e in ends:
        if e[0] == "port":
            first += [s[0] for s, d in w.wires if d == (None, e[1])]
        elif e[0] == "node":
            first.append(e[1])
        else:
            first.append(w.sources_of(e[1]).get(e[2], (None,))[0])
    return _reach(first, lambda key: [src[0] for src in w.sources_of(key).values()])


def _downstream(w: Wiring, starts) -> set:
    """The nodes that depend on the starts (a start node itself included)."""
    first = []
    for s in starts:
        if s[0] == "port":
            first += [d[0] for src, d in w.wires if src == (None, s[1])]
        elif s[0] == "node":
            first.append(s[1])
        else:
            first += [d[0] for src, d in w.wires if src == (s[1], s[2])]
    return _reach(first, lambda key: [d[0] for src, d in w.wires if src[0] == key])


def _reach(first, following) -> set:
    """The node keys in ``first`` and every key ``following`` leads to from them."""
    todo, seen = list(first), set()
    while todo:
        key = todo.pop()
        if key is None or key in seen:
            continue
        seen.add(key)
        todo += following(key)
    return seen


def _sources(w: Wiring) -> set:
    """Nodes that take no input at all (a constant)."""
    return {k for k, n in w.nodes.items() if not n.input_ports()}
