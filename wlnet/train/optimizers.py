"""ADAM, SGD and RMSProp as Wolfram 12.0 runs them (MXNet's update kernels), in place.

What every optimizer here shares, and why:

* ``step(arrays, grads, rates, t)`` updates ``arrays`` in place. Gradients arrive as the
  batch mean (the loop seeds the loss gradient with 1/B) and are read, never written.
* The learning-rate multiplier scales the UPDATE, not the gradient (under ADAM a scaled
  gradient would cancel out). An array whose rate is 0 is skipped entirely: no state is
  allocated for it and it stays bit-identical, even under L2 regularisation or weight
  clipping (Wolfram never hands frozen arrays to its optimizer either).
* Per-array state and scratch buffers are allocated once, on an array's first update;
  every later step is a fixed sequence of ufunc calls with ``out=``, allocating nothing
  the size of an array.
* ``learning_rate(t)`` is the global rate of step t (t counts from 1): the base rate times
  the schedule factor (and, for ADAM, the bias correction, which Wolfram folds into the
  step size). NetTrain's "InitialLearningRate"/"FinalLearningRate" come from it.
* Schedules ("LearningRateSchedule"): None; "Polynomial", the factor
  sqrt(1 - min(t, N)/(N + 1)); or a function f(i, N) -> factor called, as Wolfram does,
  with i = min(t - 1, N). N is ``total_steps``, which ``loop.train`` sets to
  rounds x batches per round before the first step.
* Common options: ``l2`` ("L2Regularization", lambda*w added to the gradient),
  ``gradient_clipping`` (clip the gradient elementwise to +-c), ``weight_clipping`` (clip
  the array to +-c after the update). As in MXNet, ADAM and RMSProp clip g + lambda*w,
  while SGD clips g alone and adds lambda*w unclipped.
* Each rule is written twice, as a layer is: ``rule(xp, w, g, state, lr)`` is the pure
  update for any array namespace (the JAX backend compiles it into its training step),
  and ``_update`` the same arithmetic in place for NumPy, in the same order of float
  operations; ``tests/unit/train/test_optimizers.py`` checks that the two agree.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

Schedule = None | str | Callable[[int, int], float]


class Optimizer:
    """Shared options, schedule and per-array buffers; subclasses write ``_update``."""

    name = ""
    state_buffers = 0  # per-array state and scratch arrays a subclass needs
    state_size = 0     # per-array state arrays of the pure rule (no scratch)

    def __init__(self, learning_rate: float, *, l2: float = 0.0,
                 gradient_clipping: float | None = None,
                 weight_clipping: float | None = None, schedule: Schedule = None):
        if isinstance(schedule, str) and schedule != "Polynomial":
            raise ValueError(f"unknown learning-rate schedule {schedule!r}")
        self.base_learning_rate = float(learning_rate)
        self.l2 = float(l2)
        self.gradient_clipping = gradient_clipping
        self.weight_clipping = weight_clipping
        self.schedule = schedule
        self.total_steps: int | None = None
        self._buffers: dict[tuple, list[np.ndarray]] = {}  # by the paths of a span
        self._span_cache = None

    def learning_rate(self, t: int) -> float:
        return self.base_learning_rate * self._schedule_factor(t)

    def learning_rates(self, first: int, n: int) -> np.ndarray:
        """``learning_rate(t)`` for t = first + 1 ... first + n as one float64 array (the
        table a compiled chunk of batches reads)."""
        t = np.arange(first + 1, first + n + 1, dtype=np.float64)
        if self.schedule is None:
            return np.full(n, self.base_learning_rate)
        if self.schedule == "Polynomial":
            if self.total_steps is None:
                raise ValueError("a learning-rate schedule needs total_steps")
            m = float(self.total_steps)
            return self.base_learning_rate * np.sqrt(1.0 - np.minimum(t, m) / (m + 1.0))
        return np.array([self.learning_rate(int(i)) for i in t])

    def _schedule_factor(self, t: int) -> float:
        if self.schedule is None:
            return 1.0
        n = self.total_steps
        if n is None:
            raise ValueError("a learning-rate schedule needs total_steps")
        if self.schedule == "Polynomial":
            return math.sqrt(1.0 - min(t, n) / (n + 1.0))
        return float(self.schedule(min(t - 1, n), n))

    def step(self, arrays: dict, grads: dict, rates: dict, t: int) -> None:
        lr = self.learning_rate(t)
        for paths, w, g, rate in self._spans(arrays, grads, rates):
            buffers = self._buffers.get(paths)
            if buffers is None:
                buffers = self._buffers[paths] = self._allocate(w)
            self._update(w, g, buffers, lr * rate)
            if self.weight_clipping is not None:
                np.clip(w, -self.weight_clipping, self.weight_clipping, out=w)

    def has_state(self, path: tuple) -> bool:
        return any(path in paths for paths in self._buffers)

    def _spans(self, arrays: dict, grads: dict, rates: dict) -> list:
        """What one update pass covers: (paths, array, gradient, rate). Arrays that lie
        next to each other in one flat buffer (a plan's layout), share a rate, and
        whose gradients are laid out the same way, are updated as one span: the same
        elementwise arithmetic in a few calls instead of a few per array. Made once per
        layout (checked at every step: the same array objects at the same paths)."""
        cached = self._span_cache
        if cached is not None and cached[0] == tuple(rates.items()) and all(
                arrays[p] is a and grads[p] is g for p, a, g in cached[1]):
            return cached[2]
        spans = _group_spans(arrays, grads, {p: r for p, r in rates.items() if r != 0})
        self._span_cache = (tuple(rates.items()),
                            [(p, arrays[p], grads[p]) for p in rates if rates[p] != 0], spans)
        return spans

    def _allocate(self, w: np.ndarray) -> list[np.ndarray]:
        count = self.state_buffers + (1 if self._needs_gradient_buffer() else 0)
        return [np.zeros_like(w) for _ in range(count)]

    def _needs_gradient_buffer(self) -> bool:
        """ADAM and RMSProp work on clip(g + l2*w), kept in one extra (last) buffer."""
        return self.l2 != 0 or self.gradient_clipping is not None

    def _regularized(self, g: np.ndarray, w: np.ndarray, buffers: list) -> np.ndarray:
        """clip(g + l2*w) in the last buffer, or g itself when neither option is set."""
        if not self._needs_gradient_buffer():
            return g
        out = buffers[-1]
        np.multiply(w, self.l2, out=out)
        out += g
        if self.gradient_clipping is not None:
            np.clip(out, -self.gradient_clipping, self.gradient_clipping, out=out)
        return out

    def _update(self, w, g, buffers, lr):
        raise NotImplementedError

    # -- the pure form: one array's update as a function -------------------------------
    def initial_state(self, xp, w) -> tuple:
        """The state of an array before its first update (zeros)."""
        return tuple(xp.zeros_like(w) for _ in range(self.state_size))

    def update(self, xp, w, g, state: tuple, lr):
        """(new w, new state) of one step of array w with gradient g; ``lr`` is
        ``learning_rate(t)`` times the array's multiplier. Pure: for NumPy and jax.numpy."""
        w, state = self.rule(xp, w, g, state, lr)
        if self.weight_clipping is not None:
            w = xp.clip(w, -self.weight_clipping, self.weight_clipping)
        return w, state

    def rule(self, xp, w, g, state, lr):
        raise NotImplementedError

    def _pure_regularized(self, xp, g, w):
        """clip(g + l2*w), as ``_regularized`` computes it."""
        if not self._needs_gradient_buffer():
            return g
        g = w * self.l2 + g
        if self.gradient_clipping is not None:
            g = xp.clip(g, -self.gradient_clipping, self.gradient_clipping)
        return g


def _address(a: np.ndarray) -> int:
    return a.__array_interface__["data"][0]


def _group_spans(arrays: dict, grads: dict, rates: dict) -> list:
    """Spans of neighbouring arrays (see Optimizer._spans); any other array lone."""
    def owner(a):
        return a if a.base is None else a.base

    def flat(a):
        o = owner(a)
        return o if o.ndim == 1 and o.flags.c_contiguous and o.dtype == a.dtype else None

    located = []  # (owner id, start, end, path) of every array in a flat buffer
    for p, a in arrays.items():
        if a.flags.c_contiguous and flat(a) is not None:
            start = _address(a)
            located.append((id(owner(a)), start, start + a.nbytes, p))
    located.sort()
    spans, run = [], []

    def close():
        if not run:
            return
        first, last = run[0], run[-1]
        w0, g0 = arrays[first], grads[first]
        if len(run) == 1:
            spans.append(((first,), w0, g0, rates[first]))
        else:
            base, gbase = flat(w0), flat(g0)
            item = w0.itemsize
            i = (_address(w0) - _address(base)) // item
            j = (_address(arrays[last]) - _address(base)) // item + arrays[last].size
            k = (_address(g0) - _address(gbase)) // item
            spans.append((tuple(run), base[i:j], gbase[k:k + j - i], rates[first]))
        run.clear()

    def joins(p):
        if not run or rates[p] != rates[run[0]]:
            return False
        a, g, a0, g0 = arrays[p], grads[p], arrays[run[0]], grads[run[0]]
        ga = flat(g)
        return ga is not None and ga is flat(g0) and g.flags.c_contiguous and \
            g.dtype == a.dtype and a.dtype == a0.dtype and \
            _address(g) - _address(g0) == _address(a) - _address(a0)

    for _, _, _, p in located:
        if p in rates and joins(p):
            run.append(p)
        else:
            close()
            if p in rates:
                run.append(p)
    close()
    placed = {p for paths, *_ in spans for p in paths}
    spans += [((p,), arrays[p], grads[p], r) for p, r in rates.items() if p not in placed]
    return spans


class Adam(Optimizer):
    """ADAM with Wolfram's defaults and MXNet's ``adam_update``.

    m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  w -= lr_t m / (sqrt(v) + eps),
    lr_t = lr * rate * sqrt(1 - b2^t) / (1 - b1^t): eps is added to the UNCORRECTED sqrt(v).

    The state is kept scaled, M = m / (1 - b1) and V = v / (1 - b2), so that each moment
    takes two passes over the array instead of three (M = b1 M + g); the constants move
    into the step: w -= lr_t (1 - b1) / sqrt(1 - b2) * M / (sqrt(V) + eps / sqrt(1 - b2)).
    The same arithmetic in exact numbers, ten passes a step instead of twelve (float32
    rounding differs in the last bits).
    """

    name = "ADAM"
    state_buffers = 3  # M, V, scratch
    state_size = 2     # M, V

    def __init__(self, learning_rate: float = 0.001, *, beta1: float = 0.9,
                 beta2: float = 0.999, epsilon: float = 1e-5, **options):
        super().__init__(learning_rate, **options)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def learning_rate(self, t: int) -> float:
        correction = math.sqrt(1.0 - self.beta2 ** t) / (1.0 - self.beta1 ** t)
        return super().learning_rate(t) * correction

    def learning_rates(self, first: int, n: int) -> np.ndarray:
        t = np.arange(first + 1, first + n + 1, dtype=np.float64)
        if callable(self.schedule):
            return np.array([self.learning_rate(int(i)) for i in t])
        correction = np.sqrt(1.0 - self.beta2 ** t) / (1.0 - self.beta1 ** t)
        return super().learning_rates(first, n) * correction

    def _update(self, w, g, buffers, lr):
        m, v, s = buffers[:3]
        g = self._regularized(g, w, buffers)
        root = math.sqrt(1.0 - self.beta2)
        m *= self.beta1
        m += g
        v *= self.beta2
        np.square(g, out=s)
        v += s
        np.sqrt(v, out=s)
        s += self.epsilon / root
        np.divide(m, s, out=s)
        s *= lr * (1.0 - self.beta1) / root
        w -= s

    def rule(self, xp, w, g, state, lr):
        m, v = state
        g = self._pure_regularized(xp, g, w)
        root = math.sqrt(1.0 - self.beta2)
        m = m * self.beta1 + g
        v = v * self.beta2 + g * g
        s = m / (xp.sqrt(v) + self.epsilon / root)
        return w - s * (lr * (1.0 - self.beta1) / root), (m, v)


class SGD(Optimizer):
    """SGD with momentum and Wolfram's default "Polynomial" schedule (MXNet ``sgd_mom_update``).

    mom = mu mom - lr_t (clip(g) + l2 w);  w += mom,  lr_t = lr * rate * schedule(t).
    The momentum buffer holds steps (already times the rate), as in MXNet; with momentum 0
    no state is kept and w -= lr_t (clip(g) + l2 w).
    """

    name = "SGD"

    def __init__(self, learning_rate: float = 0.01, *, momentum: float = 0.93,
                 schedule: Schedule = "Polynomial", **options):
        super().__init__(learning_rate, schedule=schedule, **options)
        self.momentum = momentum
        self.state_buffers = 2 if momentum else 1  # [momentum,] scratch
        self.state_size = 1 if momentum else 0

    def _needs_gradient_buffer(self) -> bool:
        return False  # SGD folds l2 and the clipped gradient into the step one at a time

    def _update(self, w, g, buffers, lr):
        s = buffers[-1]
        step = buffers[0] if self.momentum else w  # where the step accumulates
        if self.momentum:
            step *= self.momentum
        if self.l2:
            np.multiply(w, -lr * self.l2, out=s)  # from w before it changes
            step += s
        if self.gradient_clipping is None:
            np.multiply(g, -lr, out=s)
        else:
            np.clip(g, -self.gradient_clipping, self.gradient_clipping, out=s)
            s *= -lr
        step += s
        if self.momentum:
            w += step

    def rule(self, xp, w, g, state, lr):
        step = state[0] * self.momentum if self.momentum else w
        if self.l2:
            step = step + w * (-lr * self.l2)
        if self.gradient_clipping is not None:
            g = xp.clip(g, -self.gradient_clipping, self.gradient_clipping)
        step = step + g * (-lr)
        return (w + step, (step,)) if self.momentum else (step, ())


class RMSProp(Optimizer):
    """RMSProp as Wolfram runs it: MXNet's ``rmspropalex_update`` (Graves 2013, centred).

    With beta = "Beta" (0.95), mu = "Momentum" (0.9), g' = clip(g + l2 w):
    n = beta n + (1 - beta) g'^2;  a = beta a + (1 - beta) g';
    delta = mu delta - lr_t g' / sqrt(n - a^2 + eps);  w += delta,  lr_t = lr * rate.
    eps (1e-6) sits inside the square root, as in MXNet.
    """

    name = "RMSProp"
    state_buffers = 4  # n, a, delta, scratch
    state_size = 3     # n, a, delta

    def __init__(self, learning_rate: float = 0.001, *, beta: float = 0.95,
                 momentum: float = 0.9, epsilon: float = 1e-6, **options):
        super().__init__(learning_rate, **options)
        self.beta, self.momentum, self.epsilon = beta, momentum, epsilon

    def _update(self, w, g, buffers, lr):
        n, a, delta, s = buffers[:4]
        g = self._regularized(g, w, buffers)
        n *= self.beta
        np.square(g, out=s)
        s *= 1.0 - self.beta
        n += s
        a *= self.beta
        np.multiply(g, 1.0 - self.beta, out=s)
        a += s
        np.square(a, out=s)
        np.subtract(n, s, out=s)
        s += self.epsilon
        np.sqrt(s, out=s)
        np.divide(g, s, out=s)
        s *= lr
        delta *= self.momentum
        delta -= s
        w += delta

    def rule(self, xp, w, g, state, lr):
        n, a, delta = state
        g = self._pure_regularized(xp, g, w)
        n = n * self.beta + (g * g) * (1.0 - self.beta)
        a = a * self.beta + g * (1.0 - self.beta)
        s = (g / xp.sqrt((n - a * a) + self.epsilon)) * lr
        delta = delta * self.momentum - s
        return w + delta, (n, a, delta)
