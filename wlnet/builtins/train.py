"""NetTrain: Wolfram's options, data forms and return properties over wlnet's NumPy loop.

The builtin reads expressions and issues messages; the work is done by the runtime:
``nets`` (attach a loss, initialise, compile a plan) and ``train`` (optimizers, the loop,
the record of a run). Choices where Wolfram is not deterministic or not text-based are
in docs/training.md and docs/extensions.md:

* ``MaxTrainingRounds -> Automatic`` is about 1000 batches: ceil(1000 / batches per
  round) rounds, at least 10 and at most 10000 (Wolfram times a round and aims at 20 s).
* ``TrainingProgressReporting -> Automatic`` shows a live line only where someone watches
  it: through the front end's ``session.progress_sink``, else on stdout when stdout is a
  terminal; scripts piped to a file and transcripts stay silent and reproducible.
* A stop by Ctrl-C or by a NaN/infinite loss returns the net trained so far (the last
  finite one) with a message instead of ``$Aborted``.
"""

from __future__ import annotations

import math
import sys

import numpy as np

from ..expr import (Expr, Integer, ObjectAtom, PackedArray, Real, S, String, Symbol,
                    from_python, is_association, make_list)
from ..format.boxes import Block
from ..kernel.builtin import PROPERTY_NAMES, builtin, declare
from ..kernel.limits import check_allocation
from ..nets.base import Layer
from ..nets.elementwise import ElementwiseLayer
from ..nets.errors import NetError
from ..nets.fold import Operator
from ..nets.graph import Container, Graph
from ..nets.layers import SoftmaxLayer, TotalLayer
from ..nets.losses import CrossEntropyLossLayer, MeanSquaredLossLayer
from ..nets.shapes import VARYING, describe, matches
from ..train import loop, optimizers
from ..train.results import MANUAL_STOP, NON_FINITE_LOSS
from .multipliers import MESSAGES as LRM_MESSAGES
from .multipliers import NONE, number, rates_association, resolve_setting
from .nets import guarded_initialize, seeded_generator
from .netdata import to_array, to_sequences
from .netvalue import FAILED, as_net, compile_plan, interruptible, report

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
    "datalen": "Every port needs the same number of examples; the data has `1`.",
    "optpi": "The value of `1` -> `2` should be a positive machine-sized integer.",
    "optpr": "The value of `1` -> `2` should be a positive number.",
    "invmethod": "`1` is not an optimization method; use \"ADAM\", \"SGD\" or \"RMSProp\", "
                 "optionally in a list with their options.",
    "invmethodopt": "`1` is not a valid setting for the method `2`.",
    "invloss": "`1` is not a loss: give Automatic, a loss layer, or the name of an output "
               "port of the net that computes a loss.",
    "invprec": "WorkingPrecision -> `1` is not available; use \"Real32\" or \"Real64\".",
    "invdevice": "wlnet trains on the CPU only; TargetDevice -> `1` is not available.",
    "invprog": "TrainingProgressReporting -> `1` is not available; use Automatic, \"Print\" "
               "or None.",
    "seeding": "RandomSeeding -> `1` should be Automatic, Inherited, an integer or a string.",
    "invvalid": "ValidationSet -> `1` should be None, data like the training data, or "
                "Scaled[f] with f between 0 and 1.",
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
    "RoundPositions", "TargetDevice", "TotalBatches", "TotalRounds", "TotalTrainingTime",
    "TrainedNet", "TrainingExamples", "ValidationExamples", "ValidationLoss",
    "ValidationLossList",
)
ALIASES = {
    "WeightsLearningRateMultipliers": "ArraysLearningRateMultipliers",
    "LossEvolutionPlot": "LossPlot", "FinalRoundLoss": "RoundLoss",
    "FinalValidationLoss": "ValidationLoss", "TotalInputs": "ExamplesProcessed",
    "MeanInputsPerSecond": "MeanExamplesPerSecond",
}
PROPERTY_NAMES.update(PROPERTIES)

AUTOMATIC_BATCHES = 1000       # MaxTrainingRounds -> Automatic aims at this many batches
ROUNDS_RANGE = (10, 10000)
BATCH_CAP, SEQUENCE_BATCH_CAP = 64, 32
PRINT_INTERVAL, LIVE_INTERVAL = 2.0, 0.1


