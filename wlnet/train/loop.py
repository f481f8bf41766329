"""The training loop: rounds of shuffled batches through a compiled plan.

Choices (Wolfram leaves them open or times them; wlnet makes them deterministic):

* Each round shuffles the examples with the caller's ``numpy.random.Generator``, so a
  seeded generator gives the same batches, the same dropout masks and the same result.
* Every batch has exactly ``batch_size`` examples, so the plan's buffers keep one shape:
  a round has ceil(n / B) batches and the last one is filled up with examples from the
  start of the same round's order (MXNet's "pad"), which therefore count twice that
  round. ``batch_size > n`` repeats the order as often as needed.
* Loss = mean of the per-example losses at ``loss_port``; the backward pass is seeded with
  1/B, so the gradients the optimizer sees are batch means.
* Stops, each recorded in ``TrainingRun.reason``: after ``rounds`` rounds; when
  ``should_stop()`` says so after a batch, or on KeyboardInterrupt ("ManualStop": the
  current batch finishes, or its half-done update is undone); when ``time_goal`` seconds
  have passed (checked after each batch); at the first batch whose loss is NaN or
  infinite ("NonFiniteLoss": that batch is not recorded, and the arrays are put back to
  those that gave the last recorded loss, so the net returned is always finite).
* With validation data the loss on it is computed after every round (training=False, in
  batches of B, padding discarded); "TrainedNet" gets the arrays of the best round.
* Auxiliary arrays (BatchNormalization's moving statistics) are changed by the training
  passes themselves, never by the optimiser, and only for layers that are not frozen:
  a layer whose trainable arrays all have rate 0 keeps them (Wolfram: "freezes the
  moving mean and variance if LearningRateMultipliers is 0"); they are saved and put
  back with the trained arrays (last good step, best round).
* Measurements (error rate, ...) are taken over each round's training batches as they
  are computed, and over the validation data after the round.

Per batch the loop allocates nothing the size of the data or of the arrays: the batch
buffers, the loss seed and the last-good copies are made once.
"""

from __future__ import annotations

import math
import time
from typing import Callable

import numpy as np

from ..nets.plan import blas
from .results import (MANUAL_STOP, MAX_TRAINING_ROUNDS, NON_FINITE_LOSS, TIME_GOAL,
                      TrainingRun)


