"""The wlnet side of the benchmark: each workload written in Wolfram code and trained
with NetTrain through the public API (``wlnet.Session``), exactly as a user would.

The shared initial arrays and the data go into the session as packed arrays (one
``Set`` of a ``PackedArray`` each, as a Python user with NumPy data would pass them);
everything else is Wolfram code:

* fold (W1, W2): the seed's cell ``NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[n,
  "Weights" -> w2, "Biases" -> b2], "l3" -> LinearLayer[n, "Weights" -> w3, "Biases" ->
  None]|>, {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}]`` folded with
  ``NetFoldOperator`` and followed by ``SequenceLastLayer[]`` in a NetChain; l3 frozen with
  ``LearningRateMultipliers -> {{1, "Net", "l3"} -> 0, _ -> 1}``.
* MLP (W3): ``NetChain[{LinearLayer[256, ...], Tanh, LinearLayer[10, ...]}, "Input" -> 784]``.
* LSTM (W4): ``NetChain[{LongShortTermMemoryLayer[64, "InputGateInputWeights" -> ..., ...],
  SequenceLastLayer[], LinearLayer[1, ...]}, "Input" -> {50, 16}]`` (each of the twelve
  gate arrays given as the option of its Wolfram name).
* digits (W5): ``NetChain[{ConvolutionLayer[16, {3, 3}, ...], Ramp, PoolingLayer[{2, 2},
  2], FlattenLayer[], LinearLayer[10, ...], SoftmaxLayer[]}, "Input" -> {1, 8, 8},
  "Output" -> NetDecoder[{"Class", Range[0, 9]}]]``, trained by ``NetTrain[net, xs -> ys,
  BatchSize -> 64, MaxTrainingRounds -> r]`` with Wolfram's defaults (ADAM, and the
  cross-entropy loss NetTrain attaches to a SoftmaxLayer). The pooling stride is written
  out: Wolfram's ``PoolingLayer[{2, 2}]`` has stride 1 (``PoolingLayer[n]`` is
  ``PoolingLayer[n, 1]``), while the net the references define (PyTorch's
  ``MaxPool2d(2)``) pools with stride 2.

W1-W4: loss ``MeanSquaredLossLayer[]``, ``Method -> {"ADAM", "LearningRate" -> 0.001,
"Beta1" -> 0.9, "Beta2" -> 0.999}`` (Wolfram's epsilon 1e-5). Every NetTrain call has
``TrainingProgressReporting -> None`` and ``RandomSeeding -> 1``, and ``options`` (the
compiled path's option, ``COMPILED_OPTION``, once wlnet has one).
"""

from __future__ import annotations

import re
import time

import numpy as np

from wlnet import Session
from wlnet.expr import Expr, PackedArray, S, Symbol, to_python
from wlnet.format.session_text import message_text

from workloads import BETA1, BETA2, LR, LSTM_ARRAYS, Spec

# The NetTrain option of wlnet's compiled path; None while wlnet has none. When it lands,
# this one line turns the benchmark's "wlnet compiled" column on, e.g.
#   COMPILED_OPTION = 'TargetDevice -> {"CPU", "Compiled"}'
COMPILED_OPTION: str | None = 'TargetDevice -> {"CPU", "Compiled"}'


def variants() -> dict[str, str]:
    """The wlnet sides to run and their extra NetTrain options: the NumPy runtime, and
    the compiled path once wlnet has one."""
    out = {"wlnet": ""}
    if COMPILED_OPTION is not None:
        out["wlnet_compiled"] = COMPILED_OPTION
    return out

FOLD_NET = """
core = NetGraph[<|"l1" -> TotalLayer[],
    "l2" -> LinearLayer[{n}, "Weights" -> w2, "Biases" -> b2],
    "l3" -> LinearLayer[{n}, "Weights" -> w3, "Biases" -> None]|>,
  {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];
net = NetChain[{NetFoldOperator[core, "Input" -> {"Varying", {n}}], SequenceLastLayer[]}];
"""

MLP_NET = """
net = NetChain[{LinearLayer[{h}, "Weights" -> w1, "Biases" -> b1], Tanh,
    LinearLayer[{o}, "Weights" -> w2, "Biases" -> b2]}, "Input" -> {i}];
"""

