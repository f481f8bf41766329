"""Measurements of a classifier while it trains and after (TrainingProgressMeasurements,
the results' "RoundMeasurements"/"ValidationMeasurements", NetMeasurements).

A ``Tally`` collects what one classification output did over a set of batches: the
confusion matrix (true class by decided class), how often the true class was among the
top k, and the summed entropy of the predicted distributions. Every measurement is
computed from a tally:

    "ErrorRate", ("ErrorRate", k)   the fraction not decided right (not in the top k)
    "Accuracy", ("Accuracy", k)     1 - the error rate
    "ConfusionMatrix"               counts c[i, j] of class i examples decided as j
    "Precision", "Recall", "F1Score"   per class (NaN where a class has no examples)
    "CohenKappa"                    agreement beyond chance, from the confusion matrix
    "Entropy"                       mean entropy (nats) of the predicted distributions

The true classes come as indices 1..n (a "Index" cross-entropy target) or as
probability vectors (their most probable class); a single probability p (a "Binary"
target) is the two classes {False, True} with probabilities {1 - p, p}.
"""
from __future__ import annotations

import numpy as np

from ..nets.coders.classes import entropy

NAMES = ("ErrorRate", "Accuracy", "ConfusionMatrix", "Precision", "Recall", "F1Score",
         "CohenKappa", "Entropy")
TOPPED = ("ErrorRate", "Accuracy")     # take an optional k: the true class in the top k


def known(spec) -> bool:
    """Is spec a measurement this module computes ("ErrorRate", ("Accuracy", 3), ...)?"""
    if isinstance(spec, str):
        return spec in NAMES
    return isinstance(spec, tuple) and len(spec) == 2 and spec[0] in TOPPED and \
        isinstance(spec[1], int) and spec[1] >= 1


class Tally:
    """What one classification output did over a set of examples."""

    def __init__(self, classes: int, binary: bool, index_target: bool, tops=(),
                 entropies: bool = True):
        self.n = 2 if binary else classes
        self.binary, self.index_target = binary, index_target
        self.tops = sorted(set(tops))
        self.entropies = entropies       # sum the entropies (only "Entropy" needs them)
        self.reset()

    def reset(self):
        self.confusion = np.zeros((self.n, self.n), dtype=np.int64)
        self.top = {k: 0 for k in self.tops}
        self.entropy = 0.0
        self.count = 0

    def add(self, probs: np.ndarray, targets: np.ndarray, real: int | None = None):
        """One batch: predicted probabilities and targets, of which the first ``real``
        examples count (the rest pad the last batch)."""
        if real is not None:
            probs, targets = probs[:real], targets[:real]
        if self.binary:
            probs = np.stack([1 - probs, probs], axis=-1)
            true = (targets >= 0.5).astype(np.int64)
        elif self.index_target:
            true = targets.astype(np.int64) - 1
        else:
            true = np.argmax(targets, axis=-1)
        probs = probs.reshape(-1, self.n)
        true = true.reshape(-1)
        decided = self.n - 1 - np.argmax(probs[:, ::-1], axis=-1)   # of equal ones, the last
        self.confusion += np.bincount(true * self.n + decided,
                                      minlength=self.n * self.n).reshape(self.n, self.n)
        if self.top:
            rank = (probs > np.take_along_axis(probs, true[:, None], axis=1)).sum(axis=1)
            for k in self.top:
                self.top[k] += int(np.sum(rank < k))
        if self.entropies:
            self.entropy += float(np.sum(entropy(probs)))
        self.count += len(true)

    def value(self, spec):
        """A measurement (see the module doc) over what was added."""
        name, k = (spec, None) if isinstance(spec, str) else spec
        total = max(self.count, 1)
        c = self.confusion
        if name in TOPPED:
            right = np.trace(c) if k is None or k == 1 else self.top[k]
            error = 1 - right / total
            return float(error if name == "ErrorRate" else 1 - error)
        if name == "ConfusionMatrix":
            return c.copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            diag = np.diag(c).astype(np.float64)
            precision = diag / c.sum(axis=0)
            recall = diag / c.sum(axis=1)
            if name == "Precision":
                return precision
            if name == "Recall":
                return recall
            if name == "F1Score":
                return 2 * precision * recall / (precision + recall)
        if name == "CohenKappa":
            observed = np.trace(c) / total
            expected = float(np.sum(c.sum(axis=0) * c.sum(axis=1))) / total ** 2
            return float((observed - expected) / (1 - expected)) if expected != 1 else 0.0
        if name == "Entropy":
            return self.entropy / total
        raise KeyError(spec)


class Measurements:
    """The measurements of a training run or an evaluation: which specs, and one tally
    per classification output (graph port of the probabilities, target port)."""

    def __init__(self, specs, tallies: dict):
        self.specs = list(specs)
        self.tallies = tallies          # {(probability port, target port): Tally}

    def reset(self):
        for t in self.tallies.values():
            t.reset()

    def add(self, outputs: dict, batch: dict, real: int | None = None):
        for (out, target), tally in self.tallies.items():
            tally.add(outputs[out], batch[target], real)

    def values(self) -> dict:
        """{spec: value}, for the first (or only) classification output."""
        if not self.tallies:
            return {}
        tally = next(iter(self.tallies.values()))
        return {spec: tally.value(spec) for spec in self.specs}
