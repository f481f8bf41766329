"""RecurrentKernel: the NumPy time loop of a recurrent layer, forward and backward
through time, shared by the three layers; each layer's kernel adds its cell's steps.

Why it is fast:

* The gates' arrays are packed side by side (input weights k x Gn, state weights
  n x Gn, biases Gn, gates in the layer's order), so the input projections of every
  step of the whole batch are one matrix product before the loop, each step's state
  products one product, and after the backward loop each weight gradient one product
  over all steps.
* A logistic sigmoid is computed as 0.5 + 0.5 tanh(z/2): the sigmoid gates' packed
  columns are prescaled by 1/2 for the forward pass, so one ``tanh`` call serves every
  gate of a step.
* Every buffer is batch-major ((B, T, ...), the layout of the ports), so neither the
  input, the output nor their gradients are ever transposed; a step works on the
  (B, ...) slices. The buffers of a (batch, length) shape are kept and reused by the
  next pass (not inside a fold's body, whose every step is a separate pass); all of
  them are linear in the length.

A subclass gives ``buffers(B, T)`` and ``grad_buffers(B, T)`` (dicts of arrays: "Z"
the (B, T, Gn) projections, which the forward loop turns into the gates' values, and
one (B, T + 1, n) array per state port, named in ``state_buffers``), ``forward_loop(run)``
and ``backward_loop(run, dY, dstates)``, which fills "dZ" (the gradient of the gates'
pre-activations, (B, T, Gn)) and "dP" (that of the state products; the same array when
the state product enters the pre-activation unchanged) and returns the gradients of the
initial states.
"""
import numpy as np

from ..base import Kernel, add_grad


class Run:
    """What one forward pass leaves for its backward pass."""

    def __init__(self, buffers, packed):
        self.b, self.w = buffers, packed
        self.x = self.masks = None
        self.length = 0


