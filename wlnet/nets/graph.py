"""NetChain and NetGraph: nodes wired port to port, with shapes inferred across wires.

Both are a Container: nodes by key (ints 1..n when built from a list, strings when
built from a dict) and, for every node input, the source feeding it. A source or
sink is an endpoint (key, port) where key None means a port of the container itself.

Edges given to Graph are pairs (src, dst); an endpoint is written
  ("port", name)          a port of the graph (NetPort["name"])
  ("node", key)           a node's default port (NetPort[key] or just key)
  ("node", key, port)     a node's named port (NetPort[key, "port"])
  key                     shorthand for ("node", key)
and src may be a list of endpoints: {a, b} -> c, wired to c's inputs in order. A dst
of None mutes a node's output (NetPort[key, "port"] -> None): it is not a graph output.
"""
from .base import Net, below, fresh, lift
from .coders.base import fitted, port_spec
from .errors import NetError, ShapeConflict, show
from .functions import NAMED
from .layers.elementwise import ElementwiseLayer
from .layers.linear import LinearLayer
from .shapes import describe, port_shape, unify


def as_net(spec, head="NetChain"):
    """A node spec as Wolfram reads it: n -> LinearLayer[n], Tanh -> ElementwiseLayer,
    a list or dict -> a nested NetChain."""
    if isinstance(spec, Net):
        return spec
    if isinstance(spec, int) and not isinstance(spec, bool):
        return LinearLayer(spec)
    if isinstance(spec, str) and spec in NAMED:
        return ElementwiseLayer(spec)
    if isinstance(spec, (list, dict)):
        return Chain(spec)
    raise NetError(head, "invarg", f"{show(spec)} is not a layer or net.")


