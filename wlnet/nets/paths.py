"""User path specs -> exact paths and path patterns, following Wolfram's ToNetPath.

A spec is a tuple of elements: str, int, ALL, Span(m, n), Alt(items) or LayerRef(net).
On a container a string is a port name (if it is one and comes last), else a node
key; ints count nodes (negative from the end). On a layer a final string is a port or
an array. On a net with parts named by strings (NetBidirectionalOperator's "ForwardNet"
and "BackwardNet") a string names a part, or a port when it comes last. On an operator (Fold, Map, Nest) any element that is not last, and any
final element that is not a string, descends into "Net" whatever it is, as in
Wolfram: so 3 or a layer object on a NetFoldOperator means its whole inner net.
"""
from dataclasses import dataclass

from .base import Net
from .errors import NetError
from .graph import Chain, Container
from .layer import Layer
from .operators import Operator


class _Any:
    """Matches every key (Wolfram's All or _ in a path)."""

    def __repr__(self):
        return "ALL"

    def __reduce__(self):  # copies and pickles stay the one sentinel, so `is ANY` holds
        return "ANY"


ALL = ANY = _Any()


@dataclass(frozen=True)
class Span:
    """m ;; n over the nodes of a chain, inclusive, negative counting from the end."""
    start: int
    stop: int


@dataclass(frozen=True)
class Alt:
    """a | b | ...: any of these node keys (not checked to exist, as in Wolfram)."""
    items: tuple


@dataclass(frozen=True, eq=False)
class LayerRef:
    """A net object used as a path element."""
    net: Net


@dataclass(frozen=True)
class Port:
    """A path ending at a port: valid, but it holds no arrays."""
    name: str


@dataclass(frozen=True)
class PathPattern:
    """Element matchers (a key, ANY, a frozenset of keys, or a Port) matched as a
    prefix of array paths."""
    elements: tuple
    selects_operator_net: bool = False

    def matches(self, path: tuple) -> bool:
        if len(path) < len(self.elements):
            return False
        for want, key in zip(self.elements, path):
            if want is ANY:
                continue
            if isinstance(want, frozenset):
                if key not in want:
                    return False
            elif isinstance(want, Port) or want != key:
                return False
        return True


class PathError(NetError):
    """The spec does not name a position in the net (NetTrain shows arrpattmiss)."""

    def __init__(self, spec):
        super().__init__("NetExtract", "netnopart", f"{_show(spec)} is not a valid position "
                         "within the net.")
        self.spec = spec


def _show(spec):
    return repr(list(spec))


def to_path_pattern(net: Net, spec: tuple) -> PathPattern:
    """Resolve a user spec to a pattern, or raise PathError / NetGraph::intpartassoc."""
    flag = []
    elements = _resolve(net, tuple(spec), spec, flag)
    return PathPattern(elements, bool(flag))


def _resolve(obj, rest, spec, flag):
    if not rest:
        return ()
    el, last = rest[0], len(rest) == 1
    if isinstance(obj, Layer):
        if last and isinstance(el, str):
            if el in obj.input_ports() or el in obj.output_ports() or el in obj.state_ports():
                return (Port(el),)
            if el in obj.local_arrays():
                return (el,)
        raise PathError(spec)
    if isinstance(obj, Operator):
        if last and isinstance(el, str):
            if el in obj.input_ports() or el in obj.output_ports() or el in obj.state_ports():
                return (Port(el),)
            if el == "Net":
                return ("Net",)
            raise PathError(spec)
        if el != "Net":
            flag.append(el)
        return ("Net",) + _resolve(obj.net, rest[1:], spec, flag)
    if not isinstance(obj, Container):   # parts named by string (NetBidirectionalOperator)
        if last and isinstance(el, str) and el in {**obj.input_ports(), **obj.output_ports(),
                                                   **obj.state_ports()}:
            return (Port(el),)
        if isinstance(el, str) and el in obj.children():
            return (el,) + _resolve(obj.children()[el], rest[1:], spec, flag)
        if el is ANY or isinstance(el, Alt):
            keys = list(obj.children()) if el is ANY else list(el.items)
            return _several(obj, el, keys, rest, spec, flag)
        raise PathError(spec)
    if isinstance(obj, Container):
        if last and isinstance(el, str) and (el in obj.input_ports() or el in obj.output_ports()):
            return (Port(el),)
        if el is ANY or isinstance(el, (Alt, Span)):
            return _several(obj, el, _keys(obj, el, spec), rest, spec, flag)
        key = node_key(obj, el, spec)
        return (key,) + _resolve(obj.children()[key], rest[1:], spec, flag)
    raise PathError(spec)


def _several(obj, el, keys, rest, spec, flag):
    """The pattern of an element naming several parts (_, a | b, m ;; n): what follows
    must resolve alike in each of them."""
    tails = {_resolve(obj.children()[k], rest[1:], spec, flag)
             for k in keys if k in obj.children()}
    if len(tails) > 1:
        raise PathError(spec)
    matcher = ANY if el is ANY else frozenset(keys)
    return (matcher,) + (tails.pop() if tails else ())


def _keys(container, el, spec):
    keys = list(container.children())
    if el is ANY:
        return keys
    if isinstance(el, Alt):
        return [node_key(container, i, spec) if isinstance(i, int) else i for i in el.items]
    if not isinstance(container, Chain):
        raise PathError(spec)
    first, last = (node_key(container, i, spec) for i in (el.start, el.stop))
    return keys[keys.index(first):keys.index(last) + 1]


def node_key(container, el, spec):
    """The key of a node named by a string or counted by an int."""
    keys = list(container.children())
    if isinstance(el, str):
        if el in keys:
            return el
        if el.isdigit() and int(el) in keys:
            return int(el)
        raise PathError(spec)
    if isinstance(el, int) and not isinstance(el, bool):
        if container.keyed and not isinstance(container, Chain):
            raise NetError("NetGraph", "intpartassoc", f"the integer {el} cannot name a "
                           "node of a NetGraph built from an association; use the node's "
                           "name instead.")
        if 1 <= abs(el) <= len(keys):
            return keys[el - 1] if el > 0 else keys[el]
    raise PathError(spec)


def to_path(net: Net, spec: tuple):
    """An exact path (tuple of keys) or a Port for a spec of strings and ints."""
    pattern = to_path_pattern(net, spec)
    if pattern.selects_operator_net or any(e is ANY or isinstance(e, frozenset)
                                           for e in pattern.elements):
        raise PathError(spec)
    end = pattern.elements[-1] if pattern.elements else None
    return end if isinstance(end, Port) else pattern.elements


def extract(net: Net, spec: tuple):
    """NetExtract: a sub-net, an array (None if uninitialised) or a port's shape."""
    path = to_path(net, spec)
    if isinstance(path, Port):
        owner = net.extract(tuple(to_path(net, spec[:-1]))) if len(spec) > 1 else net
        ports = {**owner.input_ports(), **owner.output_ports(), **owner.state_ports()}
        return ports[path.name]
    return net.extract(path)


def replace(net: Net, spec: tuple, value) -> Net:
    """NetReplacePart for one spec: a new net with that sub-net or array replaced."""
    path = to_path(net, spec)
    if isinstance(path, Port):
        raise PathError(spec)
    return net.replace(path, value)
