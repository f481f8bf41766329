"""What NetTrain shows and returns: progress reporting during a run, and the results
(NetTrainResultsObject, properties, LossPlot)."""

from __future__ import annotations

import math
import sys

import numpy as np

from ...expr import Expr, Integer, ObjectAtom, Real, S, String, Symbol, from_python, make_list
from ...format.boxes import Block
from ...kernel.builtin import declare
from ...train.results import MANUAL_STOP
from .multipliers import rates_association
from .train_options import ALIASES, LIVE_INTERVAL, PRINT_INTERVAL, PROPERTIES, _property_name


# -- progress ----------------------------------------------------------------------------
class _Progress:
    """Where the progress of a run goes: a live status line (the front end's
    ``session.progress_sink``, else stdout when it is a terminal), periodic Print
    records, or nowhere."""

    def __init__(self, ev, mode, method, batch_size, per_round, examples):
        self.ev, self.mode, self.sink = ev, mode, None
        self.last = -math.inf
        self.rows = 0
        if mode == "live":
            self.sink = getattr(ev.session, "progress_sink", None) or \
                (_terminal_line if sys.stdout.isatty() else None)
        elif mode == "print":
            for line in ("Starting training.", f"Optimization Method: {method}", "Device: CPU",
                         f"Batch Size: {batch_size}", f"Batches Per Round: {per_round}",
                         f"Training Examples: {examples}"):
                ev.print(String(line))

    @property
    def update(self):
        return self._update if self.sink or self.mode == "print" else None

    def _update(self, info):
        now = info["elapsed"]
        interval = LIVE_INTERVAL if self.sink else PRINT_INTERVAL
        if now - self.last < interval and info["progress"] < 1:
            return
        self.last = now
        if self.sink:
            self.sink(_status(info))
        else:
            self.ev.print(String(_status(info)))

    def finish(self, run):
        if self.sink:
            self.sink("")
        elif self.mode == "print":
            self.ev.print(String("Training complete." if run.reason != MANUAL_STOP
                                 else "Training aborted."))


def _status(info) -> str:
    return (f"{100 * info['progress']:3.0f}%  round {info['round']}/{info['rounds']}  "
            f"batch {info['batch']}/{info['batches_per_round']}  "
            f"loss {info['round_loss']:.4g}  {info['elapsed']:.1f}s elapsed  "
            f"{info['remaining']:.1f}s left")


def _terminal_line(text: str) -> None:
    """Rewrite one terminal line in place (never scrolls); "" clears it."""
    sys.stdout.write("\r\x1b[K" + text)
    sys.stdout.flush()


# -- results -----------------------------------------------------------------------------
class Results:
    """Every property of one run as expressions (nets and the plot made on demand)."""

    def __init__(self, trainer, run, net_value):
        """net_value(net) makes the NetValue of a trained net (keeping the user's
        layer-level multipliers)."""
        self.trainer, self.run, self.net_value = trainer, run, net_value
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
            "TargetDevice": "CPU", "TotalTrainingTime": run.total_time,
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
        if name == "LossPlot":
            return LossPlot(run)
        if name == "Properties":
            return from_python(list(PROPERTIES))
        raise KeyError(name)


declare("NetTrainResultsObject", messages={
    "noprop": "`1` is not a property of these training results; r[\"Properties\"] lists "
              "them."})


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


class LossPlot(ObjectAtom):
    """The loss evolution: a text chart in the terminal (round losses, log scale)."""

    head = Symbol("Graphics")
    __slots__ = ()
    WIDTH, HEIGHT = 60, 10

    def output_form(self):
        run = self.payload
        series = [("*", run.round_losses)]
        if run.validation_losses:
            series.append(("o", run.validation_losses))
        values = [v for _, s in series for v in s if v > 0 and math.isfinite(v)]
        if not values:
            return "-Graphics-"
        lo, hi = math.log10(min(values)), math.log10(max(values))
        hi = hi if hi > lo else lo + 1
        n = max(len(s) for _, s in series)
        grid = [[" "] * self.WIDTH for _ in range(self.HEIGHT)]
        for mark, s in series:
            for i, v in enumerate(s):
                if v > 0 and math.isfinite(v):
                    x = round(i * (self.WIDTH - 1) / max(n - 1, 1))
                    y = round((math.log10(v) - lo) / (hi - lo) * (self.HEIGHT - 1))
                    grid[self.HEIGHT - 1 - y][x] = mark
        top, bottom = f"{10 ** hi:.3g}", f"{10 ** lo:.3g}"
        pad = max(len(top), len(bottom))
        lines = [f"{(top if r == 0 else bottom if r == self.HEIGHT - 1 else ''):>{pad}} |"
                 + "".join(row) for r, row in enumerate(grid)]
        lines.append(" " * pad + " +" + "-" * self.WIDTH)
        legend = "loss by round (* training" + (", o validation)" if len(series) > 1 else ")")
        lines.append(" " * pad + f"  1{'':{self.WIDTH - 2 - len(str(n))}}{n}")
        lines.append(" " * pad + "  " + legend)
        return Block(lines, 0)

    def image(self, fmt: str) -> bytes:
        """The chart as PNG or SVG bytes, drawn with matplotlib (raises
        ModuleNotFoundError when the optional extra is not installed)."""
        import io

        import matplotlib
        matplotlib.use("Agg")
        from matplotlib.figure import Figure
        run = self.payload
        fig = Figure(figsize=(6, 3.5))
        ax = fig.add_subplot()
        rounds = range(1, len(run.round_losses) + 1)
        ax.plot(rounds, run.round_losses, label="training")
        if run.validation_losses:
            ax.plot(range(1, len(run.validation_losses) + 1), run.validation_losses,
                    label="validation")
        ax.set_yscale("log")
        ax.set_xlabel("round")
        ax.set_ylabel("loss")
        ax.legend()
        out = io.BytesIO()
        fig.savefig(out, format=fmt, bbox_inches="tight")
        return out.getvalue()
