"""NetTrain on the JAX backend: the run of ``train.loop.train``, in compiled chunks.

It keeps the NumPy loop's behaviour (docs/training.md) and its record, ``TrainingRun``:

* The same batches: each round shuffles the examples with the caller's generator and
  cuts fixed-size batches the same way (``loop._Batches.rows``), so without random
  layers a run draws exactly what the NumPy loop draws and gives the same arrays to
  float32 rounding; the random draws of layers (dropout) come from a JAX key spawned
  from the generator, so ``SeedRandom`` repeats a run.
* Chunks: the batches run in compiled calls of many batches (``steps.chunk_function``):
  the first is short (8 batches), then each is sized to take about ``CHUNK_SECONDS``
  from the speed measured so far, so a short run is one or two calls and a long one still
  stops soon after Ctrl-C, an abort, ``TimeGoal`` (checked between chunks), and reports
  progress every chunk. With a validation set a chunk ends with its round.
* A non-finite loss stops training there: that batch is not recorded and the arrays are
  those that gave the last recorded loss (recomputed from the start of a chunk, since a
  chunk keeps no copy per batch). Ctrl-C during a chunk drops the chunk's batches.
* Arrays with multiplier 0 and auxiliary arrays never leave the host copy: bit-identical.
* Compiling happens before the clock starts; its time is ``TrainingRun.compile_time``.
"""
from __future__ import annotations

import math
import time

import numpy as np

from ...nets.errors import NetError
from ...train.loop import _Batches, progress_info
from ...train.results import (MANUAL_STOP, MAX_TRAINING_ROUNDS, NON_FINITE_LOSS, TIME_GOAL,
                              TrainingRun)
from . import load
from .devices import place
from .lowering import CACHE, signature
from .steps import chunk_function, loss_function

CHUNK_SECONDS = 0.25   # the time a chunk aims at after the first
FIRST_CHUNK = 8        # batches of the first chunk, which measures the speed


