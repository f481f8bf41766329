"""Net surgery on NetChain and NetGraph: take, drop, append, prepend, insert, delete,
rename. Every operation returns a new container (nets are values) built from the old
nodes, arrays and all, with its shapes inferred again; a failure is a NetError under the
name of the Wolfram function (``head``), with Wolfram's tag.

Positions and names arrive in the runtime's notation: an int (negative from the end), a
node name, ("port", name) for NetPort["name"] and ("nodeport", node, port) for
NetPort[node, "port"]. NetTake on a NetGraph is in subgraph.py; NetFlatten and NetReplace
in flatten.py.
"""
import math
from dataclasses import replace

from .base import Net
from .errors import NetError, show
from .graph import Chain, Container, Graph, as_net
from .wiring import Wiring, chain_of, end_coders, with_ports


def fail(head, tag, text):
    return NetError(head, tag, text)


def node_index(head, chain: Chain, spec) -> int:
    """The 1-based position of the node a name or an int names (ints are positions;
    list-built chains also take their numbers as strings)."""
    keys = list(chain.children())
    if isinstance(spec, str):
        key = int(spec) if spec.isdigit() and not chain.keyed else spec
        if key not in keys:
            raise fail(head, "invchlayername", f"{show(spec)} is not the name of layer.")
        return keys.index(key) + 1
    return spec


# -- NetTake and NetDrop on a chain ---------------------------------------------------------

def _position(head, chain: Chain, spec) -> float:
    """A chain position: n for a layer, n - 1/2 before it, n + 1/2 after it."""
    n = len(chain.children())
    if isinstance(spec, tuple) and spec[0] == "port":
        if spec[1] in chain.input_ports():
            return 0.5
        if spec[1] in chain.output_ports():
            return n + 0.5
        raise fail(head, "invportspec", f"The port specification NetPort[{show(spec[1])}] "
                   "is invalid.")
    if isinstance(spec, tuple) and spec[0] == "nodeport":
        i = node_index(head, chain, spec[1])
        node = list(chain.children().values())[i - 1] if 1 <= i <= n else None
        if node is not None and spec[2] in node.input_ports():
            return i - 0.5
        if node is not None and spec[2] in node.output_ports():
            return i + 0.5
        raise fail(head, "invportname", f"{show(spec[2])} is not the name of an input or "
                   f"output port of layer {show(spec[1])}.")
    return node_index(head, chain, spec)


def take_drop(head, chain: Chain, spec, take: bool) -> Chain:
    """NetTake[chain, spec] (take) or NetDrop[chain, spec]: spec is one position (the
    first n layers, or the last -n) or a pair (start, end) as Take and Drop read them."""
    keys = list(chain.children())
    n = len(keys)
    invalid = fail(head, "invchtakespec", f"Invalid {head} specification.")
    empty = fail(head, "netempty", "NetChain objects must contain at least one layer.")
    if isinstance(spec, list):
        if len(spec) != 2:
            raise invalid
        ends = [_position(head, chain, s) for s in spec]
        ends = [n + 1 + e if isinstance(e, int) and e < 0 else e for e in ends]
        lo, hi = math.ceil(ends[0]), math.floor(ends[1])
        if take and lo > hi:
            raise empty
        if not (1 <= lo <= n + 1 and 0 <= hi <= n) or lo > hi + 1:
            raise invalid
        chosen = set(range(lo, hi + 1))
    else:
        m = math.floor(_position(head, chain, spec))
        if take and m == 0:
            raise empty
        if abs(m) > n:
            raise invalid
        chosen = set(range(1, m + 1)) if m >= 0 else set(range(n + m + 1, n + 1))
    kept = [k for i, k in enumerate(keys, 1) if (i in chosen) == take]
    if not kept:
        raise invalid
    coders = end_coders(chain.port_coders(), kept[0] == keys[0], kept[-1] == keys[-1])
    return Wiring({k: chain.children()[k] for k in kept}, [], chain.keyed,
                  coders=coders).chain(head)


# -- NetAppend, NetPrepend, NetInsert -----------------------------------------------------------

def _named(head, chain, items, verb):
    """[(name or None, net)] checked against how the chain's layers are named."""
    out = []
    for name, layer in items:
        if chain.keyed and name is None:
            raise fail(head, "invnetchpend1", f"Use {verb}[chain, \"name\" -> layer] to "
                       "modify a chain composed of named layers.")
        if not chain.keyed and name is not None:
            raise fail(head, "invnetchpend2", f"Use {verb}[chain, layer] to modify a chain "
                       "composed of unnamed layers.")
        out.append((name, as_net(layer, head)))
    return out


