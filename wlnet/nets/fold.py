"""Operators: NetFoldOperator, NetMapOperator, NetNestOperator.

Each keeps its inner net at the path key "Net"; its arrays are shared by every
application, so their gradients sum over all steps.
"""
import numpy as np

from .base import Kernel, Net, add_grad
from .errors import NetError, ShapeConflict, show
from .graph import as_net
from .elementwise import NAMED, NamedKernel
from .layers import AddKernel, LinearKernel, ThreadKernel, port_shape
from .shapes import VARYING, describe, unify


class Operator(Net):
    """A net wrapping one inner net, stored at "Net"."""

    def children(self):
        return {"Net": self._net}

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


class FoldKernel(Kernel):
    """Runs the inner program once per step over time-major slices of the batch.

    When every kernel of the body has a straight-line form (``_Program``), the fold is
    compiled: the values of every step live in preallocated (T, B, ...) buffers, the
    loop is generated code with ``out=`` everywhere, and weight gradients are one
    product over all steps at the end. Otherwise each step's registers are kept as a
    list (the generic path). Either way memory is linear in the length.
    ``want_in`` (set by the plan) says which inputs need a gradient."""

    def __init__(self, body, seq_regs, state_reg, out_regs, feed_reg, state_shape, dtype,
                 compiled=True):
        self.steps, self.nregs = body.steps, body.nregs
        self.rsteps = body.steps[::-1]
        self.seq_regs, self.state_reg, self.out_regs = seq_regs, state_reg, out_regs
        self.feed_reg, self.state_shape, self.dtype = feed_reg, tuple(state_shape), dtype
        self.want_in = None
        self.state_given = True
        self.program = _Program.build(self) if compiled else None
        self.fused = _Program.build(self, fuse=True) if self.program is not None else None

    def run(self, r):
        n = len(self.seq_regs)
        x = r[self.ins[0]]
        if self.program is None or x.shape[1] == 0:
            return self._run_generic(r)
        program = self.program
        if self.fused is not None and self.fused.pays_off(x.shape[0] * x.shape[1]):
            program = self.fused
        run = program.forward([r[i] for i in self.ins[:n]], r[self.ins[n]])
        r[self.tape] = run
        for out, reg in zip(self.outs, self.out_regs):
            r[out] = run.values[reg].swapaxes(0, 1)
        r[self.outs[-1]] = run.final_state

    def back(self, r, g):
        run = r[self.tape]
        if isinstance(run, list):
            return self._back_generic(r, g)
        n = len(self.seq_regs)
        want = self.want_in or (True,) * len(self.ins)
        gx = run.program.backward(run, [g[o] for o in self.outs[:-1]], g[self.outs[-1]],
                                   want[:n], want[n] and self.state_given)
        for i, grad in zip(self.ins, gx):
            if grad is not None:
                add_grad(g, i, grad)

    def _run_generic(self, r):
        n = len(self.seq_regs)
        xs = [np.swapaxes(r[i], 0, 1) for i in self.ins[:n]]
        s = r[self.ins[n]]
        if s is None:
            s = np.zeros((len(r[self.ins[0]]),) + self.state_shape, dtype=self.dtype)
        tape = []
        steps, nregs, seq_regs = self.steps, self.nregs, self.seq_regs
        state_reg, feed_reg = self.state_reg, self.feed_reg
        for xt in zip(*xs):
            q = [None] * nregs
            for reg, x in zip(seq_regs, xt):
                q[reg] = x
            q[state_reg] = s
            for k in steps:
                k.run(q)
            s = q[feed_reg]
            tape.append(q)
        r[self.tape] = tape
        for out, reg in zip(self.outs, self.out_regs):
            r[out] = np.stack([q[reg] for q in tape], axis=1)
        r[self.outs[-1]] = s

    def _back_generic(self, r, g):
        n = len(self.seq_regs)
        gouts = [(reg, np.swapaxes(g[o], 0, 1)) for o, reg in zip(self.outs, self.out_regs)
                 if g[o] is not None]
        gs = g[self.outs[-1]]
        tape = r[self.tape]
        nregs, rsteps, seq_regs = self.nregs, self.rsteps, self.seq_regs
        feed_reg, state_reg = self.feed_reg, self.state_reg
        deferring = [k for k in self.steps if hasattr(k, "flush")]
        for k in deferring:
            k.pending = []
        want = self.want_in or (True,) * len(self.ins)
        gxs = [[] if w else None for w in want[:n]]
        for t in range(len(tape) - 1, -1, -1):
            q = tape[t]
            h = [None] * nregs
            for reg, gy in gouts:
                add_grad(h, reg, gy[t])
            if gs is not None:
                add_grad(h, feed_reg, gs)
            for k in rsteps:
                k.back(q, h)
            for gx, reg in zip(gxs, seq_regs):
                if gx is not None:
                    gx.append(h[reg] if h[reg] is not None else np.zeros_like(q[reg]))
            gs = h[state_reg]
        for k in deferring:
            k.flush()
        for i, gx in zip(self.ins[:n], gxs):
            if gx is not None:
                add_grad(g, i, np.stack(gx[::-1], axis=1))
        if gs is not None and want[n] and self.state_given:
            add_grad(g, self.ins[n], gs)


