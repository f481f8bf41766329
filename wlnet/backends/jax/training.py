"""NetTrain on the JAX backend: the run of ``train.loop.train``, in compiled chunks.

It keeps the NumPy loop's behaviour (docs/training.md) and its record, ``TrainingRun``:

* The same batches: each round shuffles the examples with the caller's generator and
  cuts fixed-size batches the same way (``loop._Batches.rows``), so without random
  layers a run draws exactly what the NumPy loop draws and gives the same arrays to
  float32 rounding; the random draws of layers (dropout) come from a JAX key spawned
  from the generator, so ``SeedRandom`` repeats a run.
* Chunks: the batches run in chunks (``engines``: many batches in one compiled call, or
  for sequences of several lengths a call per length group): the first is short (8
  batches), then each is sized to take about ``CHUNK_SECONDS`` from the speed measured so
  far, so a short run is one or two calls and a long one still stops soon after Ctrl-C,
  an abort, ``TimeGoal`` (checked between chunks), and reports progress every chunk.
  With a validation set a chunk ends with its round.
* A non-finite loss stops training there: that batch is not recorded and the arrays are
  those that gave the last recorded loss (recomputed from the start of a chunk, since a
  chunk keeps no copy per batch). Ctrl-C during a chunk drops the chunk's batches.
* Arrays with multiplier 0 never leave the host copy: bit-identical. Auxiliary arrays
  (moving statistics) of layers that are not frozen change on the devices as the layers'
  forwards say (``layer.Outputs``); a frozen layer's stay, as in the NumPy loop.
* Compiling happens before the clock starts; its time is ``TrainingRun.compile_time``.
"""
from __future__ import annotations

import math
import time

import numpy as np

from ...train.loop import _Batches, progress_info
from ...train.results import (MANUAL_STOP, MAX_TRAINING_ROUNDS, NON_FINITE_LOSS, TIME_GOAL,
                              TrainingRun)
from . import load
from .devices import place
from .engines import Compiled, Grouped
from .evaluation import evaluate
from .steps import Layout

CHUNK_SECONDS = 0.25   # the time a chunk aims at after the first
FIRST_CHUNK = 8        # batches of the first chunk, which measures the speed


def train(net, data: dict, *, target, loss_port: str = "Loss", batch_size: int,
          rounds: int, optimizer, rates: dict, rng: np.random.Generator, progress=None,
          validation: dict | None = None, should_stop=None, time_goal=None,
          dtype=np.float32) -> TrainingRun:
    """Train ``net`` (initialised, its loss at ``loss_port``) on the devices of
    ``target``; the record of the run, as ``loop.train`` gives it."""
    with load().enable_x64(np.dtype(dtype) == np.float64):
        return _Run(net, data, target, loss_port, batch_size, optimizer, rates, rng, dtype,
                    validation).train(rounds, progress, should_stop, time_goal)


