"""FoldKernel: a fold's body run once per step, compiled when it can be."""
import numpy as np

from ..base import Kernel, add_grad
from .program import Program


class FoldKernel(Kernel):
    """Runs the inner program once per step over time-major slices of the batch.

    When every kernel of the body has a straight-line form (``Program``), the fold is
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
        self.program = Program.build(self) if compiled else None
        self.fused = Program.build(self, fuse=True) if self.program is not None else None

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
        deferring = [k for k in self.steps if k.defers_array_grads]
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
