"""NetTrain's options, messages and return properties, read from expressions into what
the runtime's loop and optimizers take."""

from __future__ import annotations

import numpy as np

from ...expr import Expr, Integer, S, String, Symbol, from_python
from ...kernel.builtin import PROPERTY_NAMES
from ...train import optimizers
from .multipliers import MESSAGES as LRM_MESSAGES, NONE, number
from .operations import seeded_generator


INHERITED = Symbol("Inherited")

MESSAGES = {
    **LRM_MESSAGES,
    "invnet": "The first argument `1` is not a net that NetTrain can train.",
    "invntrspec": "`1` is not All, a property of the training results, or a list of them; "
                  "the properties are `2`.",
    "invdata": "The training data should be a list of rules input -> target, a rule "
               "{inputs} -> {targets}, an association of port columns, or a list of "
               "associations, for the input ports `1`.",
    "invport": "The data for the port `1` should be a list of examples, each `2`.",
    "notnum": "The data for the port `1` hold `2`, which is not a finite number a net "
              "can compute with.",
    "diverged": "The loss grew from `1` in the first round to `2` in the last: training "
                "diverged. A smaller LearningRate may help.",
    "nodataport": "No data was given for the port `1`.",
    "invindata3": "`1`",
    "invmeasure": "`1` is not a measurement of wlnet; use `2`.",
    "nomeasure": "`1` can only be measured for a net trained with a CrossEntropyLossLayer.",
    "datalen": "Every port needs the same number of examples; the data has `1`.",
    "optpi": "The value of `1` -> `2` should be a positive machine-sized integer.",
    "optpr": "The value of `1` -> `2` should be a positive number.",
    "invmethod": "`1` is not an optimization method; use \"ADAM\", \"SGD\" or \"RMSProp\", "
                 "optionally in a list with their options.",
    "invmethodopt": "`1` is not a valid setting for the method `2`.",
    "invloss": "`1` is not a loss: give Automatic, a loss layer, or the name of an output "
               "port of the net that computes a loss.",
    "invprec": "WorkingPrecision -> `1` is not available; use \"Real32\" or \"Real64\".",
    "invprog": "TrainingProgressReporting -> `1` is not available; use Automatic, \"Print\" "
               "or None.",
    "seeding": "RandomSeeding -> `1` should be Automatic, Inherited, an integer or a string.",
    "invvalid": "ValidationSet -> `1` should be None, data like the training data, or "
                "Scaled[f] with f between 0 and 1.",
    "nomdabs": "Cannot choose a BatchSize automatically when doing multi-GPU training. "
               "Please specify one manually with NetTrain[..., BatchSize -> n].",
    "netfrozen": "Every trainable array has a learning-rate multiplier of 0 or None, so "
                 "there is nothing to train; the net is returned unchanged.",
    "netnoparams": "The net has no trainable arrays; it is returned unchanged.",
    "interrupted": "Training was stopped after `1` batches; the net trained so far is "
                   "returned.",
    "nonfinite": "Training stopped: the loss became NaN or infinite; the net of the last "
                 "finite loss (batch `1`) is returned.",
}

OPTIONS = {
    "BatchSize": S.Automatic, "LearningRate": S.Automatic,
    "LearningRateMultipliers": S.Automatic, "LossFunction": S.Automatic,
    "MaxTrainingRounds": S.Automatic, "Method": S.Automatic,
    "RandomSeeding": INHERITED, "TargetDevice": String("CPU"), "TimeGoal": S.Automatic,
    "TrainingProgressMeasurements": S.Automatic,
    "TrainingProgressReporting": S.Automatic, "ValidationSet": NONE,
    "WorkingPrecision": S.Automatic,
}

