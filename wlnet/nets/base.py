"""The Net value: what every layer, container and operator shares.

Nets are immutable values. Every change (arrays, a replaced part, refined shapes)
returns a new object; arrays are read-only ndarrays shared between versions.
Paths are tuples of keys: node keys (ints for list-built containers, strings for
association-built ones), "Net" for an operator's inner net, array names at the leaves.
"""
import copy

import numpy as np

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

    def children(self) -> dict:
        """Sub-nets by path key (nodes of a container, "Net" of an operator)."""
        return {}

    def local_arrays(self) -> dict:
        """Arrays held by this net itself (only layers hold arrays)."""
        return {}

    def local_array_shapes(self) -> dict:
        return {}

    def with_child(self, key, child: "Net") -> "Net":
        raise NetError(self.head, "netnopart", f"{show(key)} is not a part of the net.")

    def with_local_arrays(self, arrays: dict) -> "Net":
        name = next(iter(arrays))
        raise NetError(self.head, "netnopart", f"{self.head} has no array {show(name)}.")

    def refine(self, ins: dict, outs: dict) -> "Net":
        """This net with port shapes unified with ins/outs and everything inferred."""
        raise NotImplementedError

    def emit(self, compiler, in_regs: dict) -> dict:
        """Append this net's kernels to a plan; map input port registers to outputs."""
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

    def array_paths(self) -> list:
        return list(self.array_shapes())

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
        for key, sub in grouped.items():
            child = net.children().get(key)
            if child is None:
                raise NetError(self.head, "netnopart", f"{show(key)} is not a part of the net.")
            net = net.with_child(key, child.with_arrays(sub))
        return net

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

    def _evolve(self, **attrs) -> "Net":
        new = copy.copy(self)
        for name, value in attrs.items():
            setattr(new, name, value)
        return new


def _no_part(path):
    return NetError("NetExtract", "netnopart", f"Part {show(path)} does not exist.")


def as_array(value, head: str, name: str) -> np.ndarray:
    """A user-given array as read-only float32 (Wolfram keeps arrays in Real32)."""
    try:
        a = np.array(value, dtype=np.float32)
    except (TypeError, ValueError):
        raise NetError(head, "invarg", f"the {name} array must be a numeric array.") from None
    if a.dtype == object or not np.all(np.isfinite(a)):
        raise NetError(head, "invarg", f"the {name} array must hold finite real numbers.")
    a.setflags(write=False)
    return a


class Layer(Net):
    """A leaf: named ports with shapes, and named arrays.

    Subclasses set `_ins`, `_outs` (port -> shape) and `_arrays` (name -> array or None)
    and define `_infer` (the layer's shape rule) and `kernel` (its computation).
    """

    def input_ports(self):
        return dict(self._ins)

    def output_ports(self):
        return dict(self._outs)

    def local_arrays(self):
        return dict(self._arrays)

    def local_array_shapes(self):
        shapes = {}
        for name, a in self._arrays.items():
            s = self._port_array_shape(name)
            shapes[name] = s if s is not None or a is None else a.shape
        return shapes

    def _port_array_shape(self, name):
        """Shape an array must have given the port shapes (None while unknown)."""
        return None

    def _infer(self, ins: dict, outs: dict):
        """The layer's shape rule: refined (ins, outs), or ShapeConflict(words)."""
        return ins, outs

    def _settle(self):
        """Apply the shape rule at construction, so a lone layer knows its ports."""
        settled = self.refine({}, {})
        self._ins, self._outs = settled._ins, settled._outs

    def refine(self, ins, outs):
        try:
            new_ins = {p: unify(s, ins.get(p)) for p, s in self._ins.items()}
            new_outs = {p: unify(s, outs.get(p)) for p, s in self._outs.items()}
            while True:
                a, b = self._infer(dict(new_ins), dict(new_outs))
                if (a, b) == (new_ins, new_outs):
                    break
                new_ins, new_outs = a, b
        except ShapeConflict as e:
            raise NetError(self.head, "tyfail", _conflict_text(e)) from None
        if (new_ins, new_outs) == (self._ins, self._outs):
            return self
        return self._evolve(_ins=new_ins, _outs=new_outs)

    def with_local_arrays(self, arrays):
        new = dict(self._arrays)
        for name, value in arrays.items():
            if name not in self._arrays:
                raise NetError(self.head, "netnopart", f"{self.head} has no array {show(name)}.")
            new[name] = None if value is None else as_array(value, self.head, name)
            want = self._port_array_shape(name)
            if new[name] is not None and want is not None and new[name].shape != want:
                raise NetError(self.head, "tyfail",
                               f"the {name} array should have dimensions {list(want)}, "
                               f"not {list(new[name].shape)}.")
        return self._evolve(_arrays=new).refine(self._ins, self._outs)

    def emit(self, compiler, in_regs):
        k = self.kernel(compiler)
        k.ins = tuple(in_regs[p] for p in self._ins)
        k.outs = tuple(compiler.reg() for _ in self._outs)
        compiler.add(k)
        return dict(zip(self._outs, k.outs))

    def kernel(self, compiler) -> "Kernel":
        raise NotImplementedError


def _conflict_text(e: ShapeConflict) -> str:
    if e.args and isinstance(e.args[0], str):
        return e.args[0]
    a, b = e.args
    return f"the shapes {describe(a)} and {describe(b)} do not fit together."


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
    """

    ins = ()
    outs = ()

    def run(self, r):
        raise NotImplementedError

    def back(self, r, g):
        raise NotImplementedError


def add_grad(g, i, v):
    """Sum a gradient into register i (every use of a value adds its share)."""
    cur = g[i]
    g[i] = v if cur is None else cur + v
