"""What NetTrain shows and returns: progress reporting during a run, and the results
(NetTrainResultsObject, properties, LossPlot)."""

from __future__ import annotations

import math
import sys

import numpy as np

from ...expr import Expr, Integer, ObjectAtom, Real, S, String, Symbol, from_python, make_list
from ...kernel.builtin import declare
from ...kernel.messages import TrainingProgress
from ...train.results import MANUAL_STOP
from ..graphics.plots import loss_plot_value
from .measure import measured_association, measured_lists
from .multipliers import rates_association
from .train_options import ALIASES, LIVE_INTERVAL, PRINT_INTERVAL, PROPERTIES, _property_name


# -- progress ----------------------------------------------------------------------------
class _Progress:
    """Where the progress of a run goes: live TrainingProgress reports (to the front
    end's ``session.progress_sink``, else a status line on stdout when it is a terminal),
    periodic Print records, or nowhere."""

    CURVE_POINTS = 200

    def __init__(self, ev, mode, method, batch_size, per_round, examples, device="CPU"):
        self.ev, self.mode, self.sink = ev, mode, None
        self.last = -math.inf
        self.rows = 0
        self.losses: list[float] = []
        self.info = None
        if mode == "live":
            self.sink = getattr(ev.session, "progress_sink", None) or \
                (_terminal_line if sys.stdout.isatty() else None)
        elif mode == "print":
            for line in ("Starting training.", f"Optimization Method: {method}", f"Device: {device}",
                         f"Batch Size: {batch_size}", f"Batches Per Round: {per_round}",
                         f"Training Examples: {examples}"):
                ev.print(String(line))

    @property
    def update(self):
        return self._update if self.sink or self.mode == "print" else None

    def _update(self, info):
        self.losses.append(info["loss"])
        self.info = info
        now = info["elapsed"]
        interval = LIVE_INTERVAL if self.sink else PRINT_INTERVAL
        if now - self.last < interval and info["progress"] < 1:
            return
        self.last = now
        if self.sink:
            self.sink(self._report(info))
        else:
            self.ev.print(String(_status(info)))

    def _report(self, info, reason=None):
        """A TrainingProgress from the loop's info (``reason`` once it has finished)."""
        return TrainingProgress(
            "" if reason else _status(info), info["round"], info["rounds"], info["batch"],
            info["batches_per_round"], info["progress"], info["round_loss"],
            info["validation_loss"], info["elapsed"], info["remaining"],
            _sample(self.losses, self.CURVE_POINTS), reason is not None, reason)

    def finish(self, run):
        if self.sink:
            info = self.info or {"round": 0, "rounds": 0, "batch": 0, "batches_per_round": 0,
                                 "progress": 0.0, "round_loss": None, "elapsed": 0.0}
            self.sink(self._report({**info, "remaining": 0.0, "elapsed": run.total_time,
                                    "validation_loss": run.validation_loss}, run.reason))
        elif self.mode == "print":
            if run.compile_time:
                self.ev.print(String(f"Compile time: {run.compile_time:.2f} s"))
            self.ev.print(String("Training complete." if run.reason != MANUAL_STOP
                                 else "Training aborted."))


def _sample(values: list, n: int) -> tuple:
    """At most ``n`` points of a series: the means of equal runs of it."""
    if len(values) <= n:
        return tuple(values)
    edges = np.linspace(0, len(values), n + 1).astype(int)
    return tuple(float(np.mean(values[a:b])) for a, b in zip(edges, edges[1:]))


def _status(info) -> str:
    return (f"{100 * info['progress']:3.0f}%  round {info['round']}/{info['rounds']}  "
            f"batch {info['batch']}/{info['batches_per_round']}  "
            f"loss {info['round_loss']:.4g}  {info['elapsed']:.1f}s elapsed  "
            f"{info['remaining']:.1f}s left")


def _terminal_line(report) -> None:
    """Rewrite one terminal line in place (never scrolls); a finished run clears it."""
    sys.stdout.write("\r\x1b[K" + report.text)
    sys.stdout.flush()


