"""NetEncoder["Class"] and NetDecoder["Class"]: class labels <-> class indices and
probability vectors.

Wolfram's rules (the NeuralNetworks paclet's Class coders; docs/nets.md):

* The encoder maps the label at position p of its list to the integer p ("Index", the
  default) or to the p-th unit vector ("UnitVector"; newer versions call it
  "IndicatorVector"). "Dimensions" -> {d1, ...} encodes arrays of labels. When no label
  is an integer, data that is already encoded (integers 1..n) passes through unchanged.
* The decoder's input is a probability vector over the classes (or, with
  "InputDepth" -> k, an array of them along the last dimension). Labels left Automatic
  are 1..n. Its properties: "Decision" (the most probable class; of equal
  probabilities the last), "Probabilities" (label -> p), {"Probabilities", c},
  "TopProbabilities" (label -> p, most probable first, those above a tenth of the
  largest), {"TopProbabilities", n}, {"TopDecisions", n}, "Entropy" (nats, over the
  p in [4.44*^-16, 1]) and "RandomSample".
"""
import numpy as np

from ..arguments import Choice, Dims, Integer, Labels, Param
from ..shapes import unify
from ..errors import ShapeConflict
from .base import CoderError, Decoder, Encoder, register, unit_vectors

INDEX_FORMS = ("Index", "UnitVector", "IndicatorVector")
ENTROPY_FLOOR = 4.440892098500626e-16


@register
class ClassEncoder(Encoder):
    """NetEncoder[{"Class", labels, form}]: a label to its position (or a unit vector)."""

    kind = "Class"
    usage_kind = "class"
    arguments = (Param("Labels", Labels(), required=True, what="the labels"),
                 Param("OutputForm", Choice(*INDEX_FORMS), default="Index",
                       what="the output form"))
    options = (Param("Dimensions", Dims(), default=(), what="the dimensions"),)

    def validate(self):
        labels = self.params["Labels"]
        self._index = {label: i for i, label in enumerate(labels, 1)}
        self._ints = all(isinstance(v, int) and not isinstance(v, bool) for v in labels)
        self.index_count = len(labels)

    @property
    def labels(self) -> tuple:
        return self.params["Labels"]

    @property
    def unit_vectors(self) -> bool:
        return self.params["OutputForm"] != "Index"

    @property
    def shape(self):
        dims = self.params["Dimensions"]
        return dims + (len(self.labels),) if self.unit_vectors else dims

    def encode(self, values: list):
        """A batch of labels (arrays of them with "Dimensions") as int64 codes."""
        dims = self.params["Dimensions"]
        if self._ints and isinstance(values, np.ndarray) and values.dtype.kind in "iu":
            codes = self._encode_ints(values)
        else:
            codes = np.array([self._encode_one(v, dims) for v in values], dtype=np.int64)
            codes = codes.reshape((len(values),) + dims)
        if not self.unit_vectors:
            return codes
        return unit_vectors(codes, len(self.labels))

    def _encode_one(self, value, dims):
        if not dims:
            code = self._index.get(value) if _hashable(value) else None
            if code is None:
                raise CoderError("`` is not among the classes ``", value, list(self.labels))
            return code
        if not isinstance(value, list) or len(value) != dims[0]:
            raise CoderError("the input should be an array of labels of dimensions ``", list(dims))
        return [self._encode_one(v, dims[1:]) for v in value]

    def _encode_ints(self, values: np.ndarray):
        """Integer labels as one NumPy lookup (a packed array of labels)."""
        labels = np.array(self.labels, dtype=np.int64)
        order = np.argsort(labels)
        pos = np.searchsorted(labels[order], values)
        pos = np.minimum(pos, len(labels) - 1)
        found = labels[order][pos] == values
        if not found.all():
            bad = values[~found].flat[0]
            raise CoderError("`` is not among the classes ``", int(bad), list(self.labels))
        return order[pos] + 1

    def bypass(self, array):
        if self._ints or array.shape[1:] != self.shape:
            return None
        if self.unit_vectors:
            ok = np.all((array == 0) | (array == 1)) and np.all(array.sum(-1) == 1)
        else:
            ok = np.all(array == np.round(array)) and np.all((array >= 1) &
                                                            (array <= len(self.labels)))
        return array if ok else None

    def decoder(self):
        return ClassDecoder(self.labels, InputDepth=1 + len(self.params["Dimensions"]))


@register
class ClassDecoder(Decoder):
    """NetDecoder[{"Class", labels}]: probability vectors to labels, by property."""

    kind = "Class"
    usage_kind = "class"
    arguments = (Param("Labels", Labels(optional=True), what="the labels"),)
    options = (Param("InputDepth", Integer(1), default=1, what="the input depth"),)
    properties = ("Decision", "TopProbabilities", ("TopDecisions", "n"),
                  ("TopProbabilities", "n"), "Probabilities", ("Probabilities", "class"),
                  "RandomSample", "Entropy")

    def __init__(self, labels=None, **options):
        super().__init__(labels, **options)

    def validate(self):
        self._count = None if self.params["Labels"] is None else len(self.params["Labels"])

    @property
    def shape(self):
        return (None,) * (self.params["InputDepth"] - 1) + (self._count,)

    def fitted(self, shape):
        if self._count is not None or not shape or not isinstance(shape[-1], int):
            return self
        fitted = ClassDecoder(None, InputDepth=self.params["InputDepth"])
        fitted._count = shape[-1]
        return fitted

    def parameters(self):
        return {**self.params, "Labels": self.labels if self._count else None}

    @property
    def labels(self) -> tuple:
        """The labels; Automatic ones are the ints 1..n."""
        given = self.params["Labels"]
        return given if given is not None else tuple(range(1, (self._count or 0) + 1))

    def check(self, dims):
        """Does an array (without batch axis) of these dimensions fit the decoder?"""
        try:
            unify(self.shape, tuple(dims))
            return True
        except ShapeConflict:
            return False

    def index_of(self, label):
        """The 0-based position of a label, or None."""
        try:
            return self.labels.index(label)
        except ValueError:
            return None

    def encoder(self, index_target=True):
        if self.params["InputDepth"] != 1:
            return super().encoder(index_target)
        return ClassEncoder(self.labels, "Index" if index_target else "UnitVector")


def ranked(p: np.ndarray) -> np.ndarray:
    """Class positions by decreasing probability along the last axis; of equal
    probabilities the later class first (Wolfram's Reverse[Ordering[p]])."""
    return np.argsort(p, axis=-1, kind="stable")[..., ::-1]


def decisions(p: np.ndarray) -> np.ndarray:
    """The position of the most probable class (of equal ones, the last)."""
    return ranked(p)[..., 0]


def entropy(p: np.ndarray) -> np.ndarray:
    """-sum p log p over the last axis, counting only p in [4.44*^-16, 1]."""
    p = np.asarray(p, dtype=np.float64)
    ok = (p >= ENTROPY_FLOOR) & (p <= 1)
    return -np.sum(np.where(ok, p * np.log(np.where(ok, p, 1)), 0), axis=-1)


def top_probabilities(p: np.ndarray) -> list:
    """(position, p) by decreasing p, those above a tenth of the largest (one example)."""
    order = ranked(p)
    cut = 0.1 * p[order[0]]
    return [(int(i), float(p[i])) for i in order if p[i] > cut]


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