class _Run:
    """The state of one run: the arrays on the devices, the engine that trains them."""

    def __init__(self, net, data, target, loss_port, batch_size, optimizer, rates, rng,
                 dtype, validation):
        self.net, self.target, self.loss_port = net, target, loss_port
        self.placement = place(target)
        self.batches = _Batches(data, batch_size)
        self.optimizer, self.rng, self.dtype = optimizer, rng, np.dtype(dtype)
        self.host = host = net.arrays()
        every = net.auxiliary_paths()
        trained = tuple(p for p in host if rates.get(p, 0) != 0 and p not in every)
        live = {p[:-1] for p in trained}  # a frozen layer keeps its moving statistics
        auxiliary = tuple(p for p in every if p[:-1] in live)
        self.layout = Layout(trained, auxiliary, tuple(p for p in host if p not in trained
                                                       and p not in auxiliary))
        self.rates = dict(rates)
        put = self.placement.put
        cast = {p: np.asarray(a, self.dtype) for p, a in host.items()}
        self.trained = put((tuple(cast[p] for p in trained),
                            tuple(optimizer.initial_state(np, cast[p]) for p in trained),
                            tuple(cast[p] for p in auxiliary)))
        ragged = any(isinstance(c, list) for c in self.batches.data.values())
        self.engine = (Grouped if ragged else Compiled)(
            net, loss_port, self.layout, optimizer, self.placement, self.batches.data,
            batch_size, put(tuple(cast[p] for p in self.layout.frozen)),
            put(np.array([rates[p] for p in trained], self.dtype)), _seed(rng), self.dtype,
            self.trained)
        self._round, self._order = 0, None
        self.validation = validation
        began = time.perf_counter()
        if validation is not None:
            self._validation_loss()  # compiled now, before the clock starts
        self.compile_time = self.engine.compile_time + time.perf_counter() - began

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
        checkpoints = []          # (first batch, trained, rows, lrs), newest last
        speed = None              # batches per second, measured
        clock = time.perf_counter
        start = clock()
        while len(losses) < total and reason == MAX_TRAINING_ROUNDS:
            done = len(losses)
            n = min(self.engine.capacity, total - done,
                    FIRST_CHUNK if speed is None else max(1, int(speed * CHUNK_SECONDS)))
            if self.validation is not None:
                n = min(n, per_round - done % per_round)
            if time_goal is not None and speed is not None:
                n = min(n, max(1, math.ceil((time_goal - (clock() - start)) * speed)))
            rows, lrs = self._rows(done, n), optimizer.learning_rates(done, n)
            checkpoints = checkpoints[-1:] + [(done, self.trained, rows, lrs)]
            began = clock()
            try:
                trained, chunk_losses = self.engine.run(self.trained, rows, lrs, done)
            except KeyboardInterrupt:
                reason = MANUAL_STOP
                break
            speed = n / max(clock() - began, 1e-9)
            finite = np.isfinite(chunk_losses)
            kept = n if finite.all() else int(np.argmin(finite))
            if kept < n:
                reason = NON_FINITE_LOSS
                self.trained = self._last_finite(checkpoints, max(done + kept - 1, 0))
            else:
                self.trained = trained
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
                    best, best_loss, best_round = self.trained, loss, len(losses) // per_round
            if should_stop is not None and should_stop():
                reason = MANUAL_STOP
            elif time_goal is not None and elapsed >= time_goal:
                reason = TIME_GOAL
        if round_count:
            round_losses.append(round_sum / round_count)
            round_positions.append(len(losses))
        total_time = clock() - start
        final = self._host(self.trained)
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
            validation_examples=len(next(iter(self.validation.values())))
            if self.validation else 0,
            round_positions=round_positions, compile_time=self.compile_time)

    def _last_finite(self, checkpoints, target: int):
        """The arrays after ``target`` batches, rerun from the newest chunk start at or
        before it."""
        first, trained, rows, lrs = max((c for c in checkpoints if c[0] <= target),
                                        key=lambda c: c[0])
        m = target - first
        return trained if m == 0 else self.engine.run(trained, rows[:m], lrs[:m], first)[0]

    def _arrays(self, trained) -> dict:
        """{path: array on the devices} of every array of the net."""
        weights, _, aux = trained
        layout = self.layout
        return {**dict(zip(layout.trained, weights)), **dict(zip(layout.auxiliary, aux)),
                **dict(zip(layout.frozen, self.engine.frozen))}

    def _validation_loss(self) -> float:
        """The mean per-example loss on the validation data (evaluated, not training)."""
        arrays = self._arrays(self.trained)
        outs, _ = evaluate(self.net, self.validation, self.target, self.dtype,
                           tuple(arrays[p] for p in self.host))
        losses = outs[self.loss_port]
        total = sum(float(np.sum(x, dtype=np.float64)) for x in losses) \
            if isinstance(losses, list) else float(np.sum(losses, dtype=np.float64))
        return total / len(losses)

    def _host(self, trained) -> dict:
        """Every array of the net as host copies: the trained and auxiliary ones from the
        devices, the frozen ones the originals (bit-identical)."""
        arrays = self._arrays(trained)
        return {p: np.array(self.host[p] if p in self.layout.frozen else arrays[p])
                for p in self.host}


def _seed(rng) -> np.uint32:
    """The seed of the run's JAX key: from a generator spawned off ``rng`` (which leaves
    the stream of shuffles as the NumPy loop draws it), or drawn from it."""
    try:
        child = rng.spawn(1)[0]
    except (AttributeError, TypeError, ValueError):
        child = rng
    return np.uint32(child.integers(2 ** 32))
