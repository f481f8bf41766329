"""The compiled fold's buffers for one (length, batch) shape."""
import numpy as np


class Run:
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