def capacity(batch_size: int) -> int:
    """The most batches one call can run: its table of example numbers stays ~4 MB."""
    return max(16, min(1024, (1 << 20) // batch_size))


def train(net, data: dict, *, target, loss_port: str = "Loss", batch_size: int,
          rounds: int, optimizer, rates: dict, rng: np.random.Generator, progress=None,
          validation: dict | None = None, should_stop=None, time_goal=None,
          dtype=np.float32) -> TrainingRun:
    """Train ``net`` (initialised, its loss at ``loss_port``) on the devices of
    ``target``; the record of the run, as ``loop.train`` gives it."""
    jax = load()
    with jax.enable_x64(np.dtype(dtype) == np.float64):
        return _Run(net, data, target, loss_port, batch_size, optimizer, rates, rng, dtype,
                    validation).train(rounds, progress, should_stop, time_goal)


class _Run:
    """The state of one run: data and arrays on the devices, the compiled chunk."""

    def __init__(self, net, data, target, loss_port, batch_size, optimizer, rates, rng,
                 dtype, validation):
        jax = load()
        self.placement = place(target)
        self.batches = _Batches(data, batch_size)
        data = self.batches.data
        for port, col in data.items():
            if not isinstance(col, np.ndarray):
                raise NetError("NetTrain", "jaxragged", f"the sequences at the port {port} "
                               "have different lengths, which the JAX backend cannot train "
                               "on yet; use TargetDevice -> \"CPU\".")
        self.optimizer, self.rng, self.dtype = optimizer, rng, np.dtype(dtype)
        auxiliary = [p for p, spec in net.array_specs_by_path().items() if not spec.trainable]
        if auxiliary:
            raise NetError("NetTrain", "jaxaux", f"the net has arrays that training updates "
                           f"without gradients ({'/'.join(map(str, auxiliary[0]))}), which "
                           "the JAX backend does not train yet; use TargetDevice -> \"CPU\".")
        host = net.arrays()
        self.host = host
        self.trainable = [p for p in host if rates.get(p, 0) != 0]
        self.fixed = [p for p in host if p not in self.trainable]
        self.rates = dict(rates)
        put = self.placement.put
        cast = {p: np.asarray(a, self.dtype) for p, a in host.items()}
        self.weights = put(tuple(cast[p] for p in self.trainable))
        self.frozen = put(tuple(cast[p] for p in self.fixed))
        self.states = put(tuple(optimizer.initial_state(np, cast[p]) for p in self.trainable))
        self.data = put({p: np.asarray(c, c.dtype if c.dtype.kind in "iu" else self.dtype)
                         for p, c in data.items()})
        self.rate_values = put(np.array([rates[p] for p in self.trainable], self.dtype))
        self.capacity = capacity(batch_size)
        self.seed = _seed(rng)
        key = ("train", signature(net), loss_port, tuple(self.trainable), tuple(self.fixed),
               _optimizer_key(optimizer), self.placement.key)
        idxs, lrs = self._tables(np.empty((0, batch_size), np.int32), 0)
        self._round, self._order = 0, None
        self.chunk, compile_time = CACHE.compiled(
            key, lambda: chunk_function(net, loss_port, self.trainable, self.fixed,
                                        optimizer, self.placement),
            (self.weights, self.states, self.frozen, self.data, idxs, lrs,
             self.rate_values, np.int32(0), np.int32(0), np.uint32(0)))
        self.validation = None
        if validation is not None:
            vdata = put({p: np.asarray(c, self.dtype) for p, c in validation.items()})
            paths = self.trainable + self.fixed
            fn, seconds = CACHE.compiled(
                ("losses", signature(net), loss_port, tuple(paths), self.placement.key),
                lambda: loss_function(net, loss_port, paths),
                (self.weights + self.frozen, vdata))
            self.validation = (fn, vdata, len(next(iter(validation.values()))))
            compile_time += seconds
        self.compile_time = compile_time
        self.jax = jax

    # -- the tables a chunk reads -------------------------------------------------------
    def _tables(self, rows: np.ndarray, first: int):
        """(idxs, lrs) for the batches ``rows`` (example numbers, one row a batch) that
        start at global batch ``first``, padded to the capacity."""
        idxs = np.zeros((self.capacity, self.batches.size), np.int32)
        lrs = np.zeros(self.capacity, self.dtype)
        if len(rows):
            idxs[:len(rows)] = rows
            lrs[:len(rows)] = self.optimizer.learning_rates(first, len(rows))
        return self.placement.put(idxs), self.placement.put(lrs)

    def _rows(self, done: int, n: int) -> np.ndarray:
        """The examples of batches done ... done + n - 1, shuffling each new round."""
        per_round = self.batches.count
        rows = np.empty((n, self.batches.size), np.int32)
        s = done
        while s < done + n:
            if self._round != s // per_round + 1:
                self._round = s // per_round + 1
                self._order = self.batches.rows(self.rng.permutation(self.batches.examples))
            b = s % per_round
            take = min(per_round - b, done + n - s)
            rows[s - done:s - done + take] = self._order[b:b + take]
            s += take
        return rows

    def _call(self, weights, states, idxs, lrs, n, first):
        return self.chunk(weights, states, self.frozen, self.data, idxs, lrs,
                          self.rate_values, np.int32(n), np.int32(first), self.seed)

    # -- the run ------------------------------------------------------------------------
    def train(self, rounds, progress, should_stop, time_goal) -> TrainingRun:
        batches, optimizer = self.batches, self.optimizer
        per_round = batches.count
        total = rounds * per_round
        optimizer.total_steps = total
        losses: list[float] = []
        round_losses, round_positions, validation_losses = [], [], []
        round_sum, round_count = 0.0, 0
        best, best_loss, best_round = None, math.inf, None
        reason = MAX_TRAINING_ROUNDS
        checkpoints = []          # (first batch, weights, states, idxs, lrs), newest last
        speed = None              # batches per second, measured
        clock = time.perf_counter
        start = clock()
        while len(losses) < total and reason == MAX_TRAINING_ROUNDS:
            done = len(losses)
            n = min(self.capacity, total - done,
                    FIRST_CHUNK if speed is None else max(1, int(speed * CHUNK_SECONDS)))
            if self.validation is not None:
                n = min(n, per_round - done % per_round)
            if time_goal is not None and speed is not None:
                n = min(n, max(1, math.ceil((time_goal - (clock() - start)) * speed)))
            idxs, lrs = self._tables(self._rows(done, n), done)
            checkpoints = checkpoints[-1:] + [(done, self.weights, self.states, idxs, lrs)]
            began = clock()
            try:
                weights, states, chunk_losses = self._call(self.weights, self.states, idxs,
                                                           lrs, n, done)
                chunk_losses = np.asarray(chunk_losses, np.float64)[:n]
            except KeyboardInterrupt:
                reason = MANUAL_STOP
                break
            speed = n / max(clock() - began, 1e-9)
            finite = np.isfinite(chunk_losses)
            kept = n if finite.all() else int(np.argmin(finite))
            if kept < n:
                reason = NON_FINITE_LOSS
                self.weights = self._last_finite(checkpoints, max(done + kept - 1, 0))
            else:
                self.weights, self.states = weights, states
            losses.extend(chunk_losses[:kept].tolist())
            s = done
            while s < done + kept:   # the chunk's batches round by round
                take = min(per_round - s % per_round, done + kept - s)
                round_sum += float(chunk_losses[s - done:s - done + take].sum())
                round_count += take
                s += take
                if s % per_round == 0:
                    round_losses.append(round_sum / round_count)
                    round_positions.append(s)
                    round_sum, round_count = 0.0, 0
            elapsed = clock() - start
            if progress is not None and kept:
                s = done + kept - 1
                progress(progress_info(
                    s // per_round + 1, rounds, s % per_round + 1, per_round, s + 1,
                    batches.size, losses[-1],
                    round_losses[-1] if round_count == 0 else round_sum / round_count,
                    validation_losses, optimizer, elapsed, time_goal))
            if reason != MAX_TRAINING_ROUNDS:
                break
            if self.validation is not None and len(losses) % per_round == 0:
                loss = self._validation_loss()
                validation_losses.append(loss)
                if loss < best_loss:
                    best, best_loss, best_round = self.weights, loss, len(losses) // per_round
            if should_stop is not None and should_stop():
                reason = MANUAL_STOP
            elif time_goal is not None and elapsed >= time_goal:
                reason = TIME_GOAL
        if round_count:
            round_losses.append(round_sum / round_count)
            round_positions.append(len(losses))
        total_time = clock() - start
        final = self._host(self.weights)
        steps = len(losses)
        return TrainingRun(
            method=optimizer.name, batch_size=batches.size, batches_per_round=per_round,
            training_examples=batches.examples, rates=dict(self.rates),
            initial_learning_rate=optimizer.base_learning_rate,
            final_learning_rate=(optimizer.learning_rate(steps) if steps
                                 else optimizer.base_learning_rate),
            batch_losses=np.array(losses, dtype=np.float64), round_losses=round_losses,
            validation_losses=validation_losses, total_time=total_time, reason=reason,
            final_arrays=final,
            best_arrays=final if best is None else {**final, **self._host(best)},
            best_validation_round=best_round,
            validation_examples=self.validation[2] if self.validation else 0,
            round_positions=round_positions, compile_time=self.compile_time)

    def _last_finite(self, checkpoints, target: int):
        """The trainable arrays after ``target`` batches, rerun from the newest chunk
        start at or before it."""
        first, weights, states, idxs, lrs = max((c for c in checkpoints if c[0] <= target),
                                                key=lambda c: c[0])
        if target == first:
            return weights
        return self._call(weights, states, idxs, lrs, target - first, first)[0]

    def _validation_loss(self) -> float:
        fn, vdata, count = self.validation
        losses = np.asarray(fn(self.weights + self.frozen, vdata), np.float64)
        return float(losses.sum() / count)

    def _host(self, weights) -> dict:
        """Every array of the net as host copies: the trained ones from the devices,
        the others the originals."""
        out = {p: np.array(a) for p, a in self.host.items()}
        for p, a in zip(self.trainable, weights):
            out[p] = np.array(a)
        return out


def _seed(rng) -> np.uint32:
    """The seed of the run's JAX key: from a generator spawned off ``rng`` (which leaves
    the stream of shuffles as the NumPy loop draws it), or drawn from it."""
    try:
        child = rng.spawn(1)[0]
    except (AttributeError, TypeError, ValueError):
        child = rng
    return np.uint32(child.integers(2 ** 32))


def _optimizer_key(optimizer):
    """What the compiled update depends on: the rule and its constant settings (the
    learning rates are arguments)."""
    return (type(optimizer).__qualname__,) + tuple(sorted(
        (k, v) for k, v in vars(optimizer).items()
        if not k.startswith("_") and isinstance(v, (int, float, str, type(None)))
        and k not in ("base_learning_rate", "total_steps")))