# Properties of a run (NetTrain's third argument and NetTrainResultsObject), and the
# older names Wolfram still accepts.
PROPERTIES = (
    "ArraysLearningRateMultipliers", "BatchesPerRound", "BatchLossList", "BatchSize",
    "BestValidationRound", "ExamplesProcessed", "FinalLearningRate", "FinalNet",
    "InitialLearningRate", "LossPlot", "MeanBatchesPerSecond", "MeanExamplesPerSecond",
    "OptimizationMethod", "ReasonTrainingStopped", "RoundLoss", "RoundLossList",
    "RoundMeasurements", "RoundMeasurementsLists", "RoundPositions", "TargetDevice",
    "TotalBatches", "TotalRounds", "TotalTrainingTime", "TrainedNet", "TrainingExamples",
    "ValidationExamples", "ValidationLoss", "ValidationLossList", "ValidationMeasurements",
    "ValidationMeasurementsLists",
)
ALIASES = {
    "WeightsLearningRateMultipliers": "ArraysLearningRateMultipliers",
    "LossEvolutionPlot": "LossPlot", "FinalRoundLoss": "RoundLoss",
    "FinalValidationLoss": "ValidationLoss", "TotalInputs": "ExamplesProcessed",
    "MeanInputsPerSecond": "MeanExamplesPerSecond",
    "FinalRoundMeasurements": "RoundMeasurements",
    "FinalValidationMeasurements": "ValidationMeasurements",
}
PROPERTY_NAMES.update(PROPERTIES)

AUTOMATIC_BATCHES = 1000       # MaxTrainingRounds -> Automatic aims at this many batches
ROUNDS_RANGE = (10, 10000)
BATCH_CAP, SEQUENCE_BATCH_CAP = 64, 32
PRINT_INTERVAL, LIVE_INTERVAL = 2.0, 0.1


class _Failed(Exception):
    """A message has been issued; NetTrain returns $Failed."""


# -- the return specification ------------------------------------------------------------
def _return_spec(ev, spec):
    """"TrainedNet", another property name, a list of names, or "ResultsObject" (All)."""
    if spec is S.All or spec == String("ResultsObject"):
        return "ResultsObject"
    if isinstance(spec, String) and _property_name(spec.value):
        return _property_name(spec.value)
    if isinstance(spec, Expr) and spec.head is S.List and \
            all(isinstance(p, String) and _property_name(p.value) for p in spec.args):
        return [_property_name(p.value) for p in spec.args]
    ev.message("NetTrain", "invntrspec", spec, from_python(list(PROPERTIES)))
    raise _Failed


def _property_name(name: str) -> str | None:
    name = ALIASES.get(name, name)
    return name if name in PROPERTIES or name == "Properties" else None


# -- options -----------------------------------------------------------------------------
def _positive_int(ev, name, value) -> int | None:
    """None for Automatic; the integer; or optpi and $Failed."""
    if value is S.Automatic:
        return None
    if isinstance(value, Integer) and 0 < value.value < 2 ** 63:
        return value.value
    ev.message("NetTrain", "optpi", Symbol(name), value)
    raise _Failed


def _positive_number(ev, name, value) -> float | None:
    if value is S.Automatic:
        return None
    x = number(value)
    if x is None or not x > 0:
        ev.message("NetTrain", "optpr", Symbol(name), value)
        raise _Failed
    return x


def _precision(ev, value):
    if value is S.Automatic or value == String("Real32"):
        return np.float32
    if value == String("Real64") or value is S.MachinePrecision:
        return np.float64
    ev.message("NetTrain", "invprec", value)
    raise _Failed


def _seeding(ev, value) -> np.random.Generator:
    """Inherited (default): the session's generator, so SeedRandom makes runs repeat;
    an integer or string: a generator of its own; Automatic: a fresh random one."""
    if value is INHERITED:
        return ev.rng
    if value is S.Automatic:
        return np.random.default_rng()
    rng = seeded_generator(value)
    if rng is not None:
        return rng
    ev.message("NetTrain", "seeding", value)
    raise _Failed


def _reporting(ev, value) -> str | None:
    if value is S.Automatic or value == String("ProgressIndicator"):
        return "live"
    if value == String("Print"):
        return "print"
    if value is NONE:
        return None
    ev.message("NetTrain", "invprog", value)
    raise _Failed