def _lowering(k):
    """The straight-line form of a body kernel: "linear", "add", "tanh", "named", or
    None when the kernel has none (the fold then runs the generic path)."""
    if type(k) is LinearKernel:
        return "linear" if not k.flat_in and k.out_shape is None else None
    if type(k) is AddKernel or (type(k) is ThreadKernel and k.op == "Plus"):
        return "add"
    if type(k) is NamedKernel:
        return "tanh" if k.f is NAMED["Tanh"][0] else "named"
    return None


class _Pair:
    """Two linear layers in a row inside a fold body, with nothing else reading the value
    between them (the seed's l2 -> l3): y = (x.W1^T + b1).W2^T + b2 = x.W^T + c with
    W = W2.W1 and c = W2.b1 + b2, made once per forward call, so each step needs one
    product instead of two. The weight gradients still come from one product each after
    the loop: dW1 = W2^T.(G^T.X), db1 = (1^T.G).W2, dW2 = G^T.U with U = X.W1^T + b1
    (computed then, only when W2 is trained), db2 = 1^T.G. Exact arithmetic is unchanged;
    float rounding differs in the last bits."""

    def __init__(self, first, second):
        self.first, self.second = first, second
        self.ins, self.outs = first.ins, second.outs
        n_out, n_mid = second.w.shape
        n_in = first.w.shape[1]
        self.dims = n_in, n_mid, n_out
        self.has_bias = first.b is not None or second.b is not None

    @property
    def want_x(self):
        return self.first.want_x

    @property
    def flags(self):
        return self.first.flags + self.second.flags

    @property
    def wants_arrays(self):
        return self.first.wants_arrays or self.second.wants_arrays

    def combine(self, w, wt, c):
        """The product's weights (and their transpose) and bias from the current arrays."""
        first, second = self.first, self.second
        np.dot(second.w, first.w, out=w)
        np.copyto(wt, w.T)
        if c is not None:
            if first.b is not None:
                np.dot(second.w, first.b, out=c)
            else:
                c.fill(0)
            if second.b is not None:
                c += second.b


def _fuse(ops, k):
    """The ops with each pair of linear layers that pays to merge (see _Pair) merged;
    None when there is no such pair."""
    readers = {}
    for _, kk in ops:
        for reg in kk.ins:
            readers[reg] = readers.get(reg, 0) + 1
    outputs = {k.feed_reg, k.state_reg, *k.out_regs}
    made = {kk.outs[0]: i for i, (kind, kk) in enumerate(ops) if kind == "linear"}
    fused, dropped = list(ops), set()
    for j, (kind, kk) in enumerate(ops):
        i = made.get(kk.ins[0])  # (a linear layer is the first of at most one pair:
        # its value has one reader; one that is already the second of a pair is not)
        if kind != "linear" or i is None or fused[i][0] != "linear" or \
                readers[kk.ins[0]] != 1 or kk.ins[0] in outputs:
            continue
        n_out, n_mid = kk.w.shape
        n_in = ops[i][1].w.shape[1]
        if n_in * n_out >= n_mid * (n_in + n_out):
            continue  # a narrow middle: two thin products cost less than one product
        fused[j] = ("pair", _Pair(ops[i][1], kk))
        dropped.add(i)
    if not dropped:
        return None
    return [op for i, op in enumerate(fused) if i not in dropped]