def append(head, net: Net, items, at_end: bool) -> Chain:
    """NetAppend (at_end) or NetPrepend of [(name or None, layer spec)]: to a chain its
    layers, to any other net a new NetChain with the net first (or last)."""
    verb = "Append" if at_end else "Prepend"
    if not isinstance(net, Chain):
        ports = net.output_ports() if at_end else net.input_ports()
        if len(ports) != 1:
            side = "output" if at_end else "input"
            raise fail(head, "multiport", f"Cannot {verb.lower()} to a net with "
                       f"{len(ports)} {side} ports; it must have exactly one.")
        if any(name is not None for name, _ in items):
            raise fail(head, "invnetchpend2", f"Use {verb}[chain, layer] to modify a chain "
                       "composed of unnamed layers.")
        layers = [as_net(layer, head) for _, layer in items]
        return chain_of([net] + layers if at_end else layers + [net], head)
    new = _named(head, net, items, verb)
    old = list(net.children().items())
    if net.keyed:
        taken = [k for k, _ in old] + [k for k, _ in new]
        if len(set(taken)) != len(taken):
            raise fail(head, "invnetins3", f"Key {show(_duplicate(taken))} already exists in "
                       "chain.")
    pairs = old + new if at_end else new + old
    kept = {"ins": net.input_ports()} if at_end else {"outs": net.output_ports()}
    coders = end_coders(net.port_coders(), at_end, not at_end)
    return with_ports(head, _chain(head, net, pairs, coders), **kept)


def _duplicate(keys):
    return next(k for i, k in enumerate(keys) if k in keys[:i])


def _chain(head, like: Chain, pairs, coders):
    names = [k for k, _ in pairs] if like.keyed else None
    return chain_of([n for _, n in pairs], head, names, coders)


def insert(head, chain: Net, name, layer, pos) -> Chain:
    """NetInsert[chain, layer or "name" -> layer, pos]: pos counts from 1 (negative from
    the end, as Insert does) or names the layer to insert before."""
    if not isinstance(chain, Chain):
        raise fail(head, "arg1", "First argument to NetInsert should be a NetChain.")
    if not isinstance(pos, (int, str)) or isinstance(pos, bool):
        raise fail(head, "invnetins4", f"{show(pos)} is not a valid position to insert the "
                   "given layer.")
    items = list(chain.children().items())
    n = len(items)
    if chain.keyed and name is None:
        raise fail(head, "invnetins1", "Use NetInsert[chain, \"name\" -> layer, pos] to insert "
                   "into a chain composed of named layers.")
    if not chain.keyed and (name is not None or not isinstance(pos, int)):
        raise fail(head, "invnetins2", "Use NetInsert[chain, layer, pos] to insert into a "
                   "chain composed of unnamed layers.")
    if chain.keyed and name in chain.children():
        raise fail(head, "invnetins3", f"Key {show(name)} already exists in chain.")
    if isinstance(pos, str):
        if pos not in chain.children():
            raise fail(head, "invnetins4", f"{show(pos)} is not a valid position to insert "
                       "the given layer.")
        index = list(chain.children()).index(pos)
    elif 1 <= abs(pos) <= n + 1:
        index = pos - 1 if pos > 0 else n + 1 + pos
    else:
        raise fail(head, "invnetins4", f"{pos} is not a valid position to insert the given "
                   "layer.")
    items.insert(index, (name, as_net(layer, head)))
    coders = end_coders(chain.port_coders(), index > 0, index < n)
    return with_ports(head, _chain(head, chain, items, coders),
                      chain.input_ports() if index > 0 else None,
                      chain.output_ports() if index < n else None)


# -- NetDelete ----------------------------------------------------------------------------------

def delete(head, net: Net, specs) -> Container:
    """NetDelete[net, spec or {spec, ...}]: the layers named or counted removed. In a
    graph a removed node with one input and one output of fitting shapes is bridged
    (its source feeds its consumers); otherwise what it fed becomes free ports."""
    if not isinstance(net, Container):
        raise fail(head, "arg1", "First argument to NetDelete should be a NetChain or "
                   "NetGraph.")
    keys = [_node_key(head, net, s) for s in specs]
    w = Wiring.of(net)
    for key in keys:
        w = elide(w, key)
    if not w.nodes:
        raise fail(head, "netempty", f"{net.head} objects must contain at least one layer.")
    if isinstance(net, Chain):
        return keep_end_coders(w, net).chain(head)
    try:
        return w.graph(head)
    except NetError as e:
        if e.tag != "tyfail":
            raise
        raise fail(head, "invelide", f"Cannot remove interior layer {show(keys[-1])}: its "
                   "input and output are not compatible, and so removing it would "
                   "disconnect the graph.") from None


def keep_end_coders(w: Wiring, net: Container) -> Wiring:
    """The edited wiring of ``net``; for a chain, with the coders of its inputs (outputs)
    only while its first (last) layer is still there, as Wolfram's makeSubNetChain."""
    if isinstance(net, Chain):
        order = list(net.children())
        w.coders = end_coders(w.coders, order[0] in w.nodes, order[-1] in w.nodes)
    return w