class _Failed(Exception):
    """A message has been issued; NetTrain returns $Failed."""


@builtin(messages=MESSAGES, options=OPTIONS)
def NetTrain(ev, expr):
    """NetTrain[net, data] trains net on data and returns the trained net;
    NetTrain[net, data, prop] returns a property of the run, a list of them, or with All
    a NetTrainResultsObject."""
    split = ev.split_options(expr, "NetTrain", first_option=2)
    if split is None:
        return None
    args, opts = split
    if not ev.check_argc(Expr.make(expr.head, args), 2, 3, "NetTrain"):
        return None
    try:
        return _net_train(ev, args, opts)
    except NetError as error:
        report(ev, error)
    except _Failed:
        pass
    return FAILED


def _net_train(ev, args, opts):
    net = as_net(args[0])
    if net is None:
        ev.message("NetTrain", "invnet", args[0])
        raise _Failed
    wanted = _return_spec(ev, args[2] if len(args) == 3 else String("TrainedNet"))
    dtype = _precision(ev, opts["WorkingPrecision"])
    device = opts["TargetDevice"]
    if device != String("CPU"):
        ev.message("NetTrain", "invdevice", device)
        raise _Failed
    method = _method(ev, opts["Method"], opts["LearningRate"])
    reporting = _reporting(ev, opts["TrainingProgressReporting"])
    rng = _seeding(ev, opts["RandomSeeding"])
    resolved = resolve_setting(ev, args[0], opts["LearningRateMultipliers"], "NetTrain")
    if resolved is None:
        raise _Failed
    rates = resolved[1].rates
    if not rates or all(r == 0 for r in rates.values()):
        ev.message("NetTrain", "netfrozen" if rates else "netnoparams")
        return args[0] if wanted == "TrainedNet" else FAILED

    trainer = _Trainer(ev, net, opts["LossFunction"])
    data = trainer.columns(args[1], dtype)
    validation = None
    if opts["ValidationSet"] is not NONE:
        data, validation = _validation(ev, trainer, opts["ValidationSet"], data, dtype, rng)
    examples = _count(data)
    batch_size = _positive_int(ev, "BatchSize", opts["BatchSize"]) or \
        min(SEQUENCE_BATCH_CAP if trainer.has_sequences() else BATCH_CAP, examples)
    per_round = -(-examples // batch_size)
    time_goal = _positive_number(ev, "TimeGoal", opts["TimeGoal"])
    rounds = _positive_int(ev, "MaxTrainingRounds", opts["MaxTrainingRounds"]) or (
        ROUNDS_RANGE[1] if time_goal else
        min(max(math.ceil(AUTOMATIC_BATCHES / per_round), ROUNDS_RANGE[0]), ROUNDS_RANGE[1]))

    with interruptible(ev):
        plan = trainer.compile(data, rng, dtype)
        check_allocation(ev, Expr(S.Rule, S.BatchSize, Integer(batch_size)),
                         batch_size * _example_values(trainer.graph),
                         STEP_BYTES * np.dtype(dtype).itemsize)
        progress = _Progress(ev, reporting, method.name, batch_size, per_round, examples)
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging loss: a message
            run = loop.train(plan, data, loss_port=trainer.loss_port,
                             batch_size=batch_size, rounds=rounds, optimizer=method,
                             rates=trainer.prefixed(rates), rng=rng,
                             progress=progress.update, validation=validation,
                             should_stop=lambda: ev.session.abort_requested,
                             time_goal=time_goal)
    progress.finish(run)
    if run.reason == MANUAL_STOP:
        ev.session.abort_requested = False
        ev.message("NetTrain", "interrupted", Integer(run.total_batches))
    elif run.reason == NON_FINITE_LOSS:
        ev.message("NetTrain", "nonfinite", Integer(run.total_batches))
    _diverged(ev, run)
    results = Results(trainer, run, args[0].evolve)
    if wanted == "ResultsObject":
        return NetTrainResultsObject(results)
    if isinstance(wanted, list):
        return make_list([results.get(p) for p in wanted])
    return results.get(wanted)


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


# -- the training net: the user's net with its loss attached -----------------------------
class _Trainer:
    """The user's net inside a training graph <|"net" -> net, loss layers|> whose
    output "Loss" is the per-example loss; the net's array paths get the prefix "net"
    there (none when the net computes its own loss)."""

    def __init__(self, ev, net, loss_spec):
        self.ev, self.net = ev, net
        self.loss_port = "Loss"
        if loss_spec is S.Automatic and "Loss" in net.output_ports():
            self.graph, self.prefix = net, ()
            return
        if isinstance(loss_spec, String):
            if loss_spec.value not in net.output_ports():
                ev.message("NetTrain", "invloss", loss_spec)
                raise _Failed
            self.graph, self.prefix, self.loss_port = net, (), loss_spec.value
            return
        outputs = list(net.output_ports())
        losses = {o: (_automatic_loss(net, o) if loss_spec is S.Automatic
                      else _loss_layer(ev, loss_spec)) for o in outputs}
        self.prefix = ("net",)
        self._build(losses)

    def _build(self, losses):
        """One loss layer per output, fed by that output and a target port of the same
        name; several losses are added up."""
        nodes = {"net": self.net}
        edges = [(("port", p), ("node", "net", p)) for p in self.net.input_ports()]
        for o, layer in losses.items():
            nodes[f"loss {o}"] = layer
            edges += [(("node", "net", o), ("node", f"loss {o}", "Input")),
                      (("port", o), ("node", f"loss {o}", "Target"))]
        ends = [("node", f"loss {o}", "Loss") for o in losses]
        if len(ends) > 1:
            nodes["total"] = TotalLayer()
            edges += [(end, ("node", "total")) for end in ends]
            ends = [("node", "total", "Output")]
        edges.append((ends[0], ("port", "Loss")))
        self.graph = Graph(nodes, edges)

    def has_sequences(self) -> bool:
        return any(s and s[0] == VARYING for s in self.graph.input_ports().values() if s)

    def prefixed(self, rates: dict) -> dict:
        return {self.prefix + p: r for p, r in rates.items()}

    def unprefixed(self, arrays: dict) -> dict:
        n = len(self.prefix)
        return {p[n:]: a for p, a in arrays.items() if p[:n] == self.prefix}

    def trained(self, arrays):
        """The user's net (its shapes as training fixed them) with the given arrays."""
        net = self.graph.children()["net"] if self.prefix else self.graph
        return net.with_arrays(self.unprefixed(arrays))

    # -- data ----------------------------------------------------------------------
    def columns(self, data, dtype) -> dict:
        """{port: ndarray or list of sequences} for every input port of the graph."""
        ports = self.graph.input_ports()
        raw = _port_columns(self.ev, data, list(ports))
        missing = [p for p in ports if p not in raw]
        if missing:
            self.ev.message("NetTrain", "nodataport", String(missing[0]))
            raise _Failed
        out = {}
        for p, shape in ports.items():
            sequence = shape is not None and len(shape) > 0 and shape[0] == VARYING
            col = None if sequence else to_array(raw[p], dtype)
            if col is None and (shape is None or sequence):
                col = to_sequences(raw[p], dtype)
                if col is not None and len({c.shape for c in col}) == 1 and not sequence:
                    col = np.stack(col)
            ok = col is not None and len(col) > 0 and (
                matches(shape, col.shape[1:]) if isinstance(col, np.ndarray)
                else all(matches(shape, c.shape) for c in col))
            if not ok:
                bad = _not_a_number(raw[p])
                if bad is not None:
                    self.ev.message("NetTrain", "notnum", String(p), bad)
                else:
                    self.ev.message("NetTrain", "invport", String(p), String(describe(shape)))
                raise _Failed
            out[p] = col
        counts = {len(c) for c in out.values()}
        if len(counts) != 1:
            self.ev.message("NetTrain", "datalen", from_python(sorted(counts)))
            raise _Failed
        return out

    def compile(self, data, rng, dtype):
        """Fix unknown port shapes from the data, initialise missing arrays (with the
        training generator), and compile the plan."""
        if self.graph.incomplete():
            shapes = {p: _shape_of(c) for p, c in data.items()}
            self.graph = self.graph.refine(shapes, {})
        if not self.graph.is_initialized():
            self.graph = guarded_initialize(self.ev, S.NetTrain, self.graph, rng)
        return compile_plan(self.ev, S.NetTrain, self.graph, dtype)


def _not_a_number(data):
    """The first element of (nested lists of) data that is not a finite machine number
    (Indeterminate, Infinity, a symbol, 10^400), or None when there is none."""
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, PackedArray):
            if x.array.dtype.kind == "f" and not np.isfinite(x.array).all():
                return Real(float(x.array[~np.isfinite(x.array)][0]))
        elif isinstance(x, Expr) and x.head is S.List:
            stack.extend(reversed(x.args))
        elif not (isinstance(x, (Integer, Real)) and math.isfinite(x.value) and
                  abs(x.value) < 3.4e38):
            return x
    return None