# -- results -----------------------------------------------------------------------------
class Results:
    """Every property of one run as expressions (nets and the plot made on demand)."""

    def __init__(self, trainer, run, net_value, measured=(), device=String("CPU")):
        """net_value(net) makes the NetValue of a trained net (keeping the user's
        layer-level multipliers); ``measured``: [(key, spec)] of the measurements;
        device is the TargetDevice setting."""
        self.trainer, self.run, self.net_value, self.device = trainer, run, net_value, device
        self.measured = list(measured)
        self._cache = {}

    def get(self, name: str):
        name = ALIASES.get(name, name)
        if name not in self._cache:
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def _compute(self, name):
        run, missing = self.run, Expr(S.Missing, String("NotAvailable"))
        simple = {
            "BatchesPerRound": run.batches_per_round, "BatchSize": run.batch_size,
            "ExamplesProcessed": run.examples_processed, "TotalBatches": run.total_batches,
            "TotalRounds": run.total_rounds, "TrainingExamples": run.training_examples,
            "ValidationExamples": run.validation_examples,
            "FinalLearningRate": run.final_learning_rate,
            "InitialLearningRate": run.initial_learning_rate,
            "MeanBatchesPerSecond": run.mean_batches_per_second,
            "MeanExamplesPerSecond": run.mean_examples_per_second,
            "OptimizationMethod": run.method, "ReasonTrainingStopped": run.reason,
            "TargetDevice": self.device, "TotalTrainingTime": run.total_time,
            "RoundPositions": list(run.round_positions),
        }
        if name in simple:
            return from_python(simple[name])
        if name == "TrainedNet":
            return self.net_value(self.trainer.trained(run.best_arrays))
        if name == "FinalNet":
            return self.net_value(self.trainer.trained(run.final_arrays))
        if name == "ArraysLearningRateMultipliers":
            return rates_association(self.trainer.unprefixed(run.rates))
        if name == "BatchLossList":
            return from_python(run.batch_losses)
        if name == "RoundLossList":
            return from_python(np.array(run.round_losses, dtype=np.float64))
        if name == "ValidationLossList":
            return from_python(np.array(run.validation_losses, dtype=np.float64))
        if name == "RoundLoss":
            return missing if run.round_loss is None else Real(run.round_loss)
        if name == "ValidationLoss":
            return missing if run.validation_loss is None else Real(run.validation_loss)
        if name == "BestValidationRound":
            return missing if run.best_validation_round is None else \
                Integer(run.best_validation_round)
        if name in MEASURED:
            return self._measurements(name)
        if name == "LossPlot":
            return loss_plot_value(run.round_losses, run.validation_losses)
        if name == "Properties":
            return from_python(list(PROPERTIES))
        raise KeyError(name)


    def _measurements(self, name):
        """<|"Loss" -> ..., measurement -> ...|> of the last round (or validation), or
        the lists over all of them."""
        run = self.run
        losses, values = (run.validation_losses, run.validation_measurements) \
            if name.startswith("Validation") else (run.round_losses, run.round_measurements)
        if not losses:
            return Expr(S.Missing, String("NotAvailable"))
        if len(values) < len(losses):       # no measurements were taken
            values = [{}] * len(losses)
        if name.endswith("Lists"):
            return measured_lists(self.trainer, self.measured, losses, values)
        return measured_association(self.trainer, self.measured, losses[-1], values[-1])


MEASURED = ("RoundMeasurements", "RoundMeasurementsLists", "ValidationMeasurements",
            "ValidationMeasurementsLists")


declare("NetTrainResultsObject", messages={
    "noprop": "`1` is not a property of these training results; r[\"Properties\"] lists "
              "them."},
        usage="NetTrainResultsObject[...] is what NetTrain gives with the "
              "property All: the results of a training run, whose "
              "properties it gives as results[\"prop\"].")


class NetTrainResultsObject(ObjectAtom):
    """NetTrain[..., All]: r["prop"] and r[["prop"]] give a property, Normal[r] all of
    them as an association; it shows as NetTrainResultsObject[<>] as in Wolfram."""

    head = Symbol("NetTrainResultsObject")
    __slots__ = ()

    def _property(self, ev, key):
        name = _property_name(key.value) if isinstance(key, String) else None
        if name is None:
            ev.message("NetTrainResultsObject", "noprop", key)
            return None
        return self.payload.get(name)

    def apply(self, ev, expr):
        if len(expr.args) != 1:
            return None
        key = expr.args[0]
        if isinstance(key, Expr) and key.head is S.List:
            values = [self._property(ev, k) for k in key.args]
            return None if any(v is None for v in values) else make_list(values)
        return self._property(ev, key)

    def part(self, ev, spec):
        return self._property(ev, spec)

    def normal(self):
        return Expr.make(S.Association, [Expr(S.Rule, String(p), self.payload.get(p))
                                         for p in PROPERTIES])
