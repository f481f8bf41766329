"""Operators: NetFoldOperator, NetMapOperator, NetNestOperator.

Each keeps its inner net at the path key "Net"; its arrays are shared by every
application, so their gradients sum over all steps. The fold's kernel (its step loop
and the compiled program) is the package ``fold``.
"""
from .arrayapi import scan
from .base import Kernel, Net, add_grad, below, fresh, lift
from .errors import NetError, ShapeConflict, show
from .fold import FoldKernel
from .graph import as_net
from .shapes import VARYING, describe, port_shape, unify


class Operator(Net):
    """A net wrapping one inner net, stored at "Net"."""

    def children(self):
        return {"Net": self._net}

    def integer_inputs(self):
        return self._net.integer_inputs() & set(self.input_ports())

    def index_counts(self):
        return {p: n for p, n in self._net.index_counts().items() if p in self.input_ports()}

    @property
    def net(self) -> Net:
        return self._net

    def with_child(self, key, child):
        if key != "Net":
            return super().with_child(key, child)
        new = self._evolve(_net=as_net(child, self.head))
        return new.refine(self.input_ports(), self.output_ports())

    def _conflict(self, what, a, b):
        return NetError(self.head, "tyfail", f"{what}: {describe(a)} does not fit {describe(b)}.")

    def summary_details(self):
        return [self._net.head]

    def constructor(self):
        """The inner net, and the shape of "Input" when known."""
        shape = self.input_ports().get("Input")
        return [self._net], ({} if shape is None else {"Input": shape})

    @classmethod
    def build(cls, args, options):
        """The operator from the values constructor() gives."""
        _no_options(cls.head, options, ("Input",))
        return cls(*args, input=options.get("Input"))


def _no_options(head, options, allowed):
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise NetError(head, "invarg", f"{show(unknown[0])} is not an option of {head}.")


def _seq(length, shape):
    return None if shape is None else (length,) + shape


class _Mapped(Operator):
    """An operator whose ports are sequences of the inner net's ports, all of one length."""

    _state = ()

    def input_ports(self):
        return {p: _seq(self._len, s) for p, s in self._net.input_ports().items()
                if p not in self._state}

    def output_ports(self):
        return {p: _seq(self._len, s) for p, s in self._net.output_ports().items()}

    def _split(self, ports, inner, length):
        """Sequence length and inner shapes (into inner) from sequence port shapes."""
        for p, s in ports.items():
            if p in self._state or s is None:
                continue
            if len(s) == 0:
                raise NetError(self.head, "tyfail",
                               f"the port {p} takes a sequence, not {describe(s)}.")
            try:
                length = unify((length,), (s[0],))[0]
            except ShapeConflict:
                raise self._conflict(f"the length of the sequence at {p}", (length,),
                                     (s[0],)) from None
            inner[p] = s[1:]
        return length

    def _refine_inner(self, ins, outs):
        inner_in, inner_out = {}, {}
        length = self._split(ins, inner_in, self._len)
        length = self._split(outs, inner_out, length)
        return length, inner_in, inner_out


