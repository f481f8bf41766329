"""A fold body lowered to straight-line code over (T, B, ...) buffers.

Every body kernel must say which straight-line form it has (``Kernel.straight_line``):

    "linear"  y = x.W^T + b on vectors; the kernel has ``w``, ``b`` (or None), ``gw``,
              ``gb``, ``want_w``, ``want_b``, ``want_x``, ``flags``, ``wants_arrays``
    "add"     y = the sum of its inputs
    "tanh"    y = tanh(x)
    "named"   y = k.f(x), with the derivative k.df(x, y)

A body with any other kernel runs step by step (FoldKernel's generic path). A new form
is a branch in the code generators here and in backward.py.
"""
import numpy as np

from .backward import BackPlan
from .buffers import Run
from .code import compile_code
from .pairs import merge_pairs


class Program:
    """A fold body lowered to straight-line code over (T, B, ...) buffers."""

    CACHE = 4  # buffer sets kept (one per length and batch size seen last)

    @classmethod
    def build(cls, k, fuse=False):
        """The program of fold kernel k, or None when its body has no straight-line
        form; with ``fuse``, the program with merged linear pairs, or None if none."""
        ops = [(s.straight_line, s) for s in k.steps]
        if any(kind is None for kind, _ in ops):
            return None
        inputs = {*k.seq_regs, k.state_reg}
        if k.feed_reg in inputs or any(r in inputs for r in k.out_regs) or \
                len(set(k.out_regs)) != len(k.out_regs):
            return None
        if fuse:
            ops = merge_pairs(ops, k)
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
        return compile_code("\n".join(src), "forward")

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

    def forward(self, xs, s0) -> Run:
        B, T = xs[0].shape[:2]
        key = (T, B) + tuple(x.shape[2:] for x in xs)
        run = self.runs.get(key)
        if run is None:
            shapes, dtype = self._shapes(xs, s0)
            run = Run(self, T, B, shapes, dtype)
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
            plan = self.plans[flags] = BackPlan(self, want_seq)
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