class _Run:
    """The buffers of one (length, batch) shape: values and gradients of every body
    register for every step, their per-step views, and the scratch the code needs."""

    def __init__(self, prog, T, B, shapes, dtype):
        k = prog.kernel
        self.program, self.T, self.B = prog, T, B
        self.values = {}  # forward buffers kept for every step, by register
        V = self.names = {}
        state, feed = k.state_reg, k.feed_reg
        big = np.zeros((T + 1, B) + shapes[state], dtype)
        self.big = big
        for reg in prog.regs:
            if reg == state:
                buf = big[:-1]
            elif reg == feed:
                buf = big[1:]
            elif reg not in prog.kept:
                if reg not in k.seq_regs:  # (those are read in place, by per-step views)
                    # needed only within its step: one buffer for every step
                    V[f"f{reg}"] = [np.zeros((B,) + shapes[reg], dtype)] * T
                continue
            else:
                buf = np.zeros((T, B) + shapes[reg], dtype)
            self.values[reg] = buf
            V[f"f{reg}"] = list(buf)
            V[f"F{reg}"] = buf.reshape(T * B, -1)
        self.final_state = big[T]
        V["ones"] = np.ones(T * B, dtype)
        self.gbig = np.zeros_like(big)
        self.shapes, self.dtype = shapes, dtype
        self.code = {}
        for i, (kind, kk) in enumerate(prog.ops):
            if kind == "linear":
                V[f"w{i}"] = kk.w
                V[f"wt{i}"] = np.empty(kk.w.T.shape, dtype)
                V[f"sw{i}"] = np.empty(kk.w.shape, dtype)
                if kk.b is not None:
                    V[f"bb{i}"] = np.empty((B,) + kk.b.shape, dtype)
                    V[f"sb{i}"] = np.empty(kk.b.shape, dtype)
            elif kind == "pair":
                n_in, n_mid, n_out = kk.dims
                V[f"w{i}"] = np.empty((n_out, n_in), dtype)
                V[f"wt{i}"] = np.empty((n_in, n_out), dtype)
                V[f"c{i}"] = np.empty(n_out, dtype) if kk.has_bias else None
                if kk.has_bias:
                    V[f"bb{i}"] = np.empty((B, n_out), dtype)
                V[f"ka{i}"], V[f"kb{i}"] = kk.first, kk.second
                V[f"wb{i}"], V[f"wat{i}"] = kk.second.w, kk.first.w.T
                V[f"sg{i}"] = np.empty((n_out, n_in), dtype)
                V[f"swa{i}"] = np.empty((n_mid, n_in), dtype)
                V[f"swb{i}"] = np.empty((n_out, n_mid), dtype)
                V[f"sbo{i}"] = np.empty(n_out, dtype)
                V[f"sba{i}"] = np.empty(n_mid, dtype)
            elif kind == "tanh":
                V[f"s{i}"] = np.empty((B,) + shapes[kk.outs[0]], dtype)
            if kind in ("linear", "named"):
                V[f"k{i}"] = kk
        # what each forward call refreshes from the arrays the optimiser changed: the
        # transposed weights (contiguous, for the per-step products) and the biases
        # broadcast over the batch (a plain add per step)
        self.refresh = [(V[f"wt{i}"], kk.w.T) for i, (kind, kk) in enumerate(prog.ops)
                        if kind == "linear"]
        self.refresh += [(V[f"bb{i}"], kk.b) for i, (kind, kk) in enumerate(prog.ops)
                         if kind == "linear" and kk.b is not None]
        # merged pairs: their product's weights first, then its bias broadcast
        self.combine = [(kk, V[f"w{i}"], V[f"wt{i}"], V[f"c{i}"])
                        for i, (kind, kk) in enumerate(prog.ops) if kind == "pair"]
        self.refresh += [(V[f"bb{i}"], V[f"c{i}"]) for i, (kind, kk) in enumerate(prog.ops)
                         if kind == "pair" and kk.has_bias]

    def grad_buffers(self, prog, plan):
        """The gradient buffers of a backward plan (alias map and modes), made once."""
        key = plan.key
        if key in self.code:
            return
        k = prog.kernel
        T, B, dtype = self.T, self.B, self.dtype
        V = self.names
        grads = {}
        for reg in plan.order:
            if reg == k.state_reg:
                grads[reg] = self.gbig[:-1]
            elif reg == k.feed_reg:
                grads[reg] = self.gbig[1:]
            elif reg in plan.alias:
                continue
            elif reg in plan.full:
                grads[reg] = np.zeros((T, B) + self.shapes[reg], dtype)
            else:  # needed only within its step
                grads[reg] = np.zeros((1, B) + self.shapes[reg], dtype)
        for reg in plan.alias:
            grads[reg] = grads[plan.root(reg)]
        for reg, buf in grads.items():
            V[f"g{key}_{reg}"] = list(buf) if len(buf) == T else [buf[0]] * T
            if len(buf) == T:
                V[f"G{key}_{reg}"] = buf.reshape(T * B, -1)
        for reg in plan.scratch:
            V[f"sc{key}_{reg}"] = np.empty((B,) + self.shapes[reg], dtype)
        for i, (kind, kk) in enumerate(prog.ops):
            if kind == "pair" and kk.second.want_w and f"U{i}" not in V:
                V[f"U{i}"] = np.empty((T * B, kk.dims[1]), dtype)  # the merged-away values
        self.code[key] = grads


