"""NetFlatten and the node-by-node replacement behind NetReplace.

Flattening inlines a nested NetChain or NetGraph into its parent: the inner nodes take
the nested node's place (named "outer/inner" in a container built from names,
numbered again in one built from a list) and the inner wires are joined to the outer
ones. The result is a NetChain when its wires form a line, else a NetGraph; operators
keep their place and have their inner net flattened.
"""
from dataclasses import replace

from .base import Net
from .errors import NetError, show
from .graph import Chain, Container, Graph
from .operators import Operator
from .surgery import elide, fail, keep_end_coders
from .wiring import Wiring, with_ports

DELETE = object()      # a replacement that removes the node (Wolfram's Nothing)


HEADS = ("Automatic", "NetGraph", "NetChain", "Same")


def flatten(head, net: Net, levels, heads="Automatic") -> Net:
    """NetFlatten[net, levels, AllowedHeads -> heads]: nested containers inlined through
    ``levels`` levels; each result a NetChain when its wires form a line, else a NetGraph
    ("Automatic"), always a NetGraph ("NetGraph"), a NetChain or notchained ("NetChain"),
    or of the container's own type, only containers of that type being inlined ("Same")."""
    if levels <= 0:
        return net
    if isinstance(net, Operator):
        return net.with_child("Net", flatten(head, net.net, levels - 1, heads))
    if not isinstance(net, Container):
        return net
    w = Wiring.of(net)
    w.nodes = {k: flatten(head, n, levels - 1, heads) for k, n in w.nodes.items()}
    for key in [k for k, n in w.nodes.items() if isinstance(n, Container) and
                (heads != "Same" or type(n) is type(net))]:
        w = inline(w, key)
    return build(head, w, heads if heads != "Same" else
                 "NetChain" if isinstance(net, Chain) else "NetGraph")


def build(head, w: Wiring, heads="Automatic") -> Container:
    """A NetChain when the wires form a line and ``heads`` allows it, else a NetGraph."""
    order = w.line() if heads != "NetGraph" else None
    if order is not None:
        return replace(w, nodes={k: w.nodes[k] for k in order}, wires=[]).chain(head)
    if heads == "NetChain":
        raise fail(head, "notchained", "The net cannot be flattened to a NetChain.")
    return w.graph(head)


def inline(w: Wiring, key) -> Wiring:
    """The wiring with the container at ``key`` replaced by its own nodes and wires."""
    inner = Wiring.of(w.nodes[key])

    def name(k):
        return f"{key}/{k}" if w.keyed else (key, k)      # tuples are numbered later
    nodes = {}
    for k, n in w.nodes.items():
        if k == key:
            nodes.update({name(ik): n2 for ik, n2 in inner.nodes.items()})
        else:
            nodes[k] = n
    feeding = {dst[1]: src for src, dst in w.wires if dst[0] == key}

    def outer_end(end):
        """An endpoint inside, seen from outside: a node renamed, an input traced to
        what feeds the container."""
        if end[0] is None:
            return feeding[end[1]]
        return (name(end[0]), end[1])
    giving = {dst[1]: outer_end(src) for src, dst in inner.wires if dst[0] is None}
    wires = [(outer_end(s), (name(d[0]), d[1])) for s, d in inner.wires if d[0] is not None]
    for src, dst in w.wires:
        if dst[0] == key:
            continue
        wires.append((giving[src[1]] if src[0] == key else src, dst))
    muted = [m for m in w.muted if m[0] != key] + [(name(m[0]), m[1]) for m in inner.muted]
    muted += [giving[m[1]] for m in w.muted if m[0] == key]
    return replace(w, nodes=nodes, wires=wires, muted=muted)


def replace_nodes(head, net: Net, replace, flatten_in_place=True, path=()) -> tuple:
    """(net, count): every node (innermost first, then the net itself) offered to
    ``replace(net)``, which gives None (keep it), DELETE or a new net. A replacement
    must keep the node's ports; a NetChain put in a chain (a NetGraph in a graph) is
    inlined when ``flatten_in_place``."""
    count = 0
    if isinstance(net, Operator):
        inner, count = replace_nodes(head, net.net, replace, flatten_in_place, path + ("Net",))
        if count:
            net = _checked(head, path + ("Net",), lambda: net.with_child("Net", inner))
    elif isinstance(net, Container):
        w = Wiring.of(net)
        for key in list(w.nodes):
            node, n = replace_nodes(head, w.nodes[key], replace, flatten_in_place,
                                    path + (key,))
            new = replace(node)
            count += n + (new is not None)
            if new is DELETE:
                w = elide(w, key)
                continue
            w.nodes[key] = node if new is None else _compatible(head, path + (key,), node,
                                                                new)
            if new is not None and flatten_in_place and type(new) is type(net) and \
                    isinstance(new, (Chain, Graph)):
                w = inline(w, key)
        if count:
            w = keep_end_coders(w, net)
            net = _checked(head, path, lambda: with_ports(head, w.container(head, net),
                                                          net.input_ports(),
                                                          net.output_ports()))
    return net, count


def _compatible(head, path, old: Net, new: Net) -> Net:
    """``new`` if it has the ports of ``old`` and their shapes fit, else invnetrep."""
    for kind, a, b in (("input", old.input_ports(), new.input_ports()),
                       ("output", old.output_ports(), new.output_ports())):
        missing = [p for p in a if p not in b]
        extra = [p for p in b if p not in a]
        if missing or extra:
            word = "missing" if missing else "had extra"
            raise _replace_failed(head, path, f"replacement net {'was ' if missing else ''}"
                                  f"{word} {kind} port named {show((missing or extra)[0])}")
    return new


def _checked(head, path, build):
    try:
        return build()
    except NetError as e:
        raise _replace_failed(head, path, e.text[:1].lower() + e.text[1:].rstrip(".")) \
            from None


def _replace_failed(head, path, reason):
    where = "the net" if not path else "/".join(map(str, path))
    return fail(head, "invnetrep", f"Replacement of {where} failed: {reason}.")
