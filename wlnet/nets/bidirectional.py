"""NetBidirectionalOperator: a net applied to a sequence and, separately, to its reverse.

    NetBidirectionalOperator[net]            two independent copies of net
    NetBidirectionalOperator[{fnet, bnet}]   fnet on the sequence, bnet on its reverse
    NetBidirectionalOperator[nets, agg]      agg: Catenate (default), Total or Mean

The backward net's output is reversed again when it is a sequence, then the two outputs
are aggregated: Catenate joins each pair of elements (a sequence of d-vectors gives a
sequence of 2d-vectors; a non-sequence output is joined along its first axis), Total adds
them, Mean averages them. The nets are the parts "ForwardNet" and "BackwardNet"; their
states are the operator's, named with "Forward" and "Backward" before them. A sequence
is reversed within its own length (the plan runs examples of one length together).
"""
import numpy as np

from .base import Kernel, Net, add_grad, below, fresh, lift
from .errors import NetError, ShapeConflict, show
from .graph import as_net
from .shapes import VARYING, describe, port_shape, unify

AGGREGATIONS = ("Catenate", "Total", "Mean")
PARTS = ("ForwardNet", "BackwardNet")
PREFIXES = {"ForwardNet": "Forward", "BackwardNet": "Backward"}


def sequential(inp, out) -> bool:
    """Whether the nets give a sequence (the paclet's rule): a varying first dimension,
    or an output of rank 2 or more and at least the input's rank."""
    if out[:1] == (VARYING,):
        return True
    return len(out) >= max(2, len(inp))