class _BackPlan:
    """How gradients flow for one set of wanted gradients: per register the order of its
    contributions (first writes, later ones add), aliases (a register whose only
    contribution is its consumer's output gradient, unchanged, shares that buffer), and
    the generated code."""

    def __init__(self, prog, want_seq):
        k = prog.kernel
        self.key = len(prog.plans)
        seeded = {k.state_reg, *k.out_regs}
        skip = {reg for reg, w in zip(k.seq_regs, want_seq) if not w}
        count = {}
        contributions = []  # (op index, input position, reg) in backward order
        for i in range(len(prog.ops) - 1, -1, -1):
            kind, kk = prog.ops[i]
            for pos, reg in enumerate(kk.ins):
                if reg in skip or (kind in ("linear", "pair") and not kk.want_x):
                    continue
                contributions.append((i, pos, reg))
                count[reg] = count.get(reg, 0) + 1
        self.alias, self.mode, self.scratch = {}, {}, set()
        seen = {}
        for i, pos, reg in contributions:
            kind, kk = prog.ops[i]
            if reg in seeded:
                mode = "add"
            elif count[reg] == 1 and kind == "add":
                mode = "alias"
                self.alias[reg] = kk.outs[0]
            else:
                mode = "write" if reg not in seen else "add"
            seen[reg] = True
            self.mode[(i, pos)] = mode
            if mode == "add" and kind != "add":
                self.scratch.add(reg)
        # registers in an order where an alias comes after its target
        order = []
        for i in range(len(prog.ops) - 1, -1, -1):
            for reg in prog.ops[i][1].outs:
                if reg not in order:
                    order.append(reg)
            for reg in prog.ops[i][1].ins:
                if reg not in order and reg not in skip:
                    order.append(reg)
        for reg in (k.state_reg, *k.out_regs):
            if reg not in order:
                order.append(reg)
        self.order = order
        # gradients kept for every step: those summed into weight gradients after the
        # loop, the fold's input gradients, and the seeded ones (and what they alias)
        full = {k.state_reg, *k.out_regs}
        full.update(reg for reg, w in zip(k.seq_regs, want_seq) if w)
        for kind, kk in prog.ops:
            if kind in ("linear", "pair") and kk.wants_arrays:
                full.add(kk.outs[0])
        for reg in list(self.alias):
            if reg in full:
                while reg in self.alias:
                    reg = self.alias[reg]
                    full.add(reg)
        self.full = full
        self.code = self._generate(prog)

    def root(self, reg):
        """The register whose gradient buffer an aliased register shares."""
        while reg in self.alias:
            reg = self.alias[reg]
        return reg

    def _generate(self, prog):
        key = self.key
        lines, names, after = [], set(), []

        def g(reg):
            names.add(f"g{key}_{reg}")
            return f"g{key}_{reg}[t]"

        def f(reg):
            names.add(f"f{reg}")
            return f"f{reg}[t]"

        def contrib(i, pos, reg, make):
            """make(out) -> the code writing the contribution into out."""
            mode = self.mode.get((i, pos))
            if mode is None or mode == "alias":
                return
            if mode == "write":
                lines.append(make(g(reg)))
            else:
                names.add(f"sc{key}_{reg}")
                lines.append(make(f"sc{key}_{reg}"))
                lines.append(f"add({g(reg)}, sc{key}_{reg}, {g(reg)})")

        for i in range(len(prog.ops) - 1, -1, -1):
            kind, kk = prog.ops[i]
            y = kk.outs[0]
            if kind == "linear":
                names.add(f"w{i}")
                contrib(i, 0, kk.ins[0], lambda out: f"dot({g(y)}, w{i}, {out})")
                if kk.want_w:
                    names.update({f"G{key}_{y}", f"F{kk.ins[0]}", f"sw{i}", f"k{i}"})
                    after.append(f"dot(G{key}_{y}.T, F{kk.ins[0]}, sw{i})")
                    after.append(f"add(k{i}.gw, sw{i}, k{i}.gw)")
                if kk.want_b and kk.b is not None:
                    names.update({f"G{key}_{y}", f"sb{i}", f"k{i}", "ones"})
                    after.append(f"dot(ones, G{key}_{y}, sb{i})")  # the sum over steps
                    after.append(f"add(k{i}.gb, sb{i}, k{i}.gb)")
            elif kind == "pair":
                names.add(f"w{i}")
                contrib(i, 0, kk.ins[0], lambda out: f"dot({g(y)}, w{i}, {out})")
                after += self._pair_grads(i, kk, f"G{key}_{y}", f"F{kk.ins[0]}", names)
            elif kind == "add":
                for pos, reg in enumerate(kk.ins):
                    mode = self.mode.get((i, pos))
                    if mode == "write":
                        lines.append(f"copyto({g(reg)}, {g(y)})")
                    elif mode == "add":
                        lines.append(f"add({g(reg)}, {g(y)}, {g(reg)})")
            elif kind == "tanh":
                names.add(f"s{i}")
                if (i, 0) in self.mode:
                    lines.append(f"multiply({f(y)}, {f(y)}, s{i})")
                    lines.append(f"subtract(1.0, s{i}, s{i})")
                contrib(i, 0, kk.ins[0], lambda out: f"multiply({g(y)}, s{i}, {out})")
            else:  # named
                names.add(f"k{i}")
                contrib(i, 0, kk.ins[0], lambda out: f"multiply({g(y)}, "
                        f"k{i}.df({f(kk.ins[0])}, {f(y)}), {out})")
        body = lines or ["pass"]
        src = ["def backward(V, T):"]
        src += [f"    {n} = V['{n}']" for n in sorted(names)]
        src += ["    for t in range(T - 1, -1, -1):"] + [f"        {line}" for line in body]
        src += [f"    {line}" for line in after]
        return _compile("\n".join(src), "backward")

    @staticmethod
    def _pair_grads(i, pair, G, X, names):
        """After the loop: the array gradients of a merged pair (see _Pair)."""
        a, b = pair.first, pair.second
        lines = []
        if a.want_w:
            names.update({G, X, f"sg{i}", f"swa{i}", f"wb{i}", f"ka{i}"})
            lines += [f"dot({G}.T, {X}, sg{i})", f"dot(wb{i}.T, sg{i}, swa{i})",
                      f"add(ka{i}.gw, swa{i}, ka{i}.gw)"]
        if (a.want_b and a.b is not None) or (b.want_b and b.b is not None):
            names.update({G, "ones", f"sbo{i}"})
            lines.append(f"dot(ones, {G}, sbo{i})")  # 1^T.G
        if a.want_b and a.b is not None:
            names.update({f"sba{i}", f"wb{i}", f"ka{i}"})
            lines += [f"dot(sbo{i}, wb{i}, sba{i})", f"add(ka{i}.gb, sba{i}, ka{i}.gb)"]
        if b.want_b and b.b is not None:
            names.add(f"kb{i}")
            lines.append(f"add(kb{i}.gb, sbo{i}, kb{i}.gb)")
        if b.want_w:
            names.update({G, X, f"U{i}", f"wat{i}", f"swb{i}", f"kb{i}"})
            lines.append(f"dot({X}, wat{i}, U{i})")
            if a.b is not None:
                names.add(f"ka{i}")
                lines.append(f"add(U{i}, ka{i}.b, U{i})")
            lines += [f"dot({G}.T, U{i}, swb{i})", f"add(kb{i}.gw, swb{i}, kb{i}.gw)"]
        return lines