# Sub-options of each method: WL name -> (keyword of train.optimizers, kind), kind
# "unit" = a number in [0, 1), "pos" = positive, "nonneg", "clip" = None or positive.
_COMMON = {"L2Regularization": ("l2", "nonneg"), "GradientClipping": ("gradient_clipping", "clip"),
           "WeightClipping": ("weight_clipping", "clip"), "LearningRate": (None, "pos"),
           "LearningRateSchedule": ("schedule", "schedule")}
METHODS = {
    "ADAM": (optimizers.Adam, {"Beta1": ("beta1", "unit"), "Beta2": ("beta2", "unit"),
                               "Epsilon": ("epsilon", "pos")}),
    "SGD": (optimizers.SGD, {"Momentum": ("momentum", "unit")}),
    "RMSProp": (optimizers.RMSProp, {"Beta": ("beta", "unit"), "Momentum": ("momentum", "unit"),
                                     "Epsilon": ("epsilon", "pos")}),
}


def _method(ev, spec, learning_rate):
    """The optimizer for Method -> "ADAM" | {"SGD", "Momentum" -> 0.9, ...} and
    LearningRate (which overrides the method's own "LearningRate")."""
    name, rules = spec, ()
    if spec is S.Automatic:
        name = String("ADAM")
    elif isinstance(spec, Expr) and spec.head is S.List and spec.args:
        name, rules = spec.args[0], spec.args[1:]
    if not (isinstance(name, String) and name.value in METHODS):
        ev.message("NetTrain", "invmethod", spec)
        raise _Failed
    cls, own = METHODS[name.value]
    table = {**own, **_COMMON}
    kwargs, rate = {}, None
    for rule in rules:
        ok = isinstance(rule, Expr) and rule.head is S.Rule and len(rule.args) == 2 and \
            isinstance(rule.args[0], String) and rule.args[0].value in table
        value = _sub_option(ev, table[rule.args[0].value][1], rule.args[1]) if ok else None
        if value is None:
            ev.message("NetTrain", "invmethodopt", rule, name)
            raise _Failed
        keyword = table[rule.args[0].value][0]
        if keyword is None:
            rate = value
        else:
            kwargs[keyword] = None if value is NONE else value
    if learning_rate is not S.Automatic:
        rate = _positive_number(ev, "LearningRate", learning_rate)
    return cls(rate, **kwargs) if rate is not None else cls(**kwargs)


def _sub_option(ev, kind, value):
    """The Python value of a method sub-option, NONE for a None setting, or None if bad."""
    if kind == "schedule":
        if value is NONE or value == String("Polynomial"):
            return NONE if value is NONE else "Polynomial"
        return lambda i, n: _schedule_factor(ev, value, i, n)
    if value is NONE and kind in ("clip", "nonneg"):
        return NONE if kind == "clip" else 0.0
    x = number(value)
    if x is None:
        return None
    good = {"unit": 0 <= x < 1, "pos": x > 0, "nonneg": x >= 0, "clip": x > 0}[kind]
    return x if good else None


def _schedule_factor(ev, fn, i, n) -> float:
    x = number(ev.evaluate(Expr(S.N, Expr(fn, Integer(i), Integer(n)))))
    return 1.0 if x is None else x


def _validation(ev, trainer, spec, data, dtype, rng):
    """(training data, validation data) for ValidationSet -> data or Scaled[f], which
    holds out a random fraction f of the training examples."""
    if isinstance(spec, Expr) and spec.head is S.Scaled and len(spec.args) == 1:
        f = number(spec.args[0])
        n = _count(data)
        if f is None or not 0 < f < 1 or not 0 < round(f * n) < n:
            ev.message("NetTrain", "invvalid", spec)
            raise _Failed
        order = rng.permutation(n)
        held, kept = np.sort(order[:round(f * n)]), np.sort(order[round(f * n):])
        return _rows(data, kept), _rows(data, held)
    return data, trainer.columns(spec, dtype)


def _count(data) -> int:
    return len(next(iter(data.values())))


def _rows(data, idx):
    return {p: (col[idx] if isinstance(col, np.ndarray) else [col[i] for i in idx])
            for p, col in data.items()}