class Fold(_Mapped):
    """NetFoldOperator: s_i = net(x_i, s_{i-1}) with s_0 zeros (or the "State" input);
    the output is the sequence s_1..s_n and the final state s_n is the "State" output."""

    head = "NetFoldOperator"
    _state = ("State",)

    def __init__(self, net, input=None):
        net = as_net(net, self.head)
        if "State" not in net.input_ports() or "Output" not in net.output_ports():
            raise NetError(self.head, "invnet", "the folded net should have an input "
                           "\"State\" and an output \"Output\".")
        if len(net.input_ports()) < 2:
            raise NetError(self.head, "invnet", "the folded net needs an input besides "
                           "\"State\" to fold over.")
        self._net, self._len = net, VARYING
        ins = {"Input": port_shape(self.head, input)} if input is not None else {}
        if ins and "Input" not in net.input_ports():
            raise NetError(self.head, "invnet", "the folded net has no input \"Input\".")
        refined = self.refine(ins, {})
        self._net, self._len = refined._net, refined._len

    def state_ports(self):
        return {"State": self._net.input_ports()["State"]}

    def refine(self, ins, outs):
        length, inner_in, inner_out = self._refine_inner(ins, outs)
        for shapes in (ins, outs):
            if shapes.get("State") is not None:
                inner_in["State"] = shapes["State"]
        net = self._net
        while True:
            net = net.refine(inner_in, inner_out)
            a, b = net.input_ports()["State"], net.output_ports()["Output"]
            try:
                s = unify(a, b)
            except ShapeConflict:
                raise self._conflict("the state of the folded net and its output", a, b) \
                    from None
            if (a, b) == (s, s):
                break
            inner_in, inner_out = {**inner_in, "State": s}, {**inner_out, "Output": s}
        if net is self._net and length == self._len:
            return self
        return self._evolve(_net=net, _len=length)

    def emit(self, compiler, in_regs):
        names = [p for p in self._net.input_ports() if p != "State"]
        outs = list(self._net.output_ports())
        with compiler.scope("Net"):
            body = compiler.sub()
            inner_in = {p: body.reg() for p in self._net.input_ports()}
            inner_out = self._net.emit(body, dict(inner_in))
        k = FoldKernel(body, [inner_in[p] for p in names], inner_in["State"],
                       [inner_out[p] for p in outs], inner_out["Output"],
                       self.state_ports()["State"], compiler.dtype, compiled=compiler.top)
        k.ins = tuple(in_regs[p] for p in names) + (in_regs.get("State", compiler.reg()),)
        k.state_given = "State" in in_regs  # else nobody reads the initial state's gradient
        k.outs = tuple(compiler.reg() for _ in outs) + (compiler.reg(),)
        k.tape = compiler.reg()
        compiler.add(k)
        return {**dict(zip(outs, k.outs)), "State": k.outs[-1]}

    def evaluate(self, xp, arrays, inputs, training=False, rng=None, updates=None):
        inner = below(arrays, "Net")
        names = [p for p in self._net.input_ports() if p != "State"]
        state = inputs.get("State")
        if state is None:
            first = inputs[names[0]]
            state = xp.zeros((first.shape[0],) + self.state_ports()["State"], first.dtype)
        # auxiliary arrays a step changes travel to the next step in the carry
        moving = self._net.auxiliary_paths() if training and updates is not None else []

        def step(carry, xs):
            s, aux = carry
            sub = fresh(updates)
            out = self._net.evaluate(xp, {**inner, **dict(zip(moving, aux))},
                                     {**xs, "State": s}, training, rng, sub)
            aux = tuple(sub.get(p, a) for p, a in zip(moving, aux)) if moving else aux
            return (out["Output"], aux), out

        (final, aux), ys = scan(xp, step, (state, tuple(inner[p] for p in moving)),
                                {p: xp.moveaxis(inputs[p], 1, 0) for p in names})
        lift(updates, "Net", dict(zip(moving, aux)))
        return {**{p: xp.moveaxis(y, 0, 1) for p, y in ys.items()}, "State": final}


class MapOp(_Mapped):
    """NetMapOperator: the inner net applied to every element of its input sequences."""

    head = "NetMapOperator"

    def __init__(self, net, input=None):
        self._net, self._len = as_net(net, self.head), VARYING
        ins = {"Input": port_shape(self.head, input)} if input is not None else {}
        refined = self.refine(ins, {})
        self._net, self._len = refined._net, refined._len

    def refine(self, ins, outs):
        length, inner_in, inner_out = self._refine_inner(ins, outs)
        net = self._net.refine(inner_in, inner_out)
        if net is self._net and length == self._len:
            return self
        return self._evolve(_net=net, _len=length)

    def emit(self, compiler, in_regs):
        lengths = compiler.reg()
        flat = {}
        for p, reg in in_regs.items():
            k = MergeAxesKernel(lengths)
            k.ins, k.outs = (reg,), (compiler.reg(),)
            compiler.add(k)
            flat[p] = k.outs[0]
        with compiler.scope("Net"):
            inner_out = self._net.emit(compiler, flat)
        out = {}
        for p, reg in inner_out.items():
            k = SplitAxesKernel(lengths)
            k.ins, k.outs = (reg,), (compiler.reg(),)
            compiler.add(k)
            out[p] = k.outs[0]
        return out

    def evaluate(self, xp, arrays, inputs, training=False, rng=None, updates=None):
        b, t = next(iter(inputs.values())).shape[:2]
        flat = {p: xp.reshape(v, (b * t,) + v.shape[2:]) for p, v in inputs.items()}
        sub = fresh(updates)
        out = self._net.evaluate(xp, below(arrays, "Net"), flat, training, rng, sub)
        lift(updates, "Net", sub)
        return {p: xp.reshape(v, (b, t) + v.shape[1:]) for p, v in out.items()}


