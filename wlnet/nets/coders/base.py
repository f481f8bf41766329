"""Coder: what sits on a port of a net between the values a user gives or gets (class
labels, True/False, strings) and the arrays the net computes with.

A coder is declared like a layer: a head ("NetEncoder" or "NetDecoder"), a kind
("Class"), positional ``arguments`` and named ``options`` as ``Param`` values with
kinds (``arguments.py``), and a ``shape``: the port shape it produces (an encoder) or
takes (a decoder). The runtime keeps no expressions: labels are opaque hashable Python
values handed in by the bridge (ints, strings, or expressions it never looks into), and
encoders take Python values of the sort ``takes`` names ("label", "boolean", "real",
"string"); the bridge converts Wolfram values to them and back.

An input a coder cannot take raises ``CoderError`` with a template whose `` slots the
bridge fills with the offending values in its own notation.
"""
import numpy as np

from ..arguments import check_values
from ..errors import NetError

ENCODERS: dict = {}
DECODERS: dict = {}


class CoderError(Exception):
    """An input the coder cannot encode or decode: ``template`` with `` slots for the
    ``values`` (opaque to the runtime, shown by the bridge)."""

    def __init__(self, template: str, *values):
        super().__init__(template)
        self.template, self.values = template, values


def unit_vectors(codes: np.ndarray, n: int) -> np.ndarray:
    """Integer codes 1..n as one-hot vectors along a new last axis."""
    return np.eye(n, dtype=np.int64)[codes - 1]


def register(cls):
    """Class decorator: make the coder known by its head and kind."""
    table = ENCODERS if cls.head == "NetEncoder" else DECODERS
    if cls.kind in table:
        raise ValueError(f"{cls.head}[{cls.kind!r}] is defined twice")
    table[cls.kind] = cls
    return cls


def coder_class(head: str, kind: str):
    """The class of NetEncoder[kind] or NetDecoder[kind], or NetError badtype."""
    table = ENCODERS if head == "NetEncoder" else DECODERS
    cls = table.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(sorted(table))
        raise NetError(head, "badtype", f"{kind} is not a valid {head} type; wlnet has "
                       f"{known}.")
    return cls


def port_spec(head: str, port: str, value, is_input: bool):
    """A port option's value as (shape, coder or None): a coder brings its own shape, and
    a coder's kind ("Boolean") stands for that coder with its defaults. A NetDecoder
    given to an input port, or a NetEncoder to an output, is NetError invarg."""
    table = ENCODERS if is_input else DECODERS
    if isinstance(value, str) and value in table:
        value = table[value].build([], {})
    if not isinstance(value, Coder):
        return value, None
    if isinstance(value, Encoder) != is_input:
        side = "input" if is_input else "output"
        raise NetError(head, "invarg", f"a {value.head} cannot be attached to the {side} "
                       f"port {port}.")
    return value.shape, value


def fitted(coders: dict, shapes: dict) -> dict:
    """The coders of a net's ports fitted to the ports' current shapes."""
    return {p: c.fitted(shapes.get(p)) for p, c in coders.items() if p in shapes}


class Coder:
    """Base of encoders and decoders: parameters, port shape, equality by value."""

    head = "Coder"
    kind = ""
    usage_kind = ""            # the word a net summary shows for the port ("class")
    arguments: tuple = ()
    options: tuple = ()

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls._by_name = {p.name: p for p in cls.arguments + cls.options}

    def __init__(self, *args, **options):
        """Python code builds one by Wolfram names: ClassEncoder(("a", "b"))."""
        self._setup(list(args), options)

    @classmethod
    def build(cls, args, options: dict) -> "Coder":
        coder = cls.__new__(cls)
        coder._setup(list(args), dict(options))
        return coder

    @classmethod
    def param(cls, name: str):
        return cls._by_name[name]

    @classmethod
    def form(cls) -> str:
        """How Wolfram prints the coder in a terminal and names it in messages:
        NetEncoder[{"Class", …}] when it takes arguments, else NetEncoder["Boolean"]."""
        return f'{cls.head}[{{"{cls.kind}", \u2026}}]' if cls.arguments else \
            f'{cls.head}["{cls.kind}"]'

    @classmethod
    def check_arguments(cls, args, options: dict) -> dict:
        """The parameters in normal form, or NetError invcdrarg (Wolfram's tag for a bad
        coder argument)."""
        try:
            return check_values(cls.form(), cls.arguments, cls._by_name, args, options)
        except NetError as e:
            raise NetError(cls.head, "invcdrarg", e.text) from None

    def _setup(self, args, options):
        values = self.check_arguments(args, options)
        self.params = {p.name: values.get(p.name, p.default)
                       for p in self.arguments + self.options}
        self.validate()

    def validate(self):
        """Checks between parameters (a coder overrides it); NetError invcdrarg."""

    def fail(self, text: str):
        return NetError(self.head, "invcdrarg", text)

    # -- what a coder provides ------------------------------------------------------
    @property
    def shape(self):
        """The port shape: what an encoder produces, what a decoder takes."""
        raise NotImplementedError

    def fitted(self, shape) -> "Coder":
        """This coder on a port of the given (known) shape: a decoder whose size was
        left open takes it (NetDecoder["Class"] on a 10-vector has the labels 1..10)."""
        return self

    # -- values ----------------------------------------------------------------------
    def parameters(self) -> dict:
        """{Wolfram name: value}: what Normal[coder] and coder[["name"]] give."""
        return dict(self.params)

    def constructor(self):
        """(arguments, options) that rebuild this coder: every argument up to the last
        one that differs from its default, and the options that differ from theirs."""
        args = [self.params[p.name] for p in self.arguments]
        while args and args[-1] == self.arguments[len(args) - 1].default:
            args.pop()
        options = {p.name: self.params[p.name] for p in self.options
                   if self.params[p.name] != p.default}
        return args, options

    def _key(self):
        return (self.head, self.kind, tuple(sorted(self.params.items(), key=str)))

    def __eq__(self, other):
        return isinstance(other, Coder) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"{self.head}[{self.kind!r}, {self.params!r}]"


class Encoder(Coder):
    """An encoder: ``encode`` a batch of Python values into an array (or a list of
    arrays of several lengths for sequences); ``bypass`` takes data that is already
    encoded."""

    head = "NetEncoder"
    takes = "label"            # the Python values encode() takes (see the module doc)
    index_count = None         # for integer codes: how many there are (an embedding's size)

    def encode(self, values: list):
        raise NotImplementedError

    def bypass(self, array):
        """``array`` (a batch of numeric data) if it is already this encoder's output and
        the encoder lets such data through, else None."""
        return None

    def decoder(self) -> "Decoder":
        """NetDecoder[encoder]: the decoder with the same parameters."""
        raise NetError(self.head, "nodecoder", f"wlnet has no NetDecoder for the "
                       f"{self.kind} encoder.")


class Decoder(Coder):
    """A decoder: turns a batch of arrays into Python values (the bridge makes them
    expressions), by property."""

    head = "NetDecoder"
    properties: tuple = ()     # the property names net[x, prop] takes, as Wolfram lists them

    def encoder(self, index_target: bool = True) -> Encoder:
        """The encoder NetTrain puts on a loss's "Target" port for an output with this
        decoder (``index_target``: the loss takes class indices, not vectors)."""
        raise NetError(self.head, "noencoder", f"wlnet has no NetEncoder for the "
                       f"{self.kind} decoder.")
