"""JAX references (CPU, float32), the compiled baselines: every workload written in
``jax.numpy`` as a JAX user would, trained with Wolfram's ADAM, in two ways:

* **per batch** -- one ``jax.jit`` call per batch: forward, backward (``jax.grad``) and
  the ADAM update compiled together, parameters and optimizer state donated so the
  update is in place;
* **whole epoch** -- one compiled call per round: a ``lax.scan`` of that same step over
  the round's batches (the pool's batches; for W5 the round's shuffled index batches,
  gathered inside the compiled call).

Both are compiled ahead of time (``jit(...).lower(...).compile()``), so the compile time
is measured on its own and every timed call runs compiled code. The ADAM update is
Wolfram's (MXNet's ``adam_update``): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
w -= lr_t m / (sqrt(v) + 1e-5) with the bias correction folded into
lr_t = lr sqrt(1 - b2^t) / (1 - b1^t), computed inside the compiled step from the step
count (with expm1, so that 1 - b2^t keeps its digits in float32).

Shapes are fixed, as jit wants them: W5's rounds drop the last, shorter batch (23 batches
of 64 of the 1,500 examples per round, reshuffled every round).

XLA chooses its own CPU threads (by default one per core).
"""

from __future__ import annotations

import math
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from workloads import BETA1, BETA2, LR, WOLFRAM_EPS, Spec, lstm_pack, lstm_unpack

LOG_B1, LOG_B2 = math.log(BETA1), math.log(BETA2)


# -- the models: (trainable, frozen) parameter trees from the workload's named arrays ---
class Fold:
    """h = x_t + s; s' = (h W2^T + b2) W3^T over T steps (lax.scan); W3 frozen."""

    loss_kind = "mse"

    def split(self, init):
        return {"W2": init["W2"], "b2": init["b2"]}, {"W3": init["W3"]}

    def arrays(self, p, frozen):
        return {**p, **frozen}

    def predict(self, p, frozen, x):
        def cell(s, xt):
            return ((xt + s) @ p["W2"].T + p["b2"]) @ frozen["W3"].T, None
        s0 = jnp.zeros((x.shape[0], x.shape[2]), x.dtype)
        return lax.scan(cell, s0, jnp.swapaxes(x, 0, 1))[0]


class MLP:
    loss_kind = "mse"

    def split(self, init):
        return dict(init), {}

    def arrays(self, p, frozen):
        return dict(p)

    def predict(self, p, frozen, x):
        return jnp.tanh(x @ p["W1"].T + p["b1"]) @ p["W2"].T + p["b2"]


class LSTM:
    """Gates packed as PyTorch packs them (i, f, g, o); the input projection of every
    step is one product before the scan, the state product one per step."""

    loss_kind = "mse"

    def split(self, init):
        w_ih, w_hh, b = lstm_pack(init)
        return {"w_ih": w_ih, "w_hh": w_hh, "b": b, "W2": init["W2"], "b2": init["b2"]}, {}

    def arrays(self, p, frozen):
        return {**lstm_unpack(p["w_ih"], p["w_hh"], p["b"]), "W2": p["W2"], "b2": p["b2"]}

    def predict(self, p, frozen, x):
        xz = jnp.swapaxes(x @ p["w_ih"].T + p["b"], 0, 1)     # (T, B, 4n)
        n = p["w_hh"].shape[1]

        def cell(carry, z):
            s, c = carry
            i, f, g, o = jnp.split(z + s @ p["w_hh"].T, 4, axis=-1)
            c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
            return (jax.nn.sigmoid(o) * jnp.tanh(c), c), None
        zero = jnp.zeros((x.shape[0], n), x.dtype)
        s, _ = lax.scan(cell, (zero, zero), xz)[0]
        return s @ p["W2"].T + p["b2"]