# np.dot without the __array_function__ dispatch (a third of its cost on tiny arrays)
_dot = getattr(np.dot, "__wrapped__", np.dot)


def _compile(src, name):
    scope = {"np": np, "dot": _dot, "add": np.add, "multiply": np.multiply,
             "subtract": np.subtract, "copyto": np.copyto, "tanh": np.tanh}
    exec(compile(src, f"<fold {name}>", "exec"), scope)
    return scope[name]


class _Program:
    """A fold body lowered to straight-line code over (T, B, ...) buffers."""

    CACHE = 4  # buffer sets kept (one per length and batch size seen last)

    @classmethod
    def build(cls, k, fuse=False):
        """The program of fold kernel k, or None when its body has no straight-line
        form; with ``fuse``, the program with merged linear pairs, or None if none."""
        ops = [(_lowering(s), s) for s in k.steps]
        if any(kind is None for kind, _ in ops):
            return None
        inputs = {*k.seq_regs, k.state_reg}
        if k.feed_reg in inputs or any(r in inputs for r in k.out_regs) or \
                len(set(k.out_regs)) != len(k.out_regs):
            return None
        if fuse:
            ops = _fuse(ops, k)
            if ops is None:
                return None
        return cls(k, ops)

    def pays_off(self, rows: int) -> bool:
        """Whether the merged pairs save more over ``rows`` = length x batch example
        steps than making their weights (and the first one's gradient) costs."""
        saved = cost = 0
        for kind, kk in self.ops:
            if kind == "pair":
                n_in, n_mid, n_out = kk.dims
                saved += rows * (n_mid * (n_in + n_out) - n_in * n_out)
                cost += 2 * n_in * n_mid * n_out
        return saved >= cost

    def __init__(self, k, ops):
        self.kernel, self.ops = k, ops
        regs = list(k.seq_regs) + [k.state_reg]
        for _, kk in ops:
            regs += [r for r in kk.outs if r not in regs]
        self.regs = regs
        # forward values kept for every step: what the backward pass reads (inputs of
        # linear layers, for their weight gradients; values elementwise derivatives
        # need) and the fold's outputs; the others live in one buffer reused each step
        kept = {k.state_reg, k.feed_reg, *k.out_regs}
        for kind, kk in ops:
            if kind in ("linear", "pair"):
                kept.add(kk.ins[0])
            elif kind == "tanh":
                kept.add(kk.outs[0])
            elif kind == "named":
                kept.update((kk.ins[0], kk.outs[0]))
        self.kept = kept
        self.runs = {}
        self.plans = {}
        self.forward_code = self._generate_forward()

    def _generate_forward(self):
        lines, names = [], set()

        def f(reg):
            names.add(f"f{reg}")
            return f"f{reg}[t]"

        for i, (kind, kk) in enumerate(self.ops):
            y = kk.outs[0]
            if kind in ("linear", "pair"):
                names.add(f"wt{i}")
                lines.append(f"dot({f(kk.ins[0])}, wt{i}, {f(y)})")
                if (kk.b is not None) if kind == "linear" else kk.has_bias:
                    names.add(f"bb{i}")
                    lines.append(f"add({f(y)}, bb{i}, {f(y)})")
            elif kind == "add":
                a, b, *rest = kk.ins
                lines.append(f"add({f(a)}, {f(b)}, {f(y)})")
                lines += [f"add({f(y)}, {f(c)}, {f(y)})" for c in rest]
            elif kind == "tanh":
                lines.append(f"tanh({f(kk.ins[0])}, {f(y)})")
            else:
                names.add(f"k{i}")
                lines.append(f"copyto({f(y)}, k{i}.f({f(kk.ins[0])}))")
        src = ["def forward(V, T):"]
        src += [f"    {n} = V['{n}']" for n in sorted(names)]
        src += ["    for t in range(T):"] + [f"        {line}" for line in lines or ["pass"]]
        return _compile("\n".join(src), "forward")

    def _shapes(self, xs, s0):
        """Every register's per-example shape: the body run generically for one step."""
        k = self.kernel
        q = [None] * k.nregs
        for reg, x in zip(k.seq_regs, xs):
            q[reg] = x[:, 0]
        q[k.state_reg] = s0 if s0 is not None else \
            np.zeros((len(xs[0]),) + k.state_shape, dtype=k.dtype)
        for kk in k.steps:
            kk.run(q)
        return {reg: q[reg].shape[1:] for reg in self.regs}, q[k.state_reg].dtype

    def forward(self, xs, s0) -> _Run:
        B, T = xs[0].shape[:2]
        key = (T, B) + tuple(x.shape[2:] for x in xs)
        run = self.runs.get(key)
        if run is None:
            shapes, dtype = self._shapes(xs, s0)
            run = _Run(self, T, B, shapes, dtype)
            if len(self.runs) >= self.CACHE:
                self.runs.pop(next(iter(self.runs)))
            self.runs[key] = run
        k, V = self.kernel, run.names
        for reg, x in zip(k.seq_regs, xs):
            if reg in run.values:
                np.copyto(run.values[reg], x.swapaxes(0, 1))
            else:
                V[f"f{reg}"] = list(x.swapaxes(0, 1))
        if s0 is None:
            run.big[0].fill(0)
        else:
            np.copyto(run.big[0], s0)
        for pair, w, wt, c in run.combine:
            pair.combine(w, wt, c)
        for dst, src in run.refresh:
            np.copyto(dst, src)
        self.forward_code(V, T)
        return run

    def backward(self, run, gouts, gstate, want_seq, want_state):
        """Gradients into the body's arrays; returns those of the fold's inputs (None
        where not wanted)."""
        k = self.kernel
        flags = (tuple(want_seq),) + tuple(
            kk.flags for kind, kk in self.ops if kind in ("linear", "pair"))
        plan = self.plans.get(flags)
        if plan is None:
            plan = self.plans[flags] = _BackPlan(self, want_seq)
        run.grad_buffers(self, plan)
        grads = run.code[plan.key]
        for reg, gy in zip(k.out_regs, gouts):
            buf = grads[reg]
            if gy is None:
                buf.fill(0)
            else:
                np.copyto(buf, gy.swapaxes(0, 1))
        gbig = run.gbig
        gbig[0].fill(0)
        if gstate is not None:
            gbig[-1] += gstate
        plan.code(run.names, run.T)
        out = [np.ascontiguousarray(grads[reg].swapaxes(0, 1)) if w else None
               for reg, w in zip(k.seq_regs, want_seq)]
        out.append(gbig[0].copy() if want_state else None)
        return out


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


class MergeAxesKernel(Kernel):
    """(batch, length, ...) -> (batch*length, ...): the mapped net sees one big batch."""

    def __init__(self, lengths_reg):
        self.lengths = lengths_reg

    def run(self, r):
        x = r[self.ins[0]]
        r[self.lengths] = x.shape[:2]
        r[self.outs[0]] = x.reshape((-1,) + x.shape[2:])

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
            add_grad(g, self.ins[0], gy.reshape((-1,) + gy.shape[2:]))


class NestOp(Operator):
    """NetNestOperator: the inner net applied n times, its output fed back as input."""

    head = "NetNestOperator"

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