def _node_key(head, net, spec):
    keys = list(net.children())
    if isinstance(spec, str):
        key = int(spec) if spec.isdigit() and not net.keyed else spec
        if key in keys:
            return key
    elif isinstance(spec, int) and not isinstance(spec, bool) and 1 <= abs(spec) <= len(keys):
        if isinstance(net, Graph) and net.keyed:
            raise fail(head, "intpartassoc", f"The integer {spec} cannot name a node of a "
                       "NetGraph built from an association; use the node's name instead.")
        return keys[spec - 1] if spec > 0 else keys[spec]
    tag = "invchdspec" if isinstance(net, Chain) else "invnetvertex"
    what = "The layer" if isinstance(net, Chain) else "The specified vertex"
    raise fail(head, tag, f"{what} {show(spec)} does not exist.")


def elide(w: Wiring, key) -> Wiring:
    """The wiring without node ``key``; its only input's source takes over its only
    output's consumers when it has one of each."""
    node = w.nodes[key]
    sources = w.sources_of(key)
    bridge = sources.get(next(iter(node.input_ports()))) \
        if len(node.input_ports()) == 1 and len(node.output_ports()) == 1 else None
    wires = []
    for src, dst in w.wires:
        if dst[0] == key:
            continue
        if src[0] == key:
            if bridge is None:
                continue
            src = bridge
        wires.append((src, dst))
    muted = [m for m in w.muted if m[0] != key]
    return replace(w, nodes={k: n for k, n in w.nodes.items() if k != key}, wires=wires,
                   muted=muted)


def delete_ports(head, graph: Net, names) -> Graph:
    """NetDelete[graph, NetPort["name"]]: an output port removed (its node's output is
    muted), or an input port that only feeds recurrent states (they start at zero)."""
    if not isinstance(graph, Graph):
        raise fail(head, "arg1", "First argument to NetDelete should be a NetChain or "
                   "NetGraph.")
    w = Wiring.of(graph)
    for name in names:
        if name in graph.output_ports():
            src = next(s for s, d in w.wires if d == (None, name))
            w.wires = [(s, d) for s, d in w.wires if d != (None, name)]
            if not w.consumers(src):
                w.muted.append(src)
        elif name in graph.input_ports():
            fed = w.consumers((None, name))
            if any(p not in w.nodes[k].state_ports() for k, p in fed):
                raise fail(head, "invdelport", "Cannot delete specified port(s) as they are "
                           "connected to at least one non-state layer input.")
            w.wires = [(s, d) for s, d in w.wires if s != (None, name)]
        else:
            raise fail(head, "nodelport", f"{show(name)} is not a port of the graph.")
    return w.graph(head)


# -- NetRename ---------------------------------------------------------------------------------

def rename(head, net: Net, new_name, levels=(1, 1), depth=1) -> Net:
    """NetRename: every layer name ``new_name(name)`` (None keeps it) at the levels
    (lo, hi) of nesting (1: the container itself); list-built containers are named by
    their numbers as strings, and a renamed one is built from names."""
    if not isinstance(net, Container):
        return net
    w = Wiring.of(net)
    if depth < levels[1]:
        w.nodes = {k: rename(head, n, new_name, levels, depth + 1) for k, n in w.nodes.items()}
    if depth >= levels[0]:
        mapping = {k: new_name(str(k)) for k in w.nodes}
        if any(v is not None and v != str(k) for k, v in mapping.items()):
            new = {k: str(k) if v is None else v for k, v in mapping.items()}
            if len(set(new.values())) != len(new):
                raise fail(head, "dupnames", "Renaming should give every layer a name of its "
                           f"own, not {show(list(new.values()))}.")
            w = w.rekeyed(new)
            w.keyed = True
    return w.container(head, net)


def rename_ports(head, net: Net, pairs) -> Container:
    """NetRename[net, NetPort["old"] -> NetPort["new"]]: input and output ports renamed."""
    if not isinstance(net, Container):
        raise fail(head, "invarg1", "First argument should be a NetChain or NetGraph.")
    w = Wiring.of(net)
    for old, new in pairs:
        if old in net.input_ports():
            w.wires = [((None, new) if s == (None, old) else s, d) for s, d in w.wires]
        elif old in net.output_ports():
            w.wires = [(s, (None, new) if d == (None, old) else d) for s, d in w.wires]
        else:
            raise fail(head, "inviopath", f"{show(old)} is not a name of an input or output "
                       "port of the net.")
        if old in w.coders:
            w.coders[new] = w.coders.pop(old)       # the port's coder goes with its name
    return w.graph(head)