LSTM_NET = """
net = NetChain[{LongShortTermMemoryLayer[{h}, {gates}], SequenceLastLayer[],
    LinearLayer[{o}, "Weights" -> w2, "Biases" -> b2]}, "Input" -> {{T}, {i}}];
"""

CONV_NET = """
net = NetChain[{ConvolutionLayer[{h}, {3, 3}, "Weights" -> w1, "Biases" -> b1], Ramp,
    PoolingLayer[{2, 2}, 2], FlattenLayer[], LinearLayer[{o}, "Weights" -> w2,
    "Biases" -> b2], SoftmaxLayer[]}, "Input" -> {1, 8, 8},
  "Output" -> NetDecoder[{"Class", Range[0, {last}]}]];
"""

# The paths (NetExtract specs) of the workload arrays in the Wolfram net.
FOLD_PATHS = {"W2": '{1, "Net", "l2", "Weights"}', "b2": '{1, "Net", "l2", "Biases"}',
              "W3": '{1, "Net", "l3", "Weights"}'}
MLP_PATHS = {"W1": '{1, "Weights"}', "b1": '{1, "Biases"}',
             "W2": '{3, "Weights"}', "b2": '{3, "Biases"}'}
LSTM_PATHS = {**{name: f'{{1, "{name}"}}' for name in LSTM_ARRAYS},
              "W2": '{3, "Weights"}', "b2": '{3, "Biases"}'}
CONV_PATHS = {"W1": '{1, "Weights"}', "b1": '{1, "Biases"}',
              "W2": '{5, "Weights"}', "b2": '{5, "Biases"}'}

# kind: (net code, array paths, LearningRateMultipliers)
NETS = {"fold": (FOLD_NET, FOLD_PATHS, '{{1, "Net", "l3"} -> 0, _ -> 1}'),
        "mlp": (MLP_NET, MLP_PATHS, "Automatic"),
        "lstm": (LSTM_NET, LSTM_PATHS, "Automatic"),
        "conv": (CONV_NET, CONV_PATHS, "Automatic")}

TRAIN = ('NetTrain[net, <|"Input" -> xs, "Output" -> ys|>, {prop}, BatchSize -> {batch}, '
         'MaxTrainingRounds -> {rounds}, LossFunction -> MeanSquaredLossLayer[], '
         'Method -> {"ADAM", "LearningRate" -> {lr}, "Beta1" -> {b1}, "Beta2" -> {b2}}, '
         'LearningRateMultipliers -> {lrm}, TrainingProgressReporting -> None, '
         'RandomSeeding -> 1{options}]')
TRAIN_CLASSIFIER = ('NetTrain[net, xs -> ys, {prop}, BatchSize -> {batch}, '
                    'MaxTrainingRounds -> {rounds}, TrainingProgressReporting -> None, '
                    'RandomSeeding -> 1{options}]')

# What a workload needs that wlnet may not have yet: small Wolfram probes, each a net
# that must build (``missing``), so the benchmark and the tests can tell "not yet
# available" from a failure.
PROBES = {
    "lstm": ['NetChain[{LongShortTermMemoryLayer[4]}, "Input" -> {5, 2}]'],
    "conv": ['NetChain[{ConvolutionLayer[2, {3, 3}]}, "Input" -> {1, 8, 8}]',
             'NetChain[{PoolingLayer[{2, 2}, 2]}, "Input" -> {2, 6, 6}]',
             'NetChain[{FlattenLayer[]}, "Input" -> {2, 3, 3}]',
             'NetChain[{LinearLayer[3], SoftmaxLayer[]}, "Input" -> 2, '
             '"Output" -> NetDecoder[{"Class", {1, 2, 3}}]]'],
}


def symbol_name(name: str) -> str:
    """The session symbol holding a workload array: "InputGateBiases" -> inputgatebiases."""
    return re.sub("[^0-9A-Za-z]", "", name).lower()


def missing(kind: str) -> list[str]:
    """The messages of the probes of ``kind`` that do not build a net in a Session
    (empty when wlnet has everything the workload needs)."""
    session, out = Session(seed=1), []
    for probe in PROBES.get(kind, []):
        o = session.evaluate(f"Head[{probe}]")[-1]
        if o.messages or o.result != Symbol("NetChain"):
            out.append("; ".join(message_text(m, None) for m in o.messages)
                       or f"{probe} gave {o.result}")
    return out


