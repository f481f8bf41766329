"""NetEncoder/NetDecoder "Boolean" and "Scalar".

* "Boolean": True -> 1, False -> 0 (a real number port); the decoder gives True for a
  probability of at least 0.5 ("InputDepth" -> k decodes arrays of them), and has the
  properties "Decision", "Probability", "Entropy" and "RandomSample".
* "Scalar": a number x -> the vector {x} (Wolfram 11-12's encoder, whose output is a
  1-vector); the decoder takes a 1-vector back to its number.
"""
import numpy as np

from ..arguments import Integer, Param
from .base import CoderError, Decoder, Encoder, register
from .classes import entropy


@register
class BooleanEncoder(Encoder):
    """NetEncoder["Boolean"]: True -> 1, False -> 0."""

    kind = "Boolean"
    usage_kind = "boolean"
    takes = "boolean"

    @property
    def shape(self):
        return ()

    def encode(self, values):
        out = []
        for v in values:
            if not isinstance(v, bool):
                raise CoderError("`` is neither True nor False", v)
            out.append(int(v))
        return np.array(out, dtype=np.int64)

    def bypass(self, array):
        return array if array.ndim == 1 and np.all((array == 0) | (array == 1)) else None

    def decoder(self):
        return BooleanDecoder()


@register
class ScalarEncoder(Encoder):
    """NetEncoder["Scalar"]: a number x -> {x}."""

    kind = "Scalar"
    usage_kind = "real"
    takes = "real"

    @property
    def shape(self):
        return (1,)

    def encode(self, values):
        if not all(isinstance(v, float) for v in values):
            raise CoderError("the input is not a number")
        return np.array(values, dtype=np.float64).reshape(-1, 1)

    def bypass(self, array):
        return array if array.ndim == 2 and array.shape[1] == 1 else None

    def decoder(self):
        return ScalarDecoder()


@register
class BooleanDecoder(Decoder):
    """NetDecoder["Boolean"]: a probability p -> p >= 0.5."""

    kind = "Boolean"
    usage_kind = "boolean"
    options = (Param("InputDepth", Integer(0), default=0, what="the input depth"),)
    properties = ("Decision", "Probability", "Entropy", "RandomSample")

    @property
    def shape(self):
        return (None,) * self.params["InputDepth"]

    def encoder(self, index_target=True):
        return BooleanEncoder()


@register
class ScalarDecoder(Decoder):
    """NetDecoder["Scalar"]: {x} -> x."""

    kind = "Scalar"
    usage_kind = "real"

    @property
    def shape(self):
        return (1,)

    def encoder(self, index_target=True):
        return ScalarEncoder()


def boolean_entropy(p: np.ndarray) -> np.ndarray:
    """The entropy (nats) of True with probability p and False with 1 - p."""
    p = np.asarray(p, dtype=np.float64)
    return entropy(np.stack([p, 1 - p], axis=-1))