class Conv:
    """conv 3x3 (VALID) -> relu -> max pool 2x2 stride 2 -> flatten -> linear (logits)."""

    loss_kind = "cross_entropy"

    def split(self, init):
        return dict(init), {}

    def arrays(self, p, frozen):
        return dict(p)

    def predict(self, p, frozen, x):
        h = lax.conv_general_dilated(x, p["W1"], (1, 1), "VALID")
        h = jax.nn.relu(h + p["b1"][None, :, None, None])
        h = lax.reduce_window(h, -jnp.inf, lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")
        return h.reshape(h.shape[0], -1) @ p["W2"].T + p["b2"]


MODELS = {"fold": Fold, "mlp": MLP, "lstm": LSTM, "conv": Conv}


def wolfram_adam(p, grads, state):
    """One step of Wolfram's ADAM on a parameter tree; state = (m, v, t)."""
    m, v, t = state
    t = t + 1
    tf = t.astype(jnp.float32)
    lr_t = LR * jnp.sqrt(-jnp.expm1(tf * LOG_B2)) / (-jnp.expm1(tf * LOG_B1))
    m = jax.tree.map(lambda m, g: BETA1 * m + (1.0 - BETA1) * g, m, grads)
    v = jax.tree.map(lambda v, g: BETA2 * v + (1.0 - BETA2) * (g * g), v, grads)
    p = jax.tree.map(lambda w, m, v: w - (m / (jnp.sqrt(v) + WOLFRAM_EPS)) * lr_t, p, m, v)
    return p, (m, v, t)


class JaxTrainer:
    """A workload in JAX: ``run(n)`` per-batch jit calls, ``run_epochs(r)`` whole-epoch
    calls, ``compile()`` (timed; done on first use otherwise), ``reset()``, ``params()``."""

    def __init__(self, spec: Spec, init: dict, batches: list):
        self.spec, self.init = spec, init
        self.model = model = MODELS[spec.kind]()
        B = spec.batch

        def loss(p, frozen, x, y):
            out = model.predict(p, frozen, x)
            if model.loss_kind == "mse":
                return jnp.mean((out - y) ** 2)
            logp = jax.nn.log_softmax(out)
            return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))

        def update(p, state, frozen, x, y):
            return wolfram_adam(p, jax.grad(loss)(p, frozen, x, y), state)

        if spec.shuffled:
            # the whole training set on the device; batches are index vectors
            self.X = jnp.asarray(np.concatenate([x for x, _ in batches]))
            self.Y = jnp.asarray(np.concatenate([y for _, y in batches]).astype(np.int32))
            self.steps_per_round = len(self.X) // B

            def step(p, state, frozen, X, Y, idx):
                return update(p, state, frozen, X[idx], Y[idx])

            def epoch(p, state, frozen, X, Y, idxs):
                def body(carry, idx):
                    return update(*carry, frozen, X[idx], Y[idx]), None
                return lax.scan(body, (p, state), idxs)[0]
        else:
            self.pool = [(jnp.asarray(x), jnp.asarray(y)) for x, y in batches]
            self.Xs = jnp.stack([x for x, _ in self.pool])
            self.Ys = jnp.stack([y for _, y in self.pool])
            self.steps_per_round = len(self.pool)
            step = update

            def epoch(p, state, frozen, Xs, Ys):
                def body(carry, xy):
                    return update(*carry, frozen, *xy), None
                return lax.scan(body, (p, state), (Xs, Ys))[0]

        self._step = jax.jit(step, donate_argnums=(0, 1))
        self._epoch = jax.jit(epoch, donate_argnums=(0, 1))
        self._logits = jax.jit(model.predict)
        self.step_fn = self.epoch_fn = None
        self.compile_s: dict[str, float] = {}
        self.reset()

    # -- state ---------------------------------------------------------------------------
    def reset(self) -> None:
        """Fresh device copies of the initial arrays, zero moments, t = 0, round 1 next."""
        p, frozen = self.model.split(self.init)
        self.p = jax.tree.map(jnp.array, p)
        self.frozen = jax.tree.map(jnp.array, frozen)
        zeros = jax.tree.map(jnp.zeros_like, self.p)
        self.state = (zeros, jax.tree.map(jnp.zeros_like, self.p), jnp.zeros((), jnp.int32))
        self.rng = np.random.default_rng(0)
        self.feed = self._feed()

    def params(self) -> dict:
        return {k: np.asarray(v) for k, v in self.model.arrays(self.p, self.frozen).items()}

    # -- compiling -----------------------------------------------------------------------
    def _round_args(self) -> tuple:
        """The data arguments of one whole-epoch call (W5: this round's index batches)."""
        if not self.spec.shuffled:
            return self.Xs, self.Ys
        B = self.spec.batch
        perm = self.rng.permutation(len(self.X))[:self.steps_per_round * B]
        return self.X, self.Y, perm.reshape(self.steps_per_round, B).astype(np.int32)

    def _batch(self, k: int) -> tuple:
        """The data arguments of a per-batch call on batch k of the pool (W5: of the
        training set in order)."""
        if not self.spec.shuffled:
            return self.pool[k % len(self.pool)]
        B = self.spec.batch
        return self.X, self.Y, np.arange(k * B, (k + 1) * B, dtype=np.int32)

    def _feed(self):
        """The per-batch calls' data: the pool in order; or rounds of shuffled indices."""
        if not self.spec.shuffled:
            while True:
                yield from self.pool
        while True:
            X, Y, idxs = self._round_args()
            for idx in idxs:
                yield X, Y, idx

    def compile(self) -> dict:
        """Compile both calls for the workload's shapes; their compile times (s)."""
        args = (self.p, self.state, self.frozen)
        for name, fn, data in (("per_batch", self._step, self._batch(0)),
                               ("epoch", self._epoch, self._round_args())):
            t = time.perf_counter()
            compiled = fn.lower(*args, *data).compile()
            self.compile_s[name] = time.perf_counter() - t
            setattr(self, "step_fn" if name == "per_batch" else "epoch_fn", compiled)
        self.reset()
        return dict(self.compile_s)

    # -- training ------------------------------------------------------------------------
    def step(self, k: int) -> None:
        """One per-batch call on batch k (the correctness check)."""
        self.p, self.state = self._step(self.p, self.state, self.frozen, *self._batch(k))

    def run(self, n: int) -> None:
        """n per-batch calls (the timed per-batch run); waits for the result."""
        if self.step_fn is None:
            self.compile()
        fn, feed = self.step_fn, self.feed
        p, state, frozen = self.p, self.state, self.frozen
        for _ in range(n):
            p, state = fn(p, state, frozen, *next(feed))
        self.p, self.state = jax.block_until_ready((p, state))

    def run_epochs(self, rounds: int) -> None:
        """``rounds`` whole-epoch calls (the timed whole-epoch run); waits for the result."""
        if self.epoch_fn is None:
            self.compile()
        fn = self.epoch_fn
        p, state, frozen = self.p, self.state, self.frozen
        for _ in range(rounds):
            p, state = fn(p, state, frozen, *self._round_args())
        self.p, self.state = jax.block_until_ready((p, state))

    def scan_steps(self, k: int, steps: int) -> None:
        """``steps`` steps on batch k in one scanned call (checks the whole-epoch path)."""
        *data, last = self._batch(k)
        if self.spec.shuffled:
            data = (*data, np.stack([last] * steps))
        else:
            data = (jnp.stack([data[0]] * steps), jnp.stack([last] * steps))
        self.p, self.state = self._epoch(self.p, self.state, self.frozen, *data)

    def accuracy(self, x: np.ndarray, y: np.ndarray) -> float:
        """W5: the fraction of (x, y) the net classifies right."""
        out = np.asarray(self._logits(self.p, self.frozen, jnp.asarray(x)))
        return float((out.argmax(1) == y).mean())