class WolframError(RuntimeError):
    """wlnet answered Wolfram code with messages (their text is the error's)."""


def _messages(outs) -> str:
    """The messages of some outputs as wlnet prints them, each cut to 300 characters
    (a message about a layer quotes its arrays)."""
    texts = [message_text(m, None) for o in outs for m in o.messages]
    return "; ".join(t if len(t) <= 300 else t[:300] + "..." for t in texts)


class WlTrainer:
    """One session holding the workload's net (built from the shared initial arrays).
    ``options`` are NetTrain options added to every call (e.g. ``COMPILED_OPTION``)."""

    def __init__(self, spec: Spec, init: dict, batches: list, options: str = ""):
        self.spec, self.options = spec, options
        self.session = Session(seed=1)
        for name, a in init.items():
            self.set(symbol_name(name), a)
        code, self.paths, self.multipliers = NETS[spec.kind]
        fill = {"{n}": spec.width, "{h}": spec.n_hidden, "{o}": spec.n_out,
                "{i}": spec.n_in, "{T}": spec.steps_T, "{last}": spec.n_out - 1,
                "{gates}": ", ".join(f'"{a}" -> {symbol_name(a)}' for a in LSTM_ARRAYS)}
        for key, value in fill.items():
            code = code.replace(key, str(value))
        self.run_code(code)
        self.set_data(batches)

    # -- the session -------------------------------------------------------------------
    def set(self, name: str, array: np.ndarray) -> None:
        """name = array, the array passed as packed data (no per-element expressions)."""
        out = self.session.evaluate_expr(Expr(S.Set, Symbol(name),
                                              PackedArray(np.array(array))))
        if out.records:
            raise WolframError(f"setting {name}: {_messages([out]) or out.records}")

    def run_code(self, code: str):
        outs = self.session.evaluate(code)
        if any(o.records for o in outs):
            raise WolframError(_messages(outs) or str([o.records for o in outs]))
        return outs[-1].result if outs else None

    def set_data(self, batches: list) -> None:
        """The training data: every batch of the pool, one after the other."""
        self.set("xs", np.concatenate([x for x, _ in batches]))
        self.set("ys", np.concatenate([y for _, y in batches]))
        self.examples = sum(len(x) for x, _ in batches)

    # -- training ------------------------------------------------------------------------
    def train_code(self, rounds: int, prop: str = '"TrainedNet"') -> str:
        template = TRAIN_CLASSIFIER if self.spec.kind == "conv" else TRAIN
        return (template.replace("{prop}", prop).replace("{batch}", str(self.spec.batch))
                .replace("{rounds}", str(rounds)).replace("{lr}", repr(LR))
                .replace("{b1}", repr(BETA1)).replace("{b2}", repr(BETA2))
                .replace("{lrm}", self.multipliers)
                .replace("{options}", ", " + self.options if self.options else ""))

    def train(self, rounds: int) -> float:
        """One NetTrain call of ``rounds`` rounds over the data; its wall time (s). The
        trained net is kept as ``trained``."""
        code = "trained = " + self.train_code(rounds) + ";"
        t = time.perf_counter()
        self.run_code(code)
        return time.perf_counter() - t

    def batches_per_round(self) -> int:
        return -(-self.examples // self.spec.batch)

    def params(self, net: str = "trained") -> dict:
        """The workload arrays of a net in the session, as float32 ndarrays."""
        out = {}
        for name, path in self.paths.items():
            value = self.run_code(f"NetExtract[{net}, {path}]")
            if not isinstance(value, PackedArray):
                raise WolframError(f"NetExtract[{net}, {path}] gave {value}")
            out[name] = np.asarray(value.array, dtype=np.float32)
        return out

    def accuracy(self, x: np.ndarray, y: np.ndarray, net: str = "trained") -> float:
        """W5: the fraction of (x, y) the net classifies right, computed in Wolfram code."""
        self.set("xte", x)
        self.set("yte", y)
        return float(to_python(self.run_code(
            f"N[Count[{net}[xte] - yte, 0] / Length[yte]]")))