class Container(Net):
    """Nodes, the source of every node input, and shape inference over the wiring."""

    def _build(self, nodes, keyed, edges, ports):
        """Wire nodes by edges, name the free ports, order the nodes, infer shapes."""
        self._keyed = keyed
        nodes = {k: as_net(n, self.head) for k, n in nodes.items()}
        self._nodes = _set_input_counts(self.head, nodes, edges)
        self._filled = {}
        conn = {k: {} for k in nodes}
        gout, gin_names, used, self._muted = {}, [], set(), []
        for src, dst in edges:
            src = self._resolve(src, "source")
            used.add(src)
            if dst is None:
                if src[0] is None:
                    raise NetError(self.head, "invedge", f"only a node's output can be "
                                   f"muted, not the input port {src[1]}.")
                self._muted.append(src)
                continue
            dst = self._resolve(dst, "sink")
            if src[0] is None and src[1] not in gin_names:
                gin_names.append(src[1])
            if dst[0] is None:
                gout[dst[1]] = src
            elif dst[1] in conn[dst[0]]:
                raise NetError(self.head, "invedge", f"the port {dst[1]} of node {dst[0]} "
                               "is connected more than once.")
            else:
                conn[dst[0]][dst[1]] = src
        free_in = [(k, p) for k, n in self._nodes.items() for p in n.input_ports()
                   if p not in conn[k]]
        for name, (k, p) in zip(_port_names([p for _, p in free_in]), free_in):
            conn[k][p] = (None, name)
            if name not in gin_names:
                gin_names.append(name)
        free_out = [(k, p) for k, n in self._nodes.items() for p in n.output_ports()
                    if (k, p) not in used]
        for name, src in zip(_port_names([p for _, p in free_out]), free_out):
            gout[name] = src
        self._conn, self._gout = conn, gout
        self._order = self._topological_order()
        self._gin = {name: None for name in gin_names}
        self._gout_shapes = {name: None for name in gout}
        unknown = set(ports) - set(self._gin) - set(gout)
        if unknown:
            raise NetError(self.head, "invarg", f"{self.head} has no port {sorted(unknown)[0]}.")
        self._coders, shapes = {}, {}
        for p, spec in ports.items():
            shape, coder = port_spec(self.head, p, spec, p in self._gin)
            shapes[p] = port_shape(self.head, shape)
            if coder is not None:
                self._coders[p] = coder
        for p, coder in self._coders.items():
            if p in self._gin and coder.index_count is not None:
                self._nodes = self._with_index_count(p, coder.index_count)._nodes
        try:
            self._infer_all({p: s for p, s in shapes.items() if p in self._gin},
                            {p: s for p, s in shapes.items() if p in gout})
        except NetError as e:
            raise self._coder_conflict(shapes) or e from None

    def _coder_conflict(self, shapes):
        """When the shapes fit without the coders, a NetError naming the coder that does
        not fit its port (else None: the conflict is elsewhere)."""
        plain = {p: s for p, s in shapes.items() if p not in self._coders}
        try:
            self._infer_all({p: s for p, s in plain.items() if p in self._gin},
                            {p: s for p, s in plain.items() if p in self._gout})
        except NetError:
            return None
        ports = {**self._gin, **self._gout_shapes}
        misfit = next(((p, c) for p, c in self._coders.items()
                       if not _fits(c.shape, ports[p])), None)
        if misfit is None:
            return None          # each coder fits its port: the clash is downstream
        port, coder = misfit
        side = "takes" if port in self._gout else "gives"
        return NetError(self.head, "tyfail", f"the {coder.form()} on the port {port} {side} "
                        f"{describe(coder.shape)}, but the port is {describe(ports[port])}.")

    def _resolve(self, end, role):
        """An edge endpoint as (key or None, port name)."""
        if isinstance(end, tuple) and len(end) == 2 and end[0] == "port":
            return (None, end[1])
        if isinstance(end, tuple) and end and end[0] == "node" and len(end) in (2, 3):
            key, port = end[1], (end[2] if len(end) == 3 else None)
        elif isinstance(end, (int, str)) and not isinstance(end, bool):
            key, port = end, None
        else:
            raise NetError(self.head, "invedge", f"{show(end)} is not a valid edge endpoint.")
        node = self._nodes.get(key)
        if node is None:
            raise NetError(self.head, "invedge", f"the edge refers to a node {show(key)} that "
                           f"does not exist; the nodes are {show(list(self._nodes))}.")
        names = list(node.output_ports() if role == "source" else node.input_ports())
        if port is None:
            port = self._default_port(key, node, names, role)
        elif port not in names and port not in node.state_ports():
            raise NetError(self.head, "invedge", f"node {show(key)} ({node.head}) has no "
                           f"{'output' if role == 'source' else 'input'} port {show(port)}.")
        return (key, port)

    def _default_port(self, key, node, names, role):
        if role == "sink" and node.variadic_inputs:
            taken = self._filled.get(key, 0)
            self._filled[key] = taken + 1
            return names[taken]
        if len(names) == 1:
            return names[0]
        default = "Output" if role == "source" else "Input"
        if default in names:
            return default
        raise NetError(self.head, "invedge", f"node {show(key)} ({node.head}) has several "
                       f"ports {show(names)}; name the one to connect.")

    def _topological_order(self):
        order, done = [], set()
        pending = list(self._nodes)
        while pending:
            ready = [k for k in pending if all(s[0] is None or s[0] in done
                                               for s in self._conn[k].values())]
            if not ready:
                raise NetError(self.head, "cyclic", "the connections form a cycle through "
                               f"the nodes {', '.join(map(str, pending))}.")
            order += ready
            done.update(ready)
            pending = [k for k in pending if k not in done]
        return order

    # -- shape inference -----------------------------------------------------------------
    def _infer_all(self, gin, gout):
        """Unify shapes along every wire and refine every node until nothing changes."""
        val = {(None, p): s for p, s in self._gin.items()}
        for p, s in gin.items():
            val[(None, p)] = self._unify(val[(None, p)], s, f"the input port {p}")
        for k, node in self._nodes.items():
            for p, s in {**node.output_ports(), **node.state_ports()}.items():
                val[(k, p)] = s
        for p, s in gout.items():
            src = self._gout[p]
            val[src] = self._unify(val[src], s, f"the output port {p}")
        nodes = dict(self._nodes)
        while True:
            before = (dict(val), dict(nodes))
            for k in self._order:
                nodes[k] = self._refine_node(k, nodes[k], val)
            if (val, nodes) == before:
                break
        self._nodes = nodes
        self._gin = {p: val[(None, p)] for p in self._gin}
        self._gout_shapes = {p: val[src] for p, src in self._gout.items()}

    def _refine_node(self, key, node, val):
        own_in = {**node.input_ports(), **node.state_ports()}
        ins = {}
        for p, src in self._conn[key].items():
            ins[p] = self._unify(val[src], own_in[p],
                                 f"{_describe_end(src)} feeding the port {p} of node {show(key)} "
                                 f"({node.head})")
        outs = {p: val[(key, p)] for p in {**node.output_ports(), **node.state_ports()}}
        try:
            new = node.refine(ins, outs)
        except NetError as e:
            raise NetError(self.head, e.tag, f"in node {show(key)} ({node.head}): {e.text}") from None
        new_in = {**new.input_ports(), **new.state_ports()}
        for p, src in self._conn[key].items():
            val[src] = new_in[p]
        for p, s in {**new.output_ports(), **new.state_ports()}.items():
            val[(key, p)] = s
        return new

    def _unify(self, a, b, what):
        try:
            return unify(a, b)
        except ShapeConflict:
            raise NetError(self.head, "tyfail", f"{what}: {describe(a)} does not fit "
                           f"{describe(b)}.") from None

    # -- the Net interface -------------------------------------------------------------
    def input_ports(self):
        return dict(self._gin)

    def output_ports(self):
        return dict(self._gout_shapes)

    def children(self):
        return dict(self._nodes)

    def integer_inputs(self):
        """The container's inputs that feed an integer input of a node."""
        return {src[1] for k, node in self._nodes.items() for p in node.integer_inputs()
                for src in [self._conn[k].get(p)] if src is not None and src[0] is None}

    def index_counts(self):
        counts = {}
        for k, node in self._nodes.items():
            for p, n in node.index_counts().items():
                src = self._conn[k].get(p)
                if src is not None and src[0] is None:
                    counts[src[1]] = min(n, counts.get(src[1], n))
        return counts

    def port_coders(self):
        """The coders given to the container's ports, and those of the nodes' ports that
        became its ports (a NetEncoder on the first layer's input is the chain's)."""
        found = {}
        for k, node in self._nodes.items():
            inner = node.port_coders()
            for port, src in self._conn[k].items():
                if src[0] is None and port in inner:
                    found.setdefault(src[1], inner[port])
        for name, (k, port) in self._gout.items():
            inner = self._nodes[k].port_coders() if k is not None else {}
            if port in inner:
                found.setdefault(name, inner[port])
        found.update(self._coders)
        return fitted(found, {**self._gin, **self._gout_shapes})

    @property
    def keyed(self) -> bool:
        """Built from a dict (string keys) rather than a list (int keys)."""
        return self._keyed

    def nodes_value(self):
        """The nodes as given: a list, or a dict when built from one."""
        return dict(self._nodes) if self._keyed else list(self._nodes.values())

    @property
    def order(self) -> list:
        """The node keys, each after every node that feeds it (the order of evaluation)."""
        return list(self._order)

    def connections(self) -> list:
        """Every wire as (source, sink) endpoints: one per connected node input and one
        per container output (key None = a port of the container)."""
        wires = [(src, (k, p)) for k in self._nodes for p, src in self._conn[k].items()]
        return wires + [(src, (None, p)) for p, src in self._gout.items()]

    def refine(self, ins, outs):
        new = self._evolve(_nodes=dict(self._nodes))
        new._infer_all(ins, outs)
        if (new._nodes, new._gin, new._gout_shapes) == (self._nodes, self._gin,
                                                         self._gout_shapes):
            return self
        return new

    def with_index_count(self, port, n):
        new = self._with_index_count(port, n)
        return new if new._nodes == self._nodes else new.refine({}, {})

    def _with_index_count(self, port, n):
        """A copy whose nodes fed by the input ``port`` know it carries codes 1..n."""
        nodes = dict(self._nodes)
        for k, node in self._nodes.items():
            for p, src in self._conn[k].items():
                if src == (None, port):
                    nodes[k] = nodes[k].with_index_count(p, n)
        return self._evolve(_nodes=nodes)

    def with_child(self, key, child):
        return self.with_children({key: child})

    def with_children(self, children):
        for key in children:
            if key not in self._nodes:
                return super().with_child(key, children[key])   # says it is no part
        nodes = dict(self._nodes)
        for key, child in children.items():
            child = nodes[key] = as_net(child, self.head)
            missing = [p for p in self._conn[key] if p not in {**child.input_ports(),
                                                               **child.state_ports()}]
            if missing:
                raise NetError(self.head, "tyfail", f"the new node {show(key)} lacks the "
                               f"input port {missing[0]} of the node it replaces.")
        new = self._evolve(_nodes=nodes)
        new._infer_all(self._gin, self._gout_shapes)
        return new

    def emit(self, compiler, in_regs):
        regs = {(None, p): r for p, r in in_regs.items()}
        for k in self._order:
            node_in = {p: regs[src] for p, src in self._conn[k].items()}
            with compiler.scope(k):
                out = self._nodes[k].emit(compiler, node_in)
            regs.update({(k, p): r for p, r in out.items()})
        return {p: regs[src] for p, src in self._gout.items()}

    def evaluate(self, xp, arrays, inputs, training=False, rng=None, updates=None):
        values = {(None, p): v for p, v in inputs.items()}
        for k in self._order:
            ins = {p: values[src] for p, src in self._conn[k].items() if src in values}
            sub = fresh(updates)
            out = self._nodes[k].evaluate(xp, below(arrays, k), ins, training, rng, sub)
            lift(updates, k, sub)
            values.update({(k, p): v for p, v in out.items()})
        return {p: values[src] for p, src in self._gout.items()}


