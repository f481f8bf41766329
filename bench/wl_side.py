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

Loss ``MeanSquaredLossLayer[]``, ``Method -> {"ADAM", "LearningRate" -> 0.001, "Beta1" ->
0.9, "Beta2" -> 0.999}`` (Wolfram's epsilon 1e-5), ``TrainingProgressReporting -> None``.
"""

from __future__ import annotations

import time

import numpy as np

from wlnet import Session
from wlnet.expr import Expr, PackedArray, S, Symbol

from workloads import BETA1, BETA2, LR, Spec

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

# The paths (NetExtract specs) of the workload arrays in the Wolfram net.
FOLD_PATHS = {"W2": '{1, "Net", "l2", "Weights"}', "b2": '{1, "Net", "l2", "Biases"}',
              "W3": '{1, "Net", "l3", "Weights"}'}
MLP_PATHS = {"W1": '{1, "Weights"}', "b1": '{1, "Biases"}',
             "W2": '{3, "Weights"}', "b2": '{3, "Biases"}'}

FOLD_MULTIPLIERS = '{{1, "Net", "l3"} -> 0, _ -> 1}'

TRAIN = ('NetTrain[net, <|"Input" -> xs, "Output" -> ys|>, {prop}, BatchSize -> {batch}, '
         'MaxTrainingRounds -> {rounds}, LossFunction -> MeanSquaredLossLayer[], '
         'Method -> {"ADAM", "LearningRate" -> {lr}, "Beta1" -> {b1}, "Beta2" -> {b2}}, '
         'LearningRateMultipliers -> {lrm}, TrainingProgressReporting -> None, '
         'RandomSeeding -> 1]')


class WolframError(RuntimeError):
    pass


class WlTrainer:
    """One session holding the workload's net (built from the shared initial arrays)."""

    def __init__(self, spec: Spec, init: dict, batches: list):
        self.spec = spec
        self.session = Session(seed=1)
        for name, a in init.items():
            self.set(name.lower(), a)
        if spec.kind == "fold":
            self.run_code(FOLD_NET.replace("{n}", str(spec.width)))
            self.paths, self.multipliers = FOLD_PATHS, FOLD_MULTIPLIERS
        else:
            self.run_code(MLP_NET.replace("{h}", str(spec.n_hidden))
                          .replace("{o}", str(spec.n_out)).replace("{i}", str(spec.n_in)))
            self.paths, self.multipliers = MLP_PATHS, "Automatic"
        self.set_data(batches)

    # -- the session -------------------------------------------------------------------
    def set(self, name: str, array: np.ndarray) -> None:
        """name = array, the array passed as packed data (no per-element expressions)."""
        out = self.session.evaluate_expr(Expr(S.Set, Symbol(name),
                                              PackedArray(np.array(array))))
        if out.records:
            raise WolframError(f"setting {name}: {out.records}")

    def run_code(self, code: str):
        outs = self.session.evaluate(code)
        for o in outs:
            if o.records:
                raise WolframError(f"{code.strip()[:80]}...: {o.records}")
        return outs[-1].result if outs else None

    def set_data(self, batches: list) -> None:
        """The training data: every batch of the pool, one after the other."""
        self.set("xs", np.concatenate([x for x, _ in batches]))
        self.set("ys", np.concatenate([y for _, y in batches]))
        self.examples = sum(len(x) for x, _ in batches)

    # -- training ------------------------------------------------------------------------
    def train_code(self, rounds: int, prop: str = '"TrainedNet"') -> str:
        return (TRAIN.replace("{prop}", prop).replace("{batch}", str(self.spec.batch))
                .replace("{rounds}", str(rounds)).replace("{lr}", repr(LR))
                .replace("{b1}", repr(BETA1)).replace("{b2}", repr(BETA2))
                .replace("{lrm}", self.multipliers))

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
