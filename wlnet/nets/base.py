"""The Net value: what every layer, container and operator shares.

Nets are immutable values. Every change (arrays, a replaced part, refined shapes)
returns a new object; arrays are read-only ndarrays shared between versions.
Paths are tuples of keys: node keys (ints for list-built containers, strings for
association-built ones), "Net" for an operator's inner net, array names at the leaves.
"""
import copy

from .errors import NetError, ShapeConflict, show
from .shapes import describe, is_complete, is_fixed, unify


class Net:
    """Base of layers, containers and operators."""

    head = "Net"

    # -- what a concrete net provides -------------------------------------------------
    def input_ports(self) -> dict:
        raise NotImplementedError

    def output_ports(self) -> dict:
        raise NotImplementedError

    def state_ports(self) -> dict:
        """Recurrent states: optional inputs (default zeros) and extra outputs."""
        return {}

    def port_coders(self) -> dict:
        """{port: Coder} on this net's own ports: NetEncoders on inputs, NetDecoders on
        outputs (``nets/coders``), fitted to the ports' shapes. The runtime computes
        with arrays only; the bridge applies them."""
        return {}

    def with_port_coder(self, port: str, coder) -> "Net":
        """This net with a NetEncoder/NetDecoder (a coder kind's name, or None for no
        coder) on one of its own ports; the port takes the coder's shape. Layers and
        containers keep their coders in ``_coders``; operators have none."""
        if not hasattr(self, "_coders"):
            raise NetError(self.head, "invarg", f"{self.head} takes no coder on its ports.")
        from .coders.base import port_spec
        is_input = port in self.input_ports()
        shape, coder = port_spec(self.head, port, coder, is_input)
        coders = {p: c for p, c in self._coders.items() if p != port}
        new = self._evolve(_coders={**coders, **({port: coder} if coder else {})})
        if is_input and getattr(coder, "index_count", None) is not None:
            new = new.with_index_count(port, coder.index_count)
        return new.refine({port: shape} if is_input else {}, {} if is_input else {port: shape})

    def with_index_count(self, port: str, n: int) -> "Net":
        """This net told that ``port`` receives integer codes from 1 to ``n`` (a class or
        text NetEncoder feeds it): an EmbeddingLayer takes n as its class count, a
        container passes it to the nodes wired to that port; other nets ignore it."""
        return self

    def children(self) -> dict:
        """Sub-nets by path key (nodes of a container, "Net" of an operator)."""
        return {}

    def integer_inputs(self) -> set:
        """The input ports that take integers (class indices): no gradient reaches them."""
        return set()

    def index_counts(self) -> dict:
        """{input port: n} for the integer inputs that must hold integers from 1 to n
        (an EmbeddingLayer's classes), so a backend without the NumPy kernels' checks
        can refuse other input as they do (``plan.check_indices``)."""
        return {}

    def local_arrays(self) -> dict:
        """Arrays held by this net itself (only layers hold arrays)."""
        return {}

    def local_array_shapes(self) -> dict:
        return {}

    def local_array_specs(self) -> dict:
        """{name: ArraySpec} of the arrays held by this net itself (see arrayspec.py)."""
        return {}

    def constructor(self) -> tuple:
        """(positional arguments, {option name: value}) of the Wolfram call that
        rebuilds this net, in the runtime's Python notation (nested nets as nets): what
        InputForm and the .wlnet file write."""
        raise NotImplementedError

    def summary_details(self) -> list:
        """The words a one-line summary shows before the ports ("3 layers")."""
        return []

    # A net whose inputs are numbered Input1..n, one per edge into it in a NetGraph,
    # has ``variadic_inputs`` and provides ``input_count`` and ``with_input_count(n)``.
    variadic_inputs = False

    def with_child(self, key, child: "Net") -> "Net":
        raise NetError(self.head, "netnopart", f"{show(key)} is not a part of the net.")

    def with_children(self, children: dict) -> "Net":
        """A copy with several children replaced at once; a graph overrides it to infer
        its shapes once for all of them, not once per child."""
        net = self
        for key, child in children.items():
            net = net.with_child(key, child)
        return net

    def with_local_arrays(self, arrays: dict) -> "Net":
        name = next(iter(arrays))
        raise NetError(self.head, "netnopart", f"{self.head} has no array {show(name)}.")

    def refine(self, ins: dict, outs: dict) -> "Net":
        """This net with port shapes unified with ins/outs and everything inferred."""
        raise NotImplementedError

    def emit(self, compiler, in_regs: dict) -> dict:
        """Append this net's kernels to a plan; map input port registers to outputs."""
        raise NotImplementedError

    def evaluate(self, xp, arrays: dict, inputs: dict, training=False, rng=None,
                 updates=None) -> dict:
        """The pure forward of the whole net, written once for any array namespace ``xp``
        (NumPy, ``jax.numpy``): ``arrays`` {path: value} with the paths relative to this
        net (as ``arrays()`` gives them), ``inputs`` {port: batch} (a state port may be
        left out: zeros); gives {port: value} of every output and final state. A layer
        runs its ``forward``; a container composes its children's ``evaluate`` by its
        structure, so a backend lowers any net through this one method (the JAX backend
        jit-compiles and differentiates it). Loops over steps use ``arrayapi.scan``.
        While training, a dict ``updates`` receives {path: new value} of the auxiliary
        arrays that changed (a layer's ``Outputs.updates``), as the kernels change them in
        place: a later use within the pass (the next step of a fold) sees the new value."""
        raise NotImplementedError

    # -- derived ------------------------------------------------------------------------
    def arrays(self) -> dict:
        """{path: ndarray or None} in Wolfram's order (nodes in order, names sorted)."""
        out = {(name,): a for name, a in sorted(self.local_arrays().items())}
        for key, child in self.children().items():
            out.update({(key,) + p: a for p, a in child.arrays().items()})
        return out

    def array_shapes(self) -> dict:
        """{path: shape or None} for every array, in the order of arrays()."""
        out = {(name,): s for name, s in sorted(self.local_array_shapes().items())}
        for key, child in self.children().items():
            out.update({(key,) + p: s for p, s in child.array_shapes().items()})
        return out

    def array_specs_by_path(self) -> dict:
        """{path: ArraySpec} for every array, in the order of arrays()."""
        out = {(name,): s for name, s in sorted(self.local_array_specs().items())}
        for key, child in self.children().items():
            out.update({(key,) + p: s for p, s in child.array_specs_by_path().items()})
        return out

    def array_paths(self) -> list:
        return list(self.array_shapes())

    def trainable_paths(self) -> list:
        """The paths of the arrays training updates (not auxiliary ones such as moving
        statistics), in the order of arrays()."""
        return [p for p, spec in self.array_specs_by_path().items() if spec.trainable]

    def auxiliary_paths(self) -> list:
        """The paths of the arrays training changes without gradients (moving
        statistics), in the order of arrays()."""
        return [p for p, spec in self.array_specs_by_path().items() if not spec.trainable]

    def is_initialized(self) -> bool:
        return all(a is not None for a in self.arrays().values())

    def incomplete(self) -> list:
        """Descriptions of every port or array whose shape is not yet known."""
        found = [f"array {'/'.join(map(str, p))}" for p, s in self.array_shapes().items()
                 if not is_fixed(s)]
        for kind, ports in (("input", self.input_ports()), ("output", self.output_ports())):
            found += [f"{kind} port {name}" for name, s in ports.items() if not is_complete(s)]
        return found

    def with_arrays(self, mapping: dict) -> "Net":
        """A copy with the arrays at the given paths replaced (None = uninitialised)."""
        local = {p[0]: a for p, a in mapping.items() if len(p) == 1}
        net = self.with_local_arrays(local) if local else self
        grouped = {}
        for p, a in mapping.items():
            if len(p) > 1:
                grouped.setdefault(p[0], {})[p[1:]] = a
        children = {}
        for key, sub in grouped.items():
            child = net.children().get(key)
            if child is None:
                raise NetError(self.head, "netnopart", f"{show(key)} is not a part of the net.")
            children[key] = child.with_arrays(sub)
        return net.with_children(children) if children else net

    def extract(self, path: tuple):
        """The sub-net or array (None if uninitialised) at an exact path."""
        obj = self
        for i, key in enumerate(path):
            if not isinstance(obj, Net):
                raise _no_part(path)
            if key in obj.children():
                obj = obj.children()[key]
            elif i == len(path) - 1 and key in obj.local_array_shapes():
                obj = obj.local_arrays().get(key)
            else:
                raise _no_part(path)
        return obj

    def replace(self, path: tuple, value) -> "Net":
        """A copy with the sub-net or array at path replaced; shapes are re-checked."""
        if not path:
            raise _no_part(path)
        key, rest = path[0], path[1:]
        if key in self.children():
            child = self.children()[key]
            return self.with_child(key, child.replace(rest, value) if rest else value)
        if not rest and key in self.local_array_shapes():
            return self.with_local_arrays({key: value})
        raise _no_part(path)

    @property
    def lineage(self) -> object:
        """A token shared by this net and every net made from it by ``_evolve`` (refined
        shapes, new arrays): net surgery follows a layer to its new place by it."""
        return self.__dict__.setdefault("_lineage", object())

    def _evolve(self, **attrs) -> "Net":
        new = copy.copy(self)
        new._lineage = self.lineage
        for name, value in attrs.items():
            setattr(new, name, value)
        return new