class RecurrentKernel(Kernel):
    state_buffers = ("S",)

    def __init__(self, layer, compiler):
        self.layer, self.mode, self.dtype = layer, compiler.mode, compiler.dtype
        self.gates, self.n, self.k = layer.gates, layer.size, layer.input_size
        self.width = len(self.gates) * self.n
        self.ns = layer.sigmoid_gates * self.n      # the columns of the sigmoid gates
        self.arrays = {s.name: compiler.array(s.name) for s in layer.array_specs}
        self.reuse = compiler.top
        self.runs = {}
        self.tape = compiler.reg()

    # -- buffers -----------------------------------------------------------------------
    def empty(self, *shape):
        return np.empty(shape, self.dtype)

    def run_for(self, batch, length) -> Run:
        key = (batch, length)
        run = self.runs.get(key) if self.reuse else None
        if run is None:
            n, k, width = self.n, self.k, self.width
            packed = {name: self.empty(*shape) for name, shape in (
                ("wx", (k, width)), ("ws", (n, width)), ("b", (width,)),
                ("wxh", (k, width)), ("wsh", (n, width)), ("bh", (width,)))}
            run = Run(self.buffers(batch, length), packed)
            if self.reuse:
                self.runs[key] = run
        run.length = length
        return run

    def grad_buffers_of(self, run):
        if "dZ" not in run.b:
            batch = len(run.b["Z"])
            run.b.update(self.grad_buffers(batch, run.length))
        return run.b

    # -- packing the gates' arrays ---------------------------------------------------------
    def pack(self, run, masks):
        """The arrays side by side (dropped out when masked); the "h" copies have the
        sigmoid gates' columns halved (see the module docstring)."""
        w, n = run.w, self.n
        for j, g in enumerate(self.gates):
            cols = slice(j * n, (j + 1) * n)
            wx, ws = self.arrays[g + "InputWeights"][0], self.arrays[g + "StateWeights"][0]
            if masks is not None and masks.weights:
                wx, ws = wx * masks.weights[g + "InputWeights"], ws * masks.weights[g + "StateWeights"]
            w["wx"][:, cols] = wx.T
            w["ws"][:, cols] = ws.T
            w["b"][cols] = self.arrays[g + "Biases"][0]
        for name in ("wx", "ws", "b"):
            half = w[name + "h"]
            np.copyto(half, w[name])
            half[..., :self.ns] *= 0.5

    # -- forward ------------------------------------------------------------------------
    def run(self, r):
        x = r[self.ins[0]]
        batch, length = x.shape[0], x.shape[1]
        masks = None
        if self.mode.training:
            masks = self.layer.masks(self.mode.rng, batch, length, self.dtype)
        run = self.run_for(batch, length)
        run.x, run.masks = x, masks
        self.pack(run, masks)
        self.project(run)
        for name, reg in zip(self.state_buffers, self.ins[1:]):
            first = run.b[name][:, 0]
            if r[reg] is None:
                first.fill(0)
            else:
                np.copyto(first, r[reg])
        self.forward_loop(run)
        r[self.tape] = run
        r[self.outs[0]] = run.b["S"][:, 1:]
        for name, reg in zip(self.state_buffers, self.outs[1:]):
            r[reg] = run.b[name][:, length]

    def project(self, run):
        """Z = x.Wx + b for every step, one product (one per gate with input masks)."""
        x, z, w = run.x, run.b["Z"], run.w
        batch, length = x.shape[0], x.shape[1]
        masks, n = run.masks, self.n
        if masks is None or masks.inputs is None:
            np.matmul(x.reshape(batch * length, self.k), w["wxh"],
                      out=z.reshape(batch * length, self.width))
        else:
            for j in range(len(self.gates)):
                cols = slice(j * n, (j + 1) * n)
                z[..., cols] = np.matmul(x * masks.input(j)[:, None], w["wxh"][:, cols])
        z += w["bh"]

    def product(self, run, s, t, out):
        """out = the state products of every gate at step t (forward, prescaled)."""
        masks = run.masks
        if masks is None or not masks.on_states:
            np.matmul(s, run.w["wsh"], out=out)
            return
        n = self.n
        for j in range(len(self.gates)):
            m = masks.state(j, t)
            cols = slice(j * n, (j + 1) * n)
            out[:, cols] = np.matmul(s if m is None else s * m, run.w["wsh"][:, cols])

    def back_product(self, run, dp, t, out):
        """out = the gradient of the state s_{t-1} through the state products."""
        masks, ws = run.masks, run.w["ws"]
        if masks is None or not masks.on_states:
            np.matmul(dp, ws.T, out=out)
            return
        n = self.n
        out.fill(0)
        for j in range(len(self.gates)):
            cols = slice(j * n, (j + 1) * n)
            part = np.matmul(dp[:, cols], ws[:, cols].T)
            m = masks.state(j, t)
            out += part if m is None else part * m

    # -- backward -----------------------------------------------------------------------
    def back(self, r, g):
        dy = g[self.outs[0]]
        dstates = [g[reg] for reg in self.outs[1:]]
        if dy is None and all(d is None for d in dstates):
            return
        run = r[self.tape]
        self.grad_buffers_of(run)
        first = self.backward_loop(run, dy, dstates)
        want_in = self.want_in or (True,) * len(self.ins)
        if self.want_arrays is None or self.want_arrays:
            self.array_grads(run)
        if want_in[0]:
            add_grad(g, self.ins[0], self.input_grad(run))
        for reg, grad, wanted in zip(self.ins[1:], first, want_in[1:]):
            if wanted and r[reg] is not None:
                add_grad(g, reg, grad.copy())

    def array_grads(self, run):
        """Every weight gradient with one product over all steps, added to the plan's
        buffers (only those the plan asks for)."""
        b, w, masks, n, k = run.b, run.w, run.masks, self.n, self.k
        batch, length = len(b["Z"]), run.length
        rows = batch * length
        dz = b["dZ"].reshape(rows, self.width)
        dp = b["dP"].reshape(rows, self.width)
        x = run.x
        prev = b["S"][:, :length]
        gates = range(len(self.gates))
        if masks is None or masks.inputs is None:
            gwx = np.matmul(x.reshape(rows, k).T, dz)
        else:
            gwx = np.concatenate([np.matmul((x * masks.input(j)[:, None]).reshape(rows, k).T,
                                            dz[:, j * n:(j + 1) * n]) for j in gates], axis=1)
        if masks is None or not masks.on_states:
            gws = np.matmul(prev.reshape(rows, n).T, dp)
        else:
            parts = []
            for j in gates:
                m = masks.states_over_time(j)
                sm = prev if m is None else prev * m
                parts.append(np.matmul(sm.reshape(rows, n).T, dp[:, j * n:(j + 1) * n]))
            gws = np.concatenate(parts, axis=1)
        gb = dz.sum(axis=0)
        want = self.want_arrays
        for j, g in enumerate(self.gates):
            cols = slice(j * n, (j + 1) * n)
            for name, grad in ((g + "InputWeights", gwx[:, cols].T),
                               (g + "StateWeights", gws[:, cols].T), (g + "Biases", gb[cols])):
                if want is not None and name not in want:
                    continue
                if masks is not None and name in masks.weights:
                    grad = grad * masks.weights[name]
                buffer = self.arrays[name][1]
                buffer += grad

    def input_grad(self, run):
        b, w, masks, n = run.b, run.w, run.masks, self.n
        dz = b["dZ"]
        if masks is None or masks.inputs is None:
            return np.matmul(dz, w["wx"].T)
        out = 0
        for j in range(len(self.gates)):
            cols = slice(j * n, (j + 1) * n)
            out = out + np.matmul(dz[..., cols], w["wx"][:, cols].T) * masks.input(j)[:, None]
        return out

    # -- what a cell gives -----------------------------------------------------------------
    def buffers(self, batch, length) -> dict:
        raise NotImplementedError

    def grad_buffers(self, batch, length) -> dict:
        raise NotImplementedError

    def forward_loop(self, run):
        raise NotImplementedError

    def backward_loop(self, run, dy, dstates) -> list:
        raise NotImplementedError


def gate_derivatives(values, out, sigmoid_columns):
    """out = the derivative of each gate's activation from its value: g (1 - g) for the
    sigmoid columns, 1 - g^2 for the tanh ones (over every step at once)."""
    ns = sigmoid_columns
    s, ds = values[..., :ns], out[..., :ns]
    np.subtract(1, s, out=ds)
    ds *= s
    t, dt = values[..., ns:], out[..., ns:]
    np.multiply(t, t, out=dt)
    np.subtract(1, dt, out=dt)
    return out