def _fits(a, b) -> bool:
    try:
        unify(a, b)
        return True
    except ShapeConflict:
        return False


def _describe_end(end):
    key, port = end
    return f"the input port {port}" if key is None else f"the port {port} of node {show(key)}"


def _port_names(names):
    """Free ports keep their name; a name several free ports share is numbered
    (Output1, Output2, ...), as Wolfram names them."""
    counts = {n: names.count(n) for n in names}
    seen = {}
    out = []
    for n in names:
        if counts[n] > 1:
            seen[n] = seen.get(n, 0) + 1
            out.append(f"{n}{seen[n]}")
        else:
            out.append(n)
    return out


def _set_input_counts(head, nodes, edges):
    """Multi-input layers without a port count get one port per edge into them."""
    counts = {}
    for src, dst in edges:
        key = dst if isinstance(dst, (int, str)) and not isinstance(dst, bool) else \
            (dst[1] if isinstance(dst, tuple) and len(dst) == 2 and dst[0] == "node" else None)
        if key in nodes and nodes[key].variadic_inputs:
            counts[key] = counts.get(key, 0) + 1
    out = dict(nodes)
    for key, n in counts.items():
        layer = nodes[key]
        if layer.input_count is None:
            out[key] = layer.with_input_count(n)
        elif layer.input_count < n:
            raise NetError(head, "invedge", f"node {show(key)} ({layer.head}) has "
                           f"{layer.input_count} inputs but {n} edges lead into it.")
    return out