def below(arrays: dict, key) -> dict:
    """The arrays of the child at ``key``, their paths relative to it."""
    return {p[1:]: a for p, a in arrays.items() if p[0] == key}


def lift(updates, key, child_updates) -> None:
    """A child's auxiliary-array updates into its parent's, under the child's key."""
    if updates is not None and child_updates:
        updates.update({(key,) + p: v for p, v in child_updates.items()})


def fresh(updates):
    """The dict a child fills with its updates: one when the parent collects them."""
    return None if updates is None else {}


def _no_part(path):
    return NetError("NetExtract", "netnopart", f"Part {show(path)} does not exist.")


def fit(a, b, what: str):
    """unify, but a conflict says in words what did not fit."""
    try:
        return unify(a, b)
    except ShapeConflict:
        raise ShapeConflict(f"{what}: {describe(a)} does not fit {describe(b)}.") from None


class Kernel:
    """One step of a compiled plan, computing a whole batch.

    `ins`/`outs` are register numbers set by the compiler. `run(r)` reads its inputs
    from the register list r and writes its outputs; `back(r, g)` reads output
    gradients from g, adds input gradients into g (add_grad) and array gradients into
    the plan's gradient buffers. A register's gradient is None when nothing flows.

    The plan and the fold ask a kernel what it can do through these attributes, never
    by its type (docs/internal/contracts.md has the whole contract):

    - ``require(arrays, inputs)``: which gradients a backward pass must compute; the
      plan calls it (``Plan.require_grads``). The default records them in
      ``want_arrays``/``want_in``; a kernel may compute more, never less.
    - ``in_place_grads``: the kernel can *write* its arrays' gradients when it alone
      uses them (``fresh``, ``wants_arrays``, ``clear()``; LinearKernel).
    - ``defers_array_grads``: inside a fold's step loop it can collect its array
      gradient terms (``pending``) and sum them with one product after the loop
      (``flush()``).
    - ``straight_line``: the form the compiled fold lowers it to ("linear", "add",
      "tanh", "named"; see nets/fold/program.py), or None.
    """

    ins = ()
    outs = ()
    want_arrays = None  # names of the arrays whose gradients are needed (None: all)
    want_in = None      # one flag per input: is its gradient needed (None: all)
    in_place_grads = False
    defers_array_grads = False
    straight_line = None

    def run(self, r):
        raise NotImplementedError

    def back(self, r, g):
        raise NotImplementedError

    def require(self, arrays, inputs):
        self.want_arrays, self.want_in = arrays, inputs


def add_grad(g, i, v):
    """Sum a gradient into register i (every use of a value adds its share)."""
    cur = g[i]
    g[i] = v if cur is None else cur + v