class MergeAxesKernel(Kernel):
    """(batch, length, ...) -> (batch*length, ...): the mapped net sees one big batch."""

    def __init__(self, lengths_reg):
        self.lengths = lengths_reg

    def run(self, r):
        x = r[self.ins[0]]
        r[self.lengths] = x.shape[:2]
        # the size spelt out: -1 is ambiguous for an empty sequence of empty arrays
        r[self.outs[0]] = x.reshape((x.shape[0] * x.shape[1],) + x.shape[2:])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy.reshape(r[self.ins[0]].shape))


class SplitAxesKernel(Kernel):
    def __init__(self, lengths_reg):
        self.lengths = lengths_reg

    def run(self, r):
        y = r[self.ins[0]]
        r[self.outs[0]] = y.reshape(tuple(r[self.lengths]) + y.shape[1:])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy.reshape((gy.shape[0] * gy.shape[1],) + gy.shape[2:]))


class NestOp(Operator):
    """NetNestOperator: the inner net applied n times, its output fed back as input."""

    head = "NetNestOperator"

    def summary_details(self):
        return [f"{self._net.head} x {self.count}"]

    def constructor(self):
        return [self._net, self.count], {}

    @classmethod
    def build(cls, args, options):
        _no_options(cls.head, options, ())
        return cls(*args)

    def __init__(self, net, n):
        net = as_net(net, self.head)
        if not (isinstance(n, int) and not isinstance(n, bool) and n >= 0):
            raise NetError(self.head, "invarg", f"the repetition count {show(n)} should be a "
                           "non-negative integer.")
        if list(net.input_ports()) != ["Input"] or list(net.output_ports()) != ["Output"]:
            raise NetError(self.head, "invnet", "the nested net should have one input "
                           "\"Input\" and one output \"Output\".")
        self._net, self.count = net, n
        self._net = self.refine({}, {})._net

    def input_ports(self):
        return self._net.input_ports()

    def output_ports(self):
        return self._net.output_ports()

    def refine(self, ins, outs):
        net = self._net
        shape = None
        for s in (ins.get("Input"), outs.get("Output"), net.input_ports()["Input"],
                  net.output_ports()["Output"]):
            try:
                shape = unify(shape, s)
            except ShapeConflict:
                raise self._conflict("the input and output of the nested net", shape, s) \
                    from None
        net = net.refine({"Input": shape}, {"Output": shape})
        return self if net is self._net else self._evolve(_net=net)

    def emit(self, compiler, in_regs):
        reg = in_regs["Input"]
        with compiler.scope("Net"):
            for _ in range(self.count):
                reg = self._net.emit(compiler, {"Input": reg})["Output"]
        return {"Output": reg}

    def evaluate(self, xp, arrays, inputs, training=False, rng=None, updates=None):
        x, inner, changed = inputs["Input"], below(arrays, "Net"), {}
        for _ in range(self.count):
            sub = fresh(updates)
            x = self._net.evaluate(xp, {**inner, **changed}, {"Input": x}, training, rng,
                                   sub)["Output"]
            changed.update(sub or {})
        lift(updates, "Net", changed)
        return {"Output": x}