def _expand(edges):
    """Edge pairs with list sources ({a, b} -> c) split into one pair per source."""
    out = []
    for edge in edges:
        if not (isinstance(edge, (tuple, list)) and len(edge) == 2):
            raise NetError("NetGraph", "invedge", f"{show(edge)} is not an edge (source, sink).")
        src, dst = edge
        out += [(s, dst) for s in src] if isinstance(src, list) else [(src, dst)]
    return out


class Graph(Container):
    """NetGraph: nodes (a list, keys 1..n, or a dict) wired by explicit edges."""

    head = "NetGraph"

    def __init__(self, nodes, edges=(), ports=None):
        keyed, nodes = _keyed_nodes(self.head, nodes)
        self._build(nodes, keyed, _expand(edges), ports or {})

    def summary_details(self):
        nodes, edges = len(self._nodes), len(self.connections())
        return [f"{nodes} node{'' if nodes == 1 else 's'}",
                f"{edges} edge{'' if edges == 1 else 's'}"]

    def constructor(self):
        """The nodes and one edge per wire, a node's only port written as its key (and
        one edge to None per muted output); the coders given to its ports."""
        wires = [(self._endpoint(src, "source"), self._endpoint(dst, "sink"))
                 for src, dst in self.connections()]
        return [self.nodes_value(), wires + [(self._endpoint(src, "source"), None)
                                             for src in self.muted()]], dict(self._coders)

    def muted(self) -> list:
        """The node outputs (key, port) that are explicitly not outputs of the graph."""
        return list(self._muted)

    def _endpoint(self, end, role):
        key, port = end
        if key is None:
            return ("port", port)
        node = self._nodes[key]
        ports = node.output_ports() if role == "source" else node.input_ports()
        return key if list(ports) == [port] and not node.variadic_inputs else ("node", key, port)

    @classmethod
    def build(cls, args, options):
        return cls(*args, ports=options)


class Chain(Container):
    """NetChain: each node's output feeds the next node's input."""

    head = "NetChain"

    def __init__(self, layers, ports=None):
        keyed, nodes = _keyed_nodes(self.head, layers)
        keys = list(nodes)
        self._build(nodes, keyed, list(zip(keys, keys[1:])), ports or {})

    def summary_details(self):
        n = len(self._nodes)
        return [f"{n} layer{'' if n == 1 else 's'}"]

    def constructor(self):
        return [self.nodes_value()], dict(self._coders)

    @classmethod
    def build(cls, args, options):
        return cls(*args, ports=options)


def _keyed_nodes(head, nodes):
    if isinstance(nodes, dict):
        if not all(isinstance(k, str) for k in nodes):
            raise NetError(head, "invarg", "the keys of the layer association must be strings.")
        return True, dict(nodes)
    if isinstance(nodes, (list, tuple)):
        return False, {i: n for i, n in enumerate(nodes, 1)}
    raise NetError(head, "invarg", f"{show(nodes)} is not a list or association of layers.")