class Bidirectional(Net):
    head = "NetBidirectionalOperator"

    def __init__(self, nets, aggregation="Catenate", input=None):
        if isinstance(nets, (list, tuple)):
            if len(nets) != 2:
                raise NetError(self.head, "invarg", "the first argument should be a net or a "
                               "pair of nets.")
            pair = [as_net(n, self.head) for n in nets]
        else:
            pair = [as_net(nets, self.head)] * 2
        if aggregation not in AGGREGATIONS:
            raise NetError(self.head, "invarg", f"the aggregation {show(aggregation)} should "
                           "be one of Catenate, Total or Mean.")
        for net in pair:
            if list(net.input_ports()) != ["Input"] or list(net.output_ports()) != ["Output"]:
                raise NetError(self.head, "invnet", "the nets should have one input \"Input\" "
                               "and one output \"Output\".")
        self._nets, self.aggregation = dict(zip(PARTS, pair)), aggregation
        self._in = self._out = None
        shape = port_shape(self.head, input) if input is not None else None
        refined = self.refine({"Input": shape}, {})
        self._nets, self._in, self._out = refined._nets, refined._in, refined._out

    # -- the Net interface ---------------------------------------------------------------
    def input_ports(self):
        return {"Input": self._in}

    def output_ports(self):
        return {"Output": self._out}

    def state_ports(self):
        return {PREFIXES[k] + p: s for k, net in self._nets.items()
                for p, s in net.state_ports().items()}

    def children(self):
        return dict(self._nets)

    def integer_inputs(self):
        return set().union(*(n.integer_inputs() for n in self._nets.values())) & {"Input"}

    def index_counts(self):
        counts = [n.index_counts().get("Input") for n in self._nets.values()]
        return {"Input": min(c for c in counts if c)} if any(counts) else {}

    def summary_details(self):
        return ["{" + ", ".join(net.head for net in self._nets.values()) + "}"]

    def constructor(self):
        """As Wolfram's InputForm writes it: both nets and the aggregation."""
        return [list(self._nets.values()), self.aggregation], {}

    @classmethod
    def build(cls, args, options):
        unknown = sorted(set(options) - {"Input"})
        if unknown:
            raise NetError(cls.head, "invarg", f"{show(unknown[0])} is not an option of "
                           f"{cls.head}.")
        return cls(*args, input=options.get("Input"))

    def with_child(self, key, child):
        if key not in self._nets:
            return super().with_child(key, child)
        new = self._evolve(_nets={**self._nets, key: as_net(child, self.head)})
        return new.refine(self.input_ports(), self.output_ports())

    def refine(self, ins, outs):
        x = self._in
        for given in [ins.get("Input")] + [n.input_ports()["Input"] for n in self._nets.values()]:
            try:
                x = unify(x, given)
            except ShapeConflict:
                raise self._conflict("the input", x, given) from None
        if x is not None and len(x) == 0:
            raise NetError(self.head, "tyfail", "the input should be a sequence, not a real "
                           "number.")
        states = {**ins, **outs}
        nets = {}
        for key, net in self._nets.items():
            inner = {p: states.get(PREFIXES[key] + p) for p in net.state_ports()}
            nets[key] = net.refine({"Input": x, **inner}, dict(inner))
        f, b = (n.output_ports()["Output"] for n in nets.values())
        out = self._output_shape(x, f, b)
        try:
            out = unify(out, unify(self._out, outs.get("Output")))
        except ShapeConflict:
            raise self._conflict("the output", out, outs.get("Output")) from None
        if (nets, x, out) == (self._nets, self._in, self._out):
            return self
        return self._evolve(_nets=nets, _in=x, _out=out)

    def _output_shape(self, x, f, b):
        if x is None or f is None or b is None:
            return None
        if len(f) != len(b) or not f:
            raise NetError(self.head, "tyfail", "the shapes of the forward and backward "
                           f"nets' outputs are incompatible: {describe(f)} and {describe(b)}.")
        seq = sequential(x, f)
        lead, (f1, *frest), (b1, *brest) = (f[:1], f[1:], b[1:]) if seq else ((), f, b)
        try:
            rest = unify(tuple(frest), tuple(brest))
            if self.aggregation == "Catenate":
                first = f1 + b1 if isinstance(f1, int) and isinstance(b1, int) else None
            else:
                first = unify((f1,), (b1,))[0]
        except ShapeConflict:
            raise NetError(self.head, "tyfail", "the shapes of the forward and backward "
                           f"nets' outputs are incompatible: {describe(f)} and "
                           f"{describe(b)}.") from None
        return lead + (first,) + rest

    def _conflict(self, what, a, b):
        return NetError(self.head, "tyfail", f"{what}: {describe(a)} does not fit "
                        f"{describe(b)}.")

    def emit(self, compiler, in_regs):
        x = in_regs["Input"]
        seq = sequential(self._in, self._nets["ForwardNet"].output_ports()["Output"])
        outs = {}
        for key, net in self._nets.items():
            prefix = PREFIXES[key]
            regs = {"Input": x if key == "ForwardNet" else _add(compiler, Reverse(), x)}
            regs.update({p: in_regs[prefix + p] for p in net.state_ports()
                         if prefix + p in in_regs})
            with compiler.scope(key):
                result = net.emit(compiler, regs)
            out = result["Output"]
            outs[key] = _add(compiler, Reverse(), out) if key == "BackwardNet" and seq else out
            outs.update({prefix + p: result[p] for p in net.state_ports()})
        axis = 2 if seq else 1
        k = Aggregate(self.aggregation, axis)
        k.ins, k.outs = (outs.pop("ForwardNet"), outs.pop("BackwardNet")), (compiler.reg(),)
        compiler.add(k)
        return {"Output": k.outs[0], **outs}


    def evaluate(self, xp, arrays, inputs, training=False, rng=None, updates=None):
        """What ``emit`` computes, as a pure forward (``Net.evaluate``): the JAX backend
        lowers it. A batch holds sequences of one length, as in the plan."""
        x = inputs["Input"]
        seq = sequential(self._in, self._nets["ForwardNet"].output_ports()["Output"])
        results, outs = {}, {}
        for key, net in self._nets.items():
            prefix = PREFIXES[key]
            ins = {"Input": x if key == "ForwardNet" else xp.flip(x, axis=1)}
            ins.update({p: inputs[prefix + p] for p in net.state_ports()
                        if prefix + p in inputs})
            sub = fresh(updates)
            result = net.evaluate(xp, below(arrays, key), ins, training, rng, sub)
            lift(updates, key, sub)
            out = result["Output"]
            results[key] = xp.flip(out, axis=1) if key == "BackwardNet" and seq else out
            outs.update({prefix + p: result[p] for p in net.state_ports() if p in result})
        a, b = results["ForwardNet"], results["BackwardNet"]
        if self.aggregation == "Catenate":
            joined = xp.concatenate([a, b], axis=2 if seq else 1)
        else:
            joined = a + b if self.aggregation == "Total" else (a + b) * 0.5
        return {"Output": joined, **outs}


def _add(compiler, kernel, reg):
    kernel.ins, kernel.outs = (reg,), (compiler.reg(),)
    compiler.add(kernel)
    return kernel.outs[0]


class Reverse(Kernel):
    """A batch of sequences of one length, each reversed."""

    def run(self, r):
        r[self.outs[0]] = r[self.ins[0]][:, ::-1]

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy[:, ::-1])


class Aggregate(Kernel):
    """The forward and backward outputs joined (Catenate, along ``axis``), added (Total)
    or averaged (Mean)."""

    def __init__(self, kind, axis):
        self.kind, self.axis = kind, axis

    def run(self, r):
        a, b = r[self.ins[0]], r[self.ins[1]]
        if self.kind == "Catenate":
            r[self.outs[0]] = np.concatenate([a, b], axis=self.axis)
        else:
            total = a + b
            r[self.outs[0]] = total if self.kind == "Total" else total * total.dtype.type(0.5)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is None:
            return
        if self.kind == "Catenate":
            split = r[self.ins[0]].shape[self.axis]
            parts = np.split(gy, [split], axis=self.axis)
        else:
            part = gy if self.kind == "Total" else gy * gy.dtype.type(0.5)
            parts = (part, part)
        for reg, part in zip(self.ins, parts):
            add_grad(g, reg, part)