DIVERGENCE = 100  # the last round's loss this many times the first's: training diverged


def _diverged(ev, run) -> None:
    losses = run.round_losses
    if run.reason != NON_FINITE_LOSS and len(losses) >= 2 and \
            losses[-1] > DIVERGENCE * losses[0] > 0:
        ev.message("NetTrain", "diverged", Real(losses[0]), Real(losses[-1]))


STEP_BYTES = 3    # a value of a training step is kept forward, backward and in between


def _example_values(net) -> int:
    """The numbers one example of a batch occupies in a training step: every port of
    every layer (a sequence dimension counted once), for the memory budget."""
    children = net.children()
    if children:
        return sum(_example_values(c) for c in children.values())
    shapes = [*net.input_ports().values(), *net.output_ports().values()]
    return max(1, sum(math.prod(d if isinstance(d, int) else 1 for d in s or ())
                      for s in shapes))


def _shape_of(col):
    if isinstance(col, np.ndarray):
        return tuple(col.shape[1:])
    dims = {c.shape[1:] for c in col}
    return (VARYING,) + dims.pop() if len(dims) == 1 else None


def _port_columns(ev, data, ports):
    """Raw column expressions by port name from any of the four data forms; the rule
    forms give the first port the inputs and the second the targets."""
    if is_association(data):
        return {r.args[0].value: r.args[1] for r in data.args if isinstance(r.args[0], String)}
    if isinstance(data, Expr) and data.head is S.Rule and len(ports) == 2:
        return {ports[0]: data.args[0], ports[1]: data.args[1]}
    if isinstance(data, Expr) and data.head is S.List and data.args and \
            not isinstance(data, PackedArray):
        first = data.args[0]
        if is_association(first) and all(is_association(d) for d in data.args):
            names = [r.args[0] for r in first.args]
            return {n.value: make_list([_lookup(d, n) for d in data.args]) for n in names
                    if isinstance(n, String)}
        if len(ports) == 2 and all(isinstance(d, Expr) and d.head is S.Rule and
                                   len(d.args) == 2 for d in data.args):
            return {ports[0]: make_list([d.args[0] for d in data.args]),
                    ports[1]: make_list([d.args[1] for d in data.args])}
    ev.message("NetTrain", "invdata", from_python(ports))
    raise _Failed


