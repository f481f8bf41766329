"""RecurrentKernel: the NumPy time loop of a recurrent layer, forward and backward
through time, shared by the three layers; each layer's kernel adds its cell's steps.

At a batch of 32 and a state of 64 a step's operations take a microsecond or two each,
so the time goes into the number of NumPy calls per step and their overhead, and into
passes over whole (T, B, ...) arrays, which do not stay in the cache. So:

* Values are gate-major: a step's gates are one (G, B, n) block whose gates are
  contiguous (B, n) arrays, so an operation on one gate, on several neighbouring gates
  or on all of them is one call on contiguous memory. The arrays are stacked the same
  way (input weights G x k x n, state weights G x n x n, biases G x n, gates in the
  layer's ``gates`` order): the input projections of every step of every gate are
  computed before the loop ("XZ", (G, T, B, n)), each step's state products are one
  batched product, and after the backward loop each weight gradient is one product
  over all steps. Matrices multiplied inside the loop are kept contiguous (a transposed
  view makes a small product many times slower).
* A logistic sigmoid is 0.5 + 0.5 tanh(z/2): the sigmoid gates' arrays are halved for
  the forward pass ("h" stacks), so one ``tanh`` call serves every gate of a step, and
  the loops keep those tanh values v. The backward loops use one derivative for every
  gate, 1 - v^2, which for a sigmoid gate is 4 times its true derivative; the state and
  input weights used to carry gradients back ("q" stacks) and the weight gradients have
  those gates scaled by 1/4 to make up for it.
* Every buffer is time-major, the views of every step are made once per buffer, the
  input is copied to time-major once, the output is a transposed view, and the output
  gradient is added only at the steps where it is not zero (after SequenceLastLayer,
  only the last). The buffers of a (batch, length) shape are kept and reused by the
  next pass (not inside a fold's body, whose every step is a separate pass); all of
  them are linear in the length.

A subclass gives ``buffers(B, T)`` and ``grad_buffers(B, T)`` (dicts of arrays; the
(T + 1, B, n) sequences of its states, named in ``state_buffers``, "S" first; "dZ" and
"dP", the (G, T, B, n) gradients of the gates' pre-activations and of the state
products, the same array when the state product enters the pre-activation unchanged,
else ``own_state_grads`` names the gates whose "dP" differs),
``forward_loop(run)`` and ``backward_loop(run, dY, dstates)``, which fills "dZ" and
"dP" (sigmoid gates scaled as above) and returns the gradients of the initial states.
``dY`` is (T, B, n), time-major, with ``run.live[t]`` False where it is zero.
"""
import numpy as np

from ..base import Kernel, add_grad


class Run:
    """What one forward pass leaves for its backward pass: the buffers ``b``, the stacked
    arrays ``w``, the masks (``fast`` when the state products are unmasked; ``drops`` the
    memory gate's StateUpdate masks or None), whether it was training, and the views of
    each step that the loops make once (``views``). ``xs`` is (T, B, k + 1 + n): the time-major input,
    a column of ones (the biases' input) and, for the weight gradients, the states
    before each step; ``x1`` is its first k + 1 columns, ``x`` its first k."""

    def __init__(self, buffers, stacks, xs, k):
        self.b, self.w, self.xs = buffers, stacks, xs
        self.x1, self.x = xs[..., :k + 1], xs[..., :k]
        xs[..., k] = 1
        self.masks = self.live = self.drops = None
        self.training = False
        self.fast = True        # no state masks: the state products are one product
        self.length = len(xs)
        self.views = {}