class _Batches:
    """Cuts fixed-size batches out of port columns (arrays, or lists of varying-length
    sequences) along an order, wrapping around to fill the last batch."""

    def __init__(self, data: dict, batch_size: int):
        data = {port: _stacked(col) for port, col in data.items()}
        self.data = data
        self.size = batch_size
        self.examples = _example_count(data)
        self.count = -(-self.examples // batch_size)
        self._wrap = np.arange(self.count * batch_size) % self.examples
        self.order = np.empty_like(self._wrap)
        self._buffers = {port: np.empty((batch_size,) + col.shape[1:], col.dtype)
                         for port, col in data.items() if isinstance(col, np.ndarray)}

    def set_order(self, permutation: np.ndarray) -> None:
        np.take(permutation, self._wrap, out=self.order)

    def rows(self, permutation: np.ndarray) -> np.ndarray:
        """The examples of every batch of a round in that order: (count, size)."""
        return np.take(permutation, self._wrap).reshape(self.count, self.size)

    def batch(self, index: int) -> dict:
        rows = self.order[index * self.size:(index + 1) * self.size]
        out = {}
        for port, col in self.data.items():
            buf = self._buffers.get(port)
            if buf is None:
                out[port] = [col[i] for i in rows]
            else:
                # the rows are in range; mode="raise" would copy through a temporary
                np.take(col, rows, axis=0, out=buf, mode="clip")
                out[port] = buf
        return out


class _Threads:
    """Picks the BLAS thread count that trains fastest right now: one probe step on one
    thread, then ``PROBE`` on NumPy's default count, and the count of the fastest step
    is kept. The first step of a run is not a probe (it allocates the plan's buffers).
    A count whose probe is more than ``GIVE_UP`` times slower than the best so far gets
    no further one (on a busy machine two threads can make a product 100x slower, so
    a probe must not cost more than one such step). The probe is repeated after
    ``RETUNE`` seconds, twice as late each time the choice did not change. The count
    changes only the speed: OpenBLAS splits a product by rows and columns, never along
    the summed dimension, so results are the same. The choice is made by timing, not by
    the load average, which lags minutes behind the machine."""

    PROBE, RETUNE, GIVE_UP = 2, 10.0, 1.5

    def __init__(self):
        self.default = blas.threads()
        self.probes = [1] + [self.default] * self.PROBE \
            if self.default and self.default > 1 else []
        self.queue, self.samples = [], {}
        self.best = self.current = self.default
        self.warming = True
        self.next_tune, self.wait = 0.0, self.RETUNE

    def choose(self, now: float) -> None:
        if not self.probes or self.warming:
            return
        if not self.queue and now >= self.next_tune:
            self.queue = list(self.probes)
            self.samples = {}
        n = self.queue[0] if self.queue else self.best
        if n != self.current:
            blas.set_threads(n)
            self.current = n

    def record(self, seconds: float, now: float) -> None:
        if self.warming:
            self.warming = False
            return
        if not self.queue:
            return
        self.queue.pop(0)
        self.samples.setdefault(self.current, []).append(seconds)
        others = [min(v) for c, v in self.samples.items() if c != self.current]
        if others and seconds > self.GIVE_UP * min(others):
            self.queue = [c for c in self.queue if c != self.current]
        if not self.queue:
            best = min(self.samples, key=lambda c: min(self.samples[c]))
            self.wait = self.wait * 2 if best == self.best else self.RETUNE
            self.best = best
            self.next_tune = now + self.wait

    def restore(self) -> None:
        if self.current != self.default:
            blas.set_threads(self.default)
            self.current = self.default


def progress_info(round_no, rounds, batch, per_round, done, batch_size, loss, round_loss,
                  validation_losses, optimizer, elapsed, time_goal) -> dict:
    """What ``progress`` gets after a batch (the ``done``-th of the run)."""
    total = rounds * per_round
    remaining = elapsed / done * (total - done)
    if time_goal is not None:
        remaining = min(remaining, max(time_goal - elapsed, 0.0))
    return {"round": round_no, "rounds": rounds, "batch": batch,
            "batches_per_round": per_round, "total_batches": done,
            "examples_processed": done * batch_size, "loss": loss, "round_loss": round_loss,
            "validation_loss": validation_losses[-1] if validation_losses else None,
            "learning_rate": optimizer.learning_rate(done), "elapsed": elapsed,
            "remaining": remaining, "progress": done / total}


def _stacked(col):
    """A list of sequences that all have one length as one array (batches are then cut
    with one ``take``, not assembled example by example at every step)."""
    if isinstance(col, list) and col and all(isinstance(c, np.ndarray) for c in col) \
            and len({(c.shape, c.dtype) for c in col}) == 1:
        return np.stack(col)
    return col


def _example_count(data: dict) -> int:
    counts = {len(col) for col in data.values()}
    if len(counts) != 1 or 0 in counts:
        raise ValueError(f"ports need the same, non-zero number of examples, got {counts}")
    return counts.pop()


def train(plan, data: dict, *, loss_port: str = "Loss", batch_size: int, rounds: int,
          optimizer, rates: dict, rng: np.random.Generator,
          progress: Callable[[dict], None] | None = None, validation: dict | None = None,
          should_stop: Callable[[], bool] | None = None,
          time_goal: float | None = None, measurements=None) -> TrainingRun:
    """Train ``plan.arrays`` in place; return the record of the run (see module doc).
    ``measurements`` (train/measurements.py) are taken over each round's batches and
    over the validation data."""
    batches = _Batches(data, batch_size)
    checks = None
    if validation is not None:
        checks = _Batches(validation, batch_size)
        checks.set_order(np.arange(checks.examples))
    total = rounds * batches.count
    optimizer.total_steps = total
    arrays = plan.arrays
    trainable = {p: r for p, r in rates.items() if r != 0}
    moving = _updated_auxiliary(plan, trainable)
    kept = [*trainable, *moving]        # what training changes, saved and put back
    passes = {"updates": moving} if moving else {}
    last_good = {p: arrays[p].copy() for p in kept}  # the arrays of the last loss
    best, best_loss, best_round = None, math.inf, None
    seed = None
    batch_losses: list[float] = []
    round_losses: list[float] = []
    round_positions: list[int] = []
    validation_losses: list[float] = []
    round_measures: list[dict] = []
    validation_measures: list[dict] = []
    reason = MAX_TRAINING_ROUNDS
    threads = _Threads()
    if hasattr(plan, "require_grads"):  # only the trainable arrays' gradients, no inputs'
        plan.require_grads(set(trainable), input_grads=False)
    clock = time.perf_counter
    start = clock()
    now = start

    def restore_last_good():
        for p, a in last_good.items():
            np.copyto(arrays[p], a)

    try:
        for round_no in range(1, rounds + 1):
            batches.set_order(rng.permutation(batches.examples))
            round_sum, round_count = 0.0, 0
            if measurements is not None:
                measurements.reset()
            for b in range(batches.count):
                updating = False
                try:
                    threads.choose(now - start)
                    batch = batches.batch(b)
                    outputs = plan.forward(batch, training=True, rng=rng, **passes)
                    losses = outputs[loss_port]
                    loss = float(np.add.reduce(losses) / losses.dtype.type(len(losses)))
                    if not math.isfinite(loss):
                        restore_last_good()
                        reason = NON_FINITE_LOSS
                        break
                    if measurements is not None:
                        measurements.add(outputs, batch)
                    if seed is None:
                        seed = np.full_like(losses, 1.0 / batch_size)
                    grads = plan.backward({loss_port: seed})
                    for p, a in last_good.items():
                        np.copyto(a, arrays[p])
                    updating = True
                    optimizer.step(arrays, grads, trainable, len(batch_losses) + 1)
                    updating = False
                    batch_losses.append(loss)
                    round_sum, round_count = round_sum + loss, round_count + 1
                    step_start, now = now, clock()
                    threads.record(now - step_start, now - start)
                    elapsed = now - start
                    if progress is not None:
                        progress(progress_info(
                            round_no, rounds, b + 1, batches.count, len(batch_losses),
                            batch_size, loss, round_sum / round_count, validation_losses,
                            optimizer, elapsed, time_goal))
                    if should_stop is not None and should_stop():
                        reason = MANUAL_STOP
                        break
                    if time_goal is not None and elapsed >= time_goal:
                        reason = TIME_GOAL
                        break
                except KeyboardInterrupt:
                    if updating:
                        restore_last_good()
                    reason = MANUAL_STOP
                    break
            if round_count:
                round_losses.append(round_sum / round_count)
                round_positions.append(len(batch_losses))
                if measurements is not None:
                    round_measures.append(measurements.values())
            if reason != MAX_TRAINING_ROUNDS:
                break
            if checks is not None:
                loss, measured = evaluate(plan, checks, loss_port, measurements)
                validation_losses.append(loss)
                validation_measures.append(measured)
                if loss < best_loss:
                    best, best_loss, best_round = _snapshot(arrays, kept, best), loss, round_no
    finally:
        threads.restore()
        if hasattr(plan, "require_grads"):
            plan.require_grads()

    final = {p: a.copy() for p, a in arrays.items()}
    steps = len(batch_losses)
    return TrainingRun(
        method=optimizer.name, batch_size=batch_size, batches_per_round=batches.count,
        training_examples=batches.examples, rates=dict(rates),
        initial_learning_rate=optimizer.base_learning_rate,
        final_learning_rate=(optimizer.learning_rate(steps) if steps
                             else optimizer.base_learning_rate),
        batch_losses=np.array(batch_losses, dtype=np.float64), round_losses=round_losses,
        validation_losses=validation_losses, total_time=time.perf_counter() - start,
        reason=reason, final_arrays=final,
        best_arrays=final if best is None else {**final, **best},
        best_validation_round=best_round,
        validation_examples=checks.examples if checks is not None else 0,
        round_positions=round_positions, round_measurements=round_measures,
        validation_measurements=validation_measures)


def _updated_auxiliary(plan, trainable) -> frozenset:
    """The paths of the auxiliary arrays the training passes update: those of every
    layer with a trainable array that is not frozen."""
    net = getattr(plan, "net", None)
    if net is None:
        return frozenset()
    live = {p[:-1] for p in trainable}
    return frozenset(p for p, spec in net.array_specs_by_path().items()
                     if not spec.trainable and p[:-1] in live)


def _snapshot(arrays: dict, paths, into: dict | None) -> dict:
    """Copy the arrays at ``paths`` into ``into`` (allocated on the first call)."""
    if into is None:
        return {p: arrays[p].copy() for p in paths}
    for p in paths:
        np.copyto(into[p], arrays[p])
    return into


def evaluate(plan, checks: "_Batches", loss_port: str, measurements=None):
    """(mean per-example loss, {measurement: value}) over data in evaluation mode, in
    the batches of ``checks`` (the padding of the last batch is left out)."""
    total = 0.0
    if measurements is not None:
        measurements.reset()
    for b in range(checks.count):
        batch = checks.batch(b)
        outputs = plan.forward(batch, training=False)
        real = min(checks.size, checks.examples - b * checks.size)
        total += float(np.sum(outputs[loss_port][:real], dtype=np.float64))
        if measurements is not None:
            measurements.add(outputs, batch, real)
    return total / checks.examples, ({} if measurements is None else measurements.values())


def evaluate_data(plan, data: dict, loss_port: str, batch_size: int, measurements=None):
    """evaluate() over port columns: what NetMeasurements computes."""
    checks = _Batches(data, batch_size)
    checks.set_order(np.arange(checks.examples))
    return evaluate(plan, checks, loss_port, measurements)
