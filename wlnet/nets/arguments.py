"""Constructor arguments and options of layers, declared as data.

A layer lists its positional arguments and its options as ``Param`` values: a Wolfram
name, a *kind*, a default and words for messages. The kind says which Python values are
valid and brings them to the runtime's normal form (``check``). Its ``name`` is the key
by which the builtins read a Wolfram argument into a Python value
(``wlnet/builtins/nets_layers.py``) and the formatter writes one back
(``wlnet/format/nets.py``), so a new layer needs neither a builtin nor printing code; a
new kind needs an entry in both tables (a test checks that they cover every kind).

A bad value raises NetError(head, "invarg", words), shown as ``LinearLayer::invarg``.
"""
import re
from dataclasses import dataclass

import numpy as np

from .errors import NetError, show
from .functions import NAMED, check_tree, variables_of
from .shapes import normalize


class BadValue(Exception):
    """A value that is not of its kind; ``detail`` ("should have rank 2, not 1") replaces
    the kind's general words when given; ``text`` and ``tag`` replace the whole message
    and its tag (Wolfram's own sentence for a particular fault)."""

    def __init__(self, detail: str | None = None, text: str | None = None,
                 tag: str | None = None):
        super().__init__(detail or text)
        self.detail, self.text, self.tag = detail, text, tag