def _lookup(assoc, key):
    for r in assoc.args:
        if r.args[0] == key:
            return r.args[1]
    return S.Missing


def _feeding_layer(net, port):
    """The layer whose output becomes the net's output ``port`` (through containers and
    operators), or None."""
    while not isinstance(net, Layer):
        if isinstance(net, Operator):
            net = net.net
        elif isinstance(net, Container):
            src = [s for s, d in net.connections() if d == (None, port)]
            if not src or src[0][0] is None:
                return None
            key, port = src[0]
            net = net.children()[key]
        else:
            return None
    return net


def _automatic_loss(net, port):
    """Wolfram's choice: after a SoftmaxLayer CrossEntropyLossLayer["Index"], after a
    LogisticSigmoid CrossEntropyLossLayer["Binary"], else MeanSquaredLossLayer[]."""
    layer = _feeding_layer(net, port)
    if isinstance(layer, SoftmaxLayer):
        return CrossEntropyLossLayer("Index")
    if isinstance(layer, ElementwiseLayer) and layer.function == "LogisticSigmoid":
        return CrossEntropyLossLayer("Binary")
    return MeanSquaredLossLayer()


def _loss_layer(ev, spec):
    layer = as_net(spec)
    if layer is None or set(layer.input_ports()) != {"Input", "Target"} or \
            "Loss" not in layer.output_ports():
        ev.message("NetTrain", "invloss", spec)
        raise _Failed
    return layer


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