class RecurrentKernel(Kernel):
    state_buffers = ("S",)
    own_state_grads = ()    # gates whose "dP" differs from their "dZ" (the GRU's m)
    KEEP = 8                # the buffers of this many (batch, length) shapes are kept

    def __init__(self, layer, compiler):
        self.layer, self.mode, self.dtype = layer, compiler.mode, compiler.dtype
        self.gates, self.n, self.k = layer.gates, layer.size, layer.input_size
        g = len(self.gates)
        self.half = np.ones((g, 1, 1), self.dtype)      # halves the sigmoid gates
        self.half[:layer.sigmoid_gates] = 0.5
        self.scale = self.half * self.half              # their gradients' 1/4
        self.arrays = {s.name: compiler.array(s.name) for s in layer.array_specs}
        self.reuse = compiler.top
        self.runs = {}
        self.tape = compiler.reg()

    # -- buffers -----------------------------------------------------------------------
    def empty(self, *shape):
        return np.empty(shape, self.dtype)

    def run_for(self, batch, length) -> Run:
        """The buffers of a (batch, length) shape: the last ``KEEP`` shapes' are kept
        (sequences of several lengths run as several passes, one per length)."""
        key = (batch, length)
        run = self.runs.pop(key, None) if self.reuse else None
        if run is not None:
            self.runs[key] = run        # the most recently used last
        else:
            g, n, k = len(self.gates), self.n, self.k
            stacks = {name: self.empty(*shape) for name, shape in (
                ("wx", (g, k + 1, n)), ("ws", (g, n, n)), ("wxh", (g, k + 1, n)),
                ("wsh", (g, n, n)), ("wxq", (g, n, k)), ("wsq", (g, n, n)))}
            buffers = {"XZ": self.empty(g, length, batch, n), "tmpG": self.empty(g, batch, n),
                       **self.buffers(batch, length)}
            run = Run(buffers, stacks, self.empty(length, batch, k + 1 + n), k)
            if self.reuse:
                self.runs[key] = run
                if len(self.runs) > self.KEEP:
                    del self.runs[next(iter(self.runs))]
        return run

    def grad_buffers_of(self, run):
        if "dZ" not in run.b:
            run.b.update(self.grad_buffers(run.x.shape[1], run.length))
        return run.b

    # -- the gates' arrays -----------------------------------------------------------------
    def stack(self, run, masks):
        """The arrays stacked gate by gate (dropped out when masked), transposed to
        multiply from the right (input weights with the biases as their last row), and
        the forward pass's copies with the sigmoid gates halved."""
        w, k = run.w, self.k
        for j, g in enumerate(self.gates):
            wx, ws = self.arrays[g + "InputWeights"][0], self.arrays[g + "StateWeights"][0]
            if masks is not None and masks.weights:
                wx = wx * masks.weights[g + "InputWeights"]
                ws = ws * masks.weights[g + "StateWeights"]
            w["wx"][j, :k] = wx.T
            w["wx"][j, k] = self.arrays[g + "Biases"][0]
            w["ws"][j] = ws.T
            np.multiply(wx, self.scale[j], out=w["wxq"][j])
            np.multiply(ws, self.scale[j], out=w["wsq"][j])
        for name in ("wx", "ws"):
            np.multiply(w[name], self.half, out=w[name + "h"])

    # -- forward ------------------------------------------------------------------------
    def run(self, r):
        x = r[self.ins[0]]
        batch, length = x.shape[0], x.shape[1]
        masks = None
        if self.mode.training:
            masks = self.layer.masks(self.mode.rng, batch, length, self.dtype)
        run = self.run_for(batch, length)
        np.copyto(run.x, x.swapaxes(0, 1))
        run.masks, run.training = masks, self.mode.training
        run.fast = masks is None or not masks.on_states
        run.drops = masks.cell_updates() if masks is not None else None
        self.stack(run, masks)
        self.project(run)
        for name, reg in zip(self.state_buffers, self.ins[1:]):
            first = run.b[name][0]
            if r[reg] is None:
                first.fill(0)
            else:
                np.copyto(first, r[reg])
        self.forward_loop(run)
        r[self.tape] = run
        r[self.outs[0]] = run.b["S"][1:].swapaxes(0, 1)
        for name, reg in zip(self.state_buffers, self.outs[1:]):
            r[reg] = run.b[name][length]

    def project(self, run):
        """XZ = x.Wx + b for every gate and step, one product per gate (the biases
        multiply the column of ones)."""
        x1, xz, w = run.x1, run.b["XZ"], run.w
        rows = run.length * x1.shape[1]
        for j in range(len(self.gates)):
            np.matmul(self.masked_input(run, j).reshape(rows, self.k + 1), w["wxh"][j],
                      out=xz[j].reshape(rows, self.n))

    def masked_input(self, run, j):
        """[x, 1] as gate j sees it (its "VariationalInput" mask applied)."""
        masks = run.masks
        if masks is None or masks.inputs is None:
            return run.x1
        x1 = run.x1.copy()
        x1[..., :self.k] *= masks.inputs[j]
        return x1

    def step_views(self, run, name, make):
        """The views of every step that ``make(t)`` gives, made once per run buffer."""
        views = run.views.get(name)
        if views is None:
            views = run.views[name] = [make(t) for t in range(run.length)]
        return views

    @staticmethod
    def start_grads(buffers, dstates):
        """The gradient buffers of the states after the last step: given, or zeros."""
        for buffer, given in zip(buffers, dstates):
            if given is None:
                buffer.fill(0)
            else:
                np.copyto(buffer, given)

    def product(self, run, s, t, out):
        """out (G, B, n) = every gate's state product at step t (forward: halved), the
        state masked as the dropout says."""
        masks = run.masks
        m = masks.state_stack(t) if masks is not None else None
        np.matmul(s if m is None else s * m, run.w["wsh"], out)

    def back_product(self, run, dz, t, out):
        """out (B, n) = the gradient of s_{t-1} through every gate's state product."""
        masks, tmp = run.masks, run.b["tmpG"]
        np.matmul(dz, run.w["wsq"], tmp)
        m = masks.state_stack(t) if masks is not None else None
        if m is not None:
            tmp *= m
        np.add.reduce(tmp, axis=0, out=out)

    # -- backward -----------------------------------------------------------------------
    def back(self, r, g):
        dy = g[self.outs[0]]
        dstates = [g[reg] for reg in self.outs[1:]]
        if dy is None and all(d is None for d in dstates):
            return
        run = r[self.tape]
        self.grad_buffers_of(run)
        if dy is not None:
            dy = dy.swapaxes(0, 1)
            run.live = dy.any(axis=(1, 2)).tolist()
        first = self.backward_loop(run, dy, dstates)
        want_in = self.want_in or (True,) * len(self.ins)
        if self.want_arrays is None or self.want_arrays:
            self.array_grads(run)
        if want_in[0]:
            add_grad(g, self.ins[0], self.input_grad(run).swapaxes(0, 1))
        for reg, grad, wanted in zip(self.ins[1:], first, want_in[1:]):
            if wanted and r[reg] is not None:
                add_grad(g, reg, grad.copy())

    def array_grads(self, run):
        """Every gate's three gradients with one product over all steps: the
        pre-activation gradients times [x, 1, s_{t-1}] (per gate where masks or the
        cell make the inputs or states differ), added to the plan's buffers (only those
        the plan asks for)."""
        b, masks, n, k = run.b, run.masks, self.n, self.k
        rows = run.length * run.xs.shape[1]
        prev = b["S"][:run.length]
        np.copyto(run.xs[..., k + 1:], prev)
        xs = run.xs.reshape(rows, k + 1 + n)
        want = self.want_arrays
        on_states = masks is not None and masks.on_states
        for j, g in enumerate(self.gates):
            dz = b["dZ"][j].reshape(rows, n)
            grads = np.matmul(dz.T, xs)
            if masks is not None and masks.inputs is not None:
                grads[:, :k + 1] = np.matmul(dz.T, self.masked_input(run, j).reshape(rows, k + 1))
            if on_states or b["dP"] is not b["dZ"] and j in self.own_state_grads:
                m = masks.states_over_time(j) if on_states else None
                sj = prev if m is None else prev * m
                grads[:, k + 1:] = np.matmul(b["dP"][j].reshape(rows, n).T, sj.reshape(rows, n))
            grads *= self.scale[j, 0, 0]
            for name, grad in ((g + "InputWeights", grads[:, :k]), (g + "Biases", grads[:, k]),
                               (g + "StateWeights", grads[:, k + 1:])):
                if want is not None and name not in want:
                    continue
                if masks is not None and name in masks.weights:
                    grad = grad * masks.weights[name]
                buffer = self.arrays[name][1]
                buffer += grad

    def input_grad(self, run):
        dz, w, masks = run.b["dZ"], run.w, run.masks
        out = 0
        for j in range(len(self.gates)):
            part = np.matmul(dz[j], w["wxq"][j])
            out = out + (part if masks is None or masks.inputs is None else
                         part * masks.inputs[j])
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


def tanh_derivative(v, tmp, grad):
    """grad *= 1 - v^2 (the derivative of tanh from its value), with tmp as scratch."""
    np.multiply(v, v, tmp)
    np.subtract(1, tmp, tmp)
    np.multiply(grad, tmp, grad)