def is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _is_real(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


class Kind:
    """What values an argument takes. ``name`` keys the readers and writers; ``tag`` is
    the tag of the message for a bad value (``Symbol::tag``)."""

    name = ""
    expects = ""
    tag = "invarg"
    takes_automatic = False  # Automatic is a value of the kind, not "the default"

    def check(self, value):
        """The value in normal form, or BadValue."""
        return value

    def problem(self, what: str, shown: str) -> str:
        return f"{what} {shown} should be {self.expects}."

    def shown(self, value) -> str:
        return show(value)


class Size(Kind):
    """A positive integer: a number of units, channels, classes."""

    name, expects = "size", "a positive integer"

    def check(self, value):
        if is_int(value) and value >= 1:
            return int(value)
        raise BadValue


class Dims(Kind):
    """Output dimensions: n or a list of them ({} is a single number): a tuple."""

    name, expects = "dims", "a positive integer or a list of them"

    def check(self, value):
        dims = (value,) if is_int(value) else value
        if isinstance(dims, (tuple, list)) and all(is_int(d) and d >= 1 for d in dims):
            return tuple(int(d) for d in dims)
        raise BadValue


class Shape(Kind):
    """A port shape as a user writes it (n, {n1, n2}, "Real", {"Varying", n}): the
    runtime's shape tuple (see ``shapes``); or a NetEncoder/NetDecoder for the port,
    which brings its own shape (``coders``)."""

    name = "shape"

    def check(self, value):
        from .coders.base import DECODERS, ENCODERS, Coder
        if isinstance(value, Coder) or (isinstance(value, str) and
                                        (value in ENCODERS or value in DECODERS)):
            return value                  # a coder, or a coder's kind ("port" -> "Boolean")
        try:
            return normalize(value)
        except ValueError:
            raise BadValue from None

    def problem(self, what, shown):
        return f"{shown} is not a valid shape."


class Level(Kind):
    """A level of an array, counted from 1, negative from the end (SoftmaxLayer[-1]);
    ``positive``: only levels counted from the start (CatenateLayer[2])."""

    name = "level"

    def __init__(self, positive: bool = False):
        self.positive = positive
        self.expects = "a positive integer" if positive else "a non-zero integer"

    def check(self, value):
        if is_int(value) and (value > 0 if self.positive else value != 0):
            return int(value)
        raise BadValue


class Integer(Kind):
    """An integer, optionally at least ``low``."""

    name = "integer"

    def __init__(self, low: int | None = None):
        self.low = low
        self.expects = "an integer" if low is None else f"an integer at least {low}"

    def check(self, value):
        if is_int(value) and (self.low is None or value >= self.low):
            return int(value)
        raise BadValue


class Real(Kind):
    """A real number in [low, high] (``high_open``: [low, high))."""

    name = "real"

    def __init__(self, low: float | None = None, high: float | None = None,
                 high_open: bool = False):
        self.low, self.high, self.high_open = low, high, high_open
        bounds = ([f"at least {low:g}"] if low is not None else []) + \
            ([f"{'less than' if high_open else 'at most'} {high:g}"] if high is not None else [])
        self.expects = "a number" + (" " + " and ".join(bounds) if bounds else "")

    def check(self, value):
        if not _is_real(value):
            raise BadValue
        v = float(value)
        if (self.low is not None and v < self.low) or (self.high is not None and (
                v >= self.high if self.high_open else v > self.high)):
            raise BadValue
        return v

    def shown(self, value):
        return f"{value:g}" if isinstance(value, float) else show(value)


class Spatial(Kind):
    """A size for every spatial dimension (a kernel, a stride, a dilation): n for all of
    them, or {n1, n2, ...} one per dimension; kept as an int or a tuple, since
    ``{3}`` (one dimension) and ``3`` (any number of them) mean different things."""

    name = "spatial"

    def __init__(self, low: int = 1):
        self.low = low
        n = "a positive integer" if low == 1 else f"an integer at least {low}"
        self.expects = f"{n} or a list of them"

    def check(self, value):
        if is_int(value) and value >= self.low:
            return int(value)
        if isinstance(value, (tuple, list)) and value and \
                all(is_int(d) and d >= self.low for d in value):
            return tuple(int(d) for d in value)
        raise BadValue


class Padding(Kind):
    """Zero padding of every spatial dimension: n (both ends of every dimension),
    {n1, ...} (both ends of dimension i), {{b1, e1}, ...} (beginning and end) or
    "Same"; kept as an int, a tuple of ints, a tuple of pairs or "Same"."""

    name = "padding"
    expects = ("a non-negative integer, a list of them, a list of {before, after} pairs "
               "or \"Same\"")

    def check(self, value):
        if value == "Same" or (is_int(value) and value >= 0):
            return value if value == "Same" else int(value)
        if isinstance(value, (tuple, list)) and value:
            if all(is_int(d) and d >= 0 for d in value):
                return tuple(int(d) for d in value)
            if all(isinstance(d, (tuple, list)) and len(d) == 2 and
                   all(is_int(e) and e >= 0 for e in d) for d in value):
                return tuple((int(a), int(b)) for a, b in value)
        raise BadValue


class Choice(Kind):
    """One of a few strings ("Index", "Probabilities", "Binary")."""

    name = "choice"

    def __init__(self, *values: str):
        self.values = values
        self.expects = "one of " + ", ".join(values)

    def check(self, value):
        if isinstance(value, str) and value in self.values:
            return value
        raise BadValue


class SymbolChoice(Choice):
    """One of a few symbols (ThreadingLayer's Plus, Times, ...), kept as their names."""

    name = "symbol"

    def shown(self, value):
        return value if isinstance(value, str) else show(value)


class Function(Kind):
    """A scalar function of one variable: a name in ``functions.NAMED`` or a tree over
    "x" (ElementwiseLayer)."""

    name = "function"

    def check(self, value):
        if isinstance(value, str) and value in NAMED:
            return value
        try:
            check_tree(value)
        except NetError:
            raise BadValue from None
        return value

    def problem(self, what, shown):
        return f"{shown} is not a function ElementwiseLayer can apply."


class ThreadFunction(Kind):
    """A scalar function of several variables (ThreadingLayer): one of ``operations``
    (Plus, Times, ...) applied across all inputs, or a tree over "x1", "x2", ..."""

    name = "threadfunction"

    def __init__(self, *operations: str):
        self.operations = operations

    def check(self, value):
        if isinstance(value, str) and value in self.operations:
            return value
        names = variables_of(value)
        if not names or not all(re.fullmatch(r"x[1-9][0-9]*", n) for n in names):
            raise BadValue
        try:
            check_tree(value, tuple(names), "ThreadingLayer")
        except NetError:
            raise BadValue from None
        return value

    def problem(self, what, shown):
        return f"{shown} is not a function ThreadingLayer can apply."


class InputPorts(Kind):
    """The inputs of a layer taking several (InputPorts -> n or a list of their shapes):
    a count, or a tuple of shapes."""

    name = "ports"
    MAX = 10_000    # each port is a few objects in every shape inference: 10^9 never ends

    def check(self, value):
        if is_int(value) and value > self.MAX or \
                isinstance(value, (list, tuple)) and len(value) > self.MAX:
            raise BadValue(f"should number at most {self.MAX:,}")
        if is_int(value) and value >= 1:
            return int(value)
        if isinstance(value, (list, tuple)) and value:
            try:
                return tuple(normalize(s) for s in value)
            except ValueError:
                raise BadValue from None
        raise BadValue

    def problem(self, what, shown):
        return f"{shown} is not a number of inputs or a list of their shapes."


# Plain data of the runtime's own that is never a label (nor are Sym and Call): the
# bridge hands in ints, strings and expressions only, so these come from a crafted file.
NOT_LABELS = (bool, float, type(None), tuple, list, dict, np.generic, np.ndarray)


class Labels(Kind):
    """Class labels: a non-empty list of distinct values, opaque to the runtime (the
    bridge hands in hashable Python values: ints, strings or expressions); with
    ``optional`` None stands for Automatic (the labels 1..n)."""

    name, expects = "labels", "a non-empty list of distinct labels"

    def __init__(self, optional: bool = False):
        self.optional = optional

    def check(self, value):
        if value is None and self.optional:
            return None
        if not isinstance(value, (list, tuple)) or not value:
            raise BadValue
        from .structured import Call, Sym   # structured.py builds on this module's Kind
        if any(issubclass(t, NOT_LABELS + (Sym, Call)) for t in set(map(type, value))):
            raise BadValue("should be integers, strings or expressions")
        try:
            distinct = len(set(value)) == len(value)
        except TypeError:
            raise BadValue from None
        if not distinct:
            raise BadValue("should be distinct")
        return tuple(value)


class Boolean(Kind):
    """True or False."""

    name, expects = "boolean", "True or False"

    def check(self, value):
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise BadValue


class Strings(Kind):
    """A non-empty list of distinct strings (a vocabulary); with ``characters`` each is
    one character (an alphabet). None stands for Automatic when ``optional``."""

    name = "strings"

    def __init__(self, characters: bool = False, optional: bool = False):
        self.characters, self.optional = characters, optional
        self.expects = ("a string or a list of distinct characters" if characters
                        else "a non-empty list of distinct strings")

    def check(self, value):
        if value is None and self.optional:
            return None
        if self.characters and isinstance(value, str):
            value = list(value)
        if not (isinstance(value, (list, tuple)) and value and
                all(isinstance(v, str) and v for v in value)):
            raise BadValue
        if self.characters and any(len(v) != 1 for v in value):
            raise BadValue
        if len(set(value)) != len(value):
            raise BadValue("should be distinct")
        return tuple(value)


class Array(Kind):
    """The initial value of one of the layer's arrays: read-only float32 (Wolfram keeps
    arrays in Real32), of the spec's rank; None removes an optional array."""

    name = "array"

    def __init__(self, rank: int | None = None, optional: bool = False):
        self.rank, self.optional = rank, optional

    def check(self, value):
        if value is None:
            if self.optional:
                return None
            raise BadValue("cannot be None")
        try:
            a = np.array(value, dtype=np.float32)
        except (TypeError, ValueError):
            raise BadValue("should be a numeric array") from None
        if a.dtype == object or not np.all(np.isfinite(a)):
            raise BadValue("should hold finite real numbers")
        if self.rank is not None and a.ndim != self.rank:
            raise BadValue(f"should have rank {self.rank}, not {a.ndim}")
        a.setflags(write=False)
        return a


class RecurrentDropout(Kind):
    """The "Dropout" of a recurrent layer: None, a probability (Wolfram's automatic
    method, "VariationalWeights"), or {method -> probability, ...} with the methods of
    ``DROPOUT_METHODS``: None, a float, or a dict in the order given."""

    name = "dropout"
    tag = "invdrpspc"

    def check(self, value):
        if value is None:
            return None
        if _is_real(value):
            return self._probability(value)
        pairs = value.items() if isinstance(value, dict) else value
        try:
            pairs = [(m, p) for m, p in pairs]
        except (TypeError, ValueError):
            raise BadValue from None
        if not pairs or any(m not in DROPOUT_METHODS for m, _ in pairs):
            raise BadValue
        return {m: self._probability(p) for m, p in pairs}

    @staticmethod
    def _probability(p):
        if _is_real(p) and 0 <= p <= 1:
            return float(p)
        raise BadValue(text="Dropout probabilities should be numeric values between 0 "
                            "and 1.", tag="invdrppval")

    def problem(self, what, shown):
        methods = [f'"{m}"' for m in DROPOUT_METHODS]
        return ('Specification for "Dropout" should be either None, a numeric probability, '
                'or a list of rules mapping methods to probabilities, where the allowed '
                f'methods are {", ".join(methods[:-1])} and {methods[-1]}.')


DROPOUT_METHODS = ("VariationalWeights", "VariationalInput", "VariationalState", "StateUpdate")


@dataclass(frozen=True)
class Param:
    """One positional argument or option of a layer.

    ``port``: the value *is* that port's shape (LinearLayer's size is its output shape),
    so it is stored there and read back from there. ``symbol``: the option is named by a
    symbol (``InputPorts -> 2``), not a string. ``keyword``: a positional argument that
    can also be given as an option of its name (PoolingLayer's stride: ``PoolingLayer[2,
    2]`` or ``PoolingLayer[2, "Stride" -> 2]``). ``what``: the words messages use for it.
    """

    name: str
    kind: Kind
    default: object = None
    what: str = ""
    required: bool = False
    symbol: bool = False
    port: str | None = None
    keyword: bool = False

    @property
    def python(self) -> str:
        """The keyword of the Python constructor: "InputPorts" -> input_ports."""
        out = ""
        for i, c in enumerate(self.name):
            if c.isupper() and i and not self.name[i - 1].isupper():
                out += "_"
            out += c.lower()
        return out

    def check(self, head: str, value):
        """The value in normal form, or NetError(head, "invarg", words)."""
        try:
            return self.kind.check(value)
        except BadValue as bad:
            raise NetError(head, bad.tag or self.kind.tag, bad.text or
                           self.problem(self.kind.shown(value), bad.detail)) from None

    def problem(self, shown: str, detail: str | None = None) -> str:
        what = self.what or f"the {self.name}"
        return f"{what} {detail}." if detail else self.kind.problem(what, shown)




def check_values(head: str, arguments: tuple, by_name: dict, args, options: dict) -> dict:
    """{name: value in normal form} for positional ``args`` (read by ``arguments``, in
    order) and named ``options`` (by Wolfram name in ``by_name``), or NetError(head,
    "invarg") for a bad value, an unknown option, too many arguments or a missing
    required one. Layers and coders both declare their parameters this way."""
    if len(args) > len(arguments):
        raise NetError(head, "invarg", f"{head} takes at most {len(arguments)} positional "
                       f"arguments, not {len(args)}.")
    values = {p.name: p.check(head, v) for p, v in zip(arguments, args)
              if v is not None}     # None: Automatic, the argument left to inference
    for name, value in options.items():
        param = by_name.get(name)
        if param is None or (param in arguments and not param.keyword):
            raise NetError(head, "invarg", f"{show(name)} is not an option of {head}.")
        if name in values:
            raise NetError(head, "invarg", f"the {name} is given twice.")
        values[name] = param.check(head, value)
    missing = [p.name for p in arguments if p.required and p.name not in values]
    if missing:
        raise NetError(head, "invarg", f"{head} needs its {missing[0]}.")
    return values
